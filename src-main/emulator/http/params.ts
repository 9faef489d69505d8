import { checkMetadata } from '../params/business-rules';
import { invalidRequest } from './errors';

/** Decoded request parameters: nested objects/arrays of strings, like Stripe's form encoding. */
export type ParamValue = string | ParamValue[] | Params;
export interface Params {
  [key: string]: ParamValue;
}

/**
 * Parses `a[b][0][c]=v` / `expand[]=x` pairs into nested params. Objects whose keys are all
 * indexes become arrays, because stripe-node encodes arrays as `items[0][price]`.
 */
export function parseParams(pairs: Iterable<[string, string]>): Params {
  const root: Params = {};
  for (const [rawKey, value] of pairs) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!match) throw invalidRequest(`Invalid parameter name: ${rawKey}`, rawKey);
    const path = [match[1] as string, ...[...(match[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '')];
    assign(root, path, value, rawKey);
  }
  return arrayify(root) as Params;
}

function assign(target: Params, path: string[], value: string, rawKey: string): void {
  let node: Params = target;
  for (let i = 0; i < path.length; i++) {
    let key = path[i] as string;
    if (key === '') key = appendIndex(node, path.slice(i + 1));
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (next === undefined) {
      const child: Params = {};
      node[key] = child;
      node = child;
    } else if (typeof next === 'object' && !Array.isArray(next)) {
      node = next;
    } else {
      throw invalidRequest(`Invalid parameter: ${rawKey} conflicts with a scalar value.`, rawKey);
    }
  }
}

/**
 * `[]` appends; in older clients' `items[][price]=a&items[][quantity]=1&items[][price]=b` it continues the
 * last element until a key repeats (Rack's rule), so that makes two items, not three.
 */
function appendIndex(node: Params, rest: string[]): string {
  const count = Object.keys(node).length;
  const last = node[String(count - 1)];
  const continues = rest.length > 0 && rest[0] !== '' && isHash(last) && !hasLeaf(last, rest);
  return String(continues ? count - 1 : count);
}

function isHash(value: ParamValue | undefined): value is Params {
  return typeof value === 'object' && !Array.isArray(value);
}

function hasLeaf(node: Params, path: string[]): boolean {
  const [head, ...rest] = path;
  const child = node[head as string];
  if (child === undefined) return false;
  return rest.length === 0 || !isHash(child) || hasLeaf(child, rest);
}

function arrayify(value: ParamValue): ParamValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: Params = {};
  for (const key of keys) converted[key] = arrayify(value[key] as ParamValue);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => converted[k] as ParamValue);
  }
  return converted;
}

export function parseFormBody(body: string): Params {
  return parseParams(new URLSearchParams(body).entries());
}

/** Typed accessors that raise Stripe's 400 for the wrong kind of value. */
export class ParamReader {
  constructor(readonly params: Params) {}

  has(name: string): boolean {
    return this.params[name] !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name}`, name);
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw invalidRequest(`Invalid integer: ${value}`, name);
    return Number(value);
  }

  boolean(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') throw invalidRequest(`Invalid boolean: ${value}`, name);
    return value === 'true';
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalidRequest(`Invalid ${name}: must be one of ${allowed.join(', ')}`, name);
    }
    return value as T;
  }

  /** `field=''` clears a hash in Stripe; returns null for that case. */
  object(name: string): Params | null | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    if (value === '') return null;
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest(`Invalid object: ${name}`, name);
    return value;
  }

  stringList(name: string): string[] | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
    throw invalidRequest(`Invalid array: ${name}`, name);
  }

  /** `metadata[k]=v`; an empty value deletes the key, `metadata=''` clears all. */
  metadata(current: Record<string, string>): Record<string, string> | undefined {
    const value = this.params.metadata;
    if (value === undefined) return undefined;
    if (value === '') return {};
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest('Invalid object', 'metadata');
    const next = { ...current };
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') throw invalidRequest(`Invalid metadata value for ${k}`, `metadata[${k}]`);
      if (v === '') delete next[k];
      else next[k] = v;
    }
    // The limits hold for the merged result, not just this request's keys.
    checkMetadata(next, 'metadata');
    return next;
  }
}
