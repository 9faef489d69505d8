import { ApiError, invalidRequest } from '../http/errors';
import type { ParamValue, Params } from '../http/params';
import { resolveRef, type ParamSchema } from './table';

/** Validates one decoded value at `path` (e.g. `address[city]`), throwing Stripe's 400. */
type Check = (value: ParamValue, path: string) => void;

export type RouteValidator = (params: Params, fileFields: readonly string[]) => void;

const join = (path: string, key: string): string => (path ? `${path}[${key}]` : key);

export function parameterUnknown(param: string): ApiError {
  return invalidRequest(`Received unknown parameter: ${param}`, param, 'parameter_unknown');
}

export function parameterMissing(param: string): ApiError {
  return invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
}

function invalidEmpty(param: string): ApiError {
  return invalidRequest(
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    param,
    'parameter_invalid_empty',
  );
}

export function unsupportedByDemo(param: string): ApiError {
  return invalidRequest(
    `The demo account does not support the parameter '${param}' yet (Stripe accepts it). Remove it, or use a Stripe test account.`,
    param,
    'emulator_parameter_unsupported',
  );
}

const isHash = (value: ParamValue): value is Params => typeof value === 'object' && !Array.isArray(value);

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)$/;

function listWords(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')}, or ${values[values.length - 1]}`;
}

/** Compiles schemas once per route; refs are shared (and may be recursive), so they compile lazily. */
class Compiler {
  private readonly refs = new Map<string, Check>();

  compile(schema: ParamSchema): Check {
    if ('ref' in schema) return this.ref(schema.ref);
    switch (schema.k) {
      case 'string':
        return this.string(schema.e);
      case 'integer':
        return scalar(
          'integer',
          (v) => INTEGER.test(v),
          (v, path) => invalidRequest(`Invalid integer: ${v}`, path, 'parameter_invalid_integer'),
        );
      case 'number':
      case 'decimal':
        return scalar(
          'decimal',
          (v) => DECIMAL.test(v),
          (v, path) => invalidRequest(`Invalid decimal: ${v}`, path),
        );
      case 'boolean':
        return scalar(
          'boolean',
          (v) => v === 'true' || v === 'false',
          (v, path) => invalidRequest(`Invalid boolean: ${v}`, path),
        );
      case 'any':
        return () => undefined;
      case 'object':
        return this.object(schema.p, schema.r ?? []);
      case 'map':
        return this.map(schema.v);
      case 'array':
        return this.array(schema.i);
      case 'union':
        return this.union(schema.of);
    }
  }

  /** Top level: multipart file fields count as present and are checked by the handler. */
  root(schema: ParamSchema): RouteValidator {
    const resolved = 'ref' in schema ? resolveRef(schema.ref) : schema;
    if (!('k' in resolved) || resolved.k !== 'object') throw new Error('Endpoint parameters must be an object');
    const checks = this.properties(resolved.p);
    const required = resolved.r ?? [];
    return (params, fileFields) => {
      for (const field of fileFields) if (!checks.has(field)) throw parameterUnknown(field);
      checkProperties(
        params,
        '',
        checks,
        required.filter((name) => !fileFields.includes(name)),
      );
    };
  }

  private ref(name: string): Check {
    let check = this.refs.get(name);
    if (!check) {
      let compiled: Check | undefined;
      check = (value, path) => (compiled ??= this.compile(resolveRef(name)))(value, path);
      this.refs.set(name, check);
    }
    return check;
  }

  private string(values: string[] | undefined): Check {
    if (!values) return scalar('string');
    const allowed = new Set(values);
    return scalar(
      'string',
      (v) => allowed.has(v),
      (v, path) => invalidRequest(`Invalid ${path}: must be one of ${listWords(values)}`, path),
    );
  }

  private properties(props: Record<string, ParamSchema>): Map<string, PropertyCheck> {
    return new Map(
      Object.entries(props).map(([name, schema]) => [name, { check: this.compile(schema), empty: emptyRule(schema) }]),
    );
  }

  private object(props: Record<string, ParamSchema>, required: string[]): Check {
    let checks: Map<string, PropertyCheck> | undefined;
    return (value, path) => {
      if (!isHash(value)) throw invalidRequest('Invalid hash', path);
      checkProperties(value, path, (checks ??= this.properties(props)), required);
    };
  }

  private map(valueSchema: ParamSchema): Check {
    const check = this.compile(valueSchema);
    return (value, path) => {
      // `metadata[0]=x` decodes to an array; its keys are still keys.
      if (typeof value === 'string') throw invalidRequest('Invalid hash', path);
      for (const [key, entry] of Object.entries(value)) if (entry !== '') check(entry, join(path, key));
    };
  }

  private array(itemSchema: ParamSchema): Check {
    const check = this.compile(itemSchema);
    const empty = emptyRule(itemSchema);
    return (value, path) => {
      if (!Array.isArray(value)) throw invalidRequest('Invalid array', path);
      value.forEach((item, index) => {
        const itemPath = join(path, String(index));
        if (item === '') {
          if (empty === 'invalid') throw invalidEmpty(itemPath);
          return;
        }
        check(item, itemPath);
      });
    };
  }

  /** Picks the options that fit the value's shape first, so `created=123` vs `created[lte]=…` costs no exception. */
  private union(options: ParamSchema[]): Check {
    const byShape = new Map<Shape, Check[]>();
    const all = options.map((option) => this.compile(option));
    options.forEach((option, i) => {
      for (const shape of shapesOf(option)) byShape.set(shape, [...(byShape.get(shape) ?? []), all[i] as Check]);
    });
    return (value, path) => {
      // No option takes this shape: the first option's own check says what was expected.
      const checks = byShape.get(shapeOf(value)) ?? all.slice(0, 1);
      if (checks.length === 1) return (checks[0] as Check)(value, path);
      let first: unknown;
      for (const check of checks) {
        try {
          check(value, path);
          return;
        } catch (error) {
          first ??= error;
        }
      }
      throw first;
    };
  }
}

type Shape = 'scalar' | 'hash' | 'array';

const shapeOf = (value: ParamValue): Shape =>
  typeof value === 'string' ? 'scalar' : Array.isArray(value) ? 'array' : 'hash';

function shapesOf(schema: ParamSchema): Shape[] {
  const resolved = 'ref' in schema ? resolveRef(schema.ref) : schema;
  if ('ref' in resolved) return shapesOf(resolved);
  switch (resolved.k) {
    case 'object':
      return ['hash'];
    case 'map':
      return ['hash', 'array']; // `metadata[0]=x` decodes to an array
    case 'array':
      return ['array'];
    case 'union':
      return resolved.of.flatMap(shapesOf);
    case 'any':
      return ['scalar', 'hash', 'array'];
    default:
      return ['scalar'];
  }
}

interface PropertyCheck {
  check: Check;
  /** What `''` means for it: unset (`ok`), an empty required string, or a type that can't be unset. */
  empty: 'ok' | 'string' | 'invalid';
}

function emptyRule(schema: ParamSchema): PropertyCheck['empty'] {
  if (schema.empty) return 'ok';
  const resolved = 'ref' in schema ? resolveRef(schema.ref) : schema;
  if ('k' in resolved && resolved.k === 'string' && !resolved.e) return 'string';
  if ('k' in resolved && resolved.k === 'union' && resolved.of.some((o) => 'k' in o && o.k === 'string' && !o.e))
    return 'string';
  return 'invalid';
}

function checkProperties(
  value: Params,
  path: string,
  checks: Map<string, PropertyCheck>,
  required: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    const property = checks.get(key);
    const param = join(path, key);
    if (!property) throw parameterUnknown(param);
    const entry = value[key] as ParamValue;
    if (entry === '') {
      if (property.empty === 'ok') continue;
      if (property.empty === 'string' && !required.includes(key)) continue; // Stripe unsets optional strings
      if (property.empty === 'string')
        throw invalidRequest(`Invalid ${param}: must be a non-empty string`, param, 'parameter_invalid_string_empty');
      throw invalidEmpty(param);
    }
    if (typeof entry === 'string' && property.empty === 'string' && required.includes(key) && entry.trim() === '') {
      throw invalidRequest(
        `Invalid ${param}: must contain a non-whitespace character`,
        param,
        'parameter_invalid_string_blank',
      );
    }
    property.check(entry, param);
  }
  for (const key of required) if (value[key] === undefined) throw parameterMissing(join(path, key));
}

function scalar(
  kind: string,
  valid?: (value: string) => boolean,
  error?: (value: string, path: string) => ApiError,
): Check {
  return (value, path) => {
    if (typeof value !== 'string') {
      throw invalidRequest(
        `Invalid ${kind}: ${path} takes a ${kind}, not ${Array.isArray(value) ? 'an array' : 'a hash'}`,
        path,
      );
    }
    if (valid && error && !valid(value)) throw error(value, path);
  };
}

/** Parameters every route honours wherever Stripe takes them (paging, expansion, search). */
const ALWAYS_ACCEPTED = ['expand', 'limit', 'starting_after', 'ending_before', 'page', 'query', 'created'];

/**
 * A handler that lists what it `accepts` refuses the rest of Stripe's parameters with a clear
 * "not supported by the demo" 400 instead of ignoring them. Entries are names or bracket paths
 * (`invoice_settings[default_payment_method]`); a name accepts everything beneath it.
 */
export function supportedParamsCheck(accepts: readonly string[]): (params: Params) => void {
  const accepted = new Set([...ALWAYS_ACCEPTED, ...accepts]);
  const prefixes = new Set(accepts.flatMap((entry) => parentPaths(entry)));
  const visit = (value: Params, path: string): void => {
    for (const key of Object.keys(value)) {
      const param = join(path, key);
      if (accepted.has(param)) continue;
      const entry = value[key] as ParamValue;
      if (prefixes.has(param) && isHash(entry)) visit(entry, param);
      else if (!(prefixes.has(param) && entry === '')) throw unsupportedByDemo(param);
    }
  };
  return (params) => visit(params, '');
}

function parentPaths(entry: string): string[] {
  const parts = entry.split('[');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('['));
}

export function compileValidator(schema: ParamSchema): RouteValidator {
  return new Compiler().root(schema);
}
