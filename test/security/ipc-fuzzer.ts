/**
 * The IPC fuzzer: seeded, bounded payloads on every channel of the contract, built from each call's own schema
 * (so many get past validation and reach the handlers) and then made hostile — prototype-pollution keys,
 * NaN/Infinity, deep nesting, huge strings, NUL and control characters, SQL/FTS operators, path traversal,
 * structured-clone values (Date, Map, typed arrays, BigInt). Shared by `npm test` (a small slice) and
 * `npm run bench:fuzz` (the long run).
 *
 * Invariants, per payload:
 *  - crashes: `dispatch` threw, its result doesn't survive serialisation, it carries a secret, or
 *    Object.prototype was polluted — none may happen;
 *  - internal_errors: an `internal` error code (hostile input must get a clear error, not a failure);
 *  - state_changes_from_invalid: an invalid call (one the contract's schema refuses, or the app refuses as
 *    `invalid_input`) changed the app's state (app.db, the data dir's files, settings, session, accounts).
 *    A well-formed call Stripe refuses is not invalid: the ledger must record that attempt.
 */
import { z } from 'zod';
import { calls, callNames, type CallName } from '../../src-preload/contract';

export interface FuzzTarget {
  dispatch(name: string, payload: unknown): Promise<unknown>;
  /** The app's state as a string: equal before and after a refused call. */
  fingerprint(): string;
  /** Connected account ids, so generated scopes reach real data. */
  accountIds: string[];
  /** Strings that must never appear in a result (keys, signing secrets). */
  secrets: string[];
}

export interface FuzzReport {
  payloads: number;
  crashes: number;
  internal_errors: number;
  state_changes_from_invalid: number;
  /** Payloads the contract's schema accepted (they reached a handler). */
  reached: number;
  channels: number;
  /** The first few violations, for the failure message. */
  failures: string[];
}

export interface FuzzOptions {
  seed: number;
  payloads: number;
  /** Upper bound of a huge string; the npm-test slice keeps it small. */
  hugeStringBytes?: number;
  onProgress?: (done: number) => void;
}

type Schema = Record<string, unknown>;
type Rng = () => number;

/** mulberry32: small, seedable, good enough to pick. */
function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

class Generator {
  constructor(
    private readonly rng: Rng,
    private readonly accountIds: string[],
    private readonly hugeStringBytes: number,
  ) {}

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rng() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.rng() < p;
  }
  alnum(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ALNUM[Math.floor(this.rng() * ALNUM.length)];
    return out;
  }

  /** A value the schema (JSON Schema, from zod) probably accepts. */
  valid(schema: Schema, depth = 0): unknown {
    const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
    if (options) return this.valid(this.pick(options), depth + 1);
    if ('const' in schema) return schema.const;
    if (Array.isArray(schema.enum)) return this.pick(schema.enum);
    switch (schema.type) {
      case 'object': {
        const properties = (schema.properties ?? {}) as Record<string, Schema>;
        const required = new Set((schema.required ?? []) as string[]);
        const out: Record<string, unknown> = {};
        for (const [key, child] of Object.entries(properties))
          if (required.has(key) || this.chance(0.5)) out[key] = this.valid(child, depth + 1);
        return out;
      }
      case 'array': {
        const items = (schema.items ?? {}) as Schema;
        const min = (schema.minItems as number | undefined) ?? 0;
        const max = Math.min((schema.maxItems as number | undefined) ?? 3, min + 3);
        return Array.from({ length: this.int(min, max) }, () => this.valid(items, depth + 1));
      }
      case 'string':
        return this.string(schema);
      case 'integer':
      case 'number': {
        const lo =
          (schema.minimum as number | undefined) ?? ((schema.exclusiveMinimum as number | undefined) ?? -1) + 1;
        const hi = Math.min((schema.maximum as number | undefined) ?? lo + 10_000, lo + 10_000);
        return this.int(Math.max(lo, -1_000_000), Math.max(hi, lo));
      }
      case 'boolean':
        return this.chance(0.5);
      case 'null':
        return null;
      default:
        return this.hostile(depth);
    }
  }

  private string(schema: Schema): string {
    const pattern = typeof schema.pattern === 'string' ? schema.pattern : '';
    if (pattern.startsWith('^acct_'))
      return this.chance(0.8) && this.accountIds.length > 0 ? this.pick(this.accountIds) : `acct_1${this.alnum(12)}`;
    const prefix = /^\^([a-z]+_)/.exec(pattern)?.[1];
    if (prefix) return prefix + this.alnum(this.int(4, 24));
    if (pattern.includes('[a-z]{3}')) return this.pick(['usd', 'eur', 'jpy', 'bhd', 'xxx']);
    if (pattern.includes('[a-z_.]')) return this.pick(['charge.refunded', 'charge.', 'customer.*', 'invoice.paid']);
    if (schema.format === 'uuid') return this.uuid();
    if (schema.format === 'uri')
      return this.pick(['https://dashboard.stripe.com/test/payments', 'https://evil.example/']);
    if (schema.format === 'email') return `${this.alnum(6)}@example.com`;
    const max = Math.min((schema.maxLength as number | undefined) ?? 40, 40);
    const min = Math.min((schema.minLength as number | undefined) ?? 0, max);
    return this.alnum(this.int(min, max));
  }

  private uuid(): string {
    const hex = () => Math.floor(this.rng() * 16).toString(16);
    const run = (n: number) => Array.from({ length: n }, hex).join('');
    return `${run(8)}-${run(4)}-4${run(3)}-${this.pick(['8', '9', 'a', 'b'])}${run(3)}-${run(12)}`;
  }

  /** Something a hostile renderer might send instead. */
  hostile(depth = 0): unknown {
    const values: (() => unknown)[] = [
      () => NaN,
      () => Infinity,
      () => -Infinity,
      () => -0,
      () => 1e308,
      () => -1,
      () => 2 ** 53 + 1,
      () => 0.5,
      () => 10n ** 30n,
      () => '',
      () => '\u0000',
      () => `a\u0000b`,
      () => '\u0001\u0007\u001b[31m\u007f',
      () => '\ud800',
      () => '"',
      () => `' OR 1=1 --`,
      () => `"); DROP TABLE activity; --`,
      () => 'NEAR(a b) OR c* ^d e:f',
      () => '../../../../etc/passwd',
      () => 'acct_../../escape',
      () => '<img src=x onerror=alert(1)>',
      () => 'sk_live_' + 'F'.repeat(24),
      () => 'x'.repeat(this.int(1_000, this.hugeStringBytes)),
      () => null,
      () => undefined,
      () => true,
      () => [],
      () => ({}),
      () => new Date(NaN),
      () => new Map([['__proto__', { polluted: true }]]),
      () => new Uint8Array(16),
      () => pollution(),
      () => (depth < 3 ? nested(this.int(100, 3_000)) : null),
    ];
    return this.pick(values)();
  }

  /** Replaces one node of a payload (or the whole of it) with a hostile value. */
  mutate(payload: unknown): unknown {
    if (payload === null || typeof payload !== 'object' || this.chance(0.1)) return this.hostile();
    const object = payload as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 0 || this.chance(0.2)) {
      const key = this.pick(['__proto__', 'constructor', 'prototype', 'toString', 'scope', 'extra', 'valueOf']);
      return withOwnKey(object, key, this.chance(0.5) ? pollution() : this.hostile());
    }
    const key = this.pick(keys);
    const child = object[key];
    return {
      ...object,
      [key]: child !== null && typeof child === 'object' && this.chance(0.5) ? this.mutate(child) : this.hostile(),
    };
  }
}

/** `{"__proto__": {...}}` as JSON.parse makes it: an own property, the classic pollution payload. */
function pollution(): unknown {
  return JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}');
}

function withOwnKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A serialisable summary of a payload for a failure message (huge strings cut). */
function describe(payload: unknown): string {
  try {
    const text = JSON.stringify(payload, (_k, v: unknown) =>
      typeof v === 'bigint' ? `${v}n` : typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length})` : v,
    );
    return (text ?? String(payload)).slice(0, 300);
  } catch {
    return `[${typeof payload}]`;
  }
}

const schemas = new Map<CallName, Schema>(
  callNames.map((name) => [
    name,
    z.toJSONSchema(calls[name].input, { unrepresentable: 'any', io: 'input' }) as unknown as Schema,
  ]),
);

export async function fuzzIpc(target: FuzzTarget, options: FuzzOptions): Promise<FuzzReport> {
  const gen = new Generator(prng(options.seed), target.accountIds, options.hugeStringBytes ?? 64 * 1024);
  const report: FuzzReport = {
    payloads: 0,
    crashes: 0,
    internal_errors: 0,
    state_changes_from_invalid: 0,
    reached: 0,
    channels: callNames.length,
    failures: [],
  };
  const fail = (kind: string, name: string, payload: unknown, detail = '') => {
    if (report.failures.length < 10) report.failures.push(`${kind} on ${name}: ${describe(payload)} ${detail}`.trim());
  };
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).join();
  for (let i = 0; i < options.payloads; i++) {
    // Every channel in turn; most payloads start valid so they reach the handler, then most are made hostile.
    const name = callNames[i % callNames.length]!;
    const base = gen.valid(schemas.get(name)!);
    const payload = gen.chance(0.25) ? base : gen.mutate(base);
    const before = target.fingerprint();
    let result: { ok?: unknown; error?: { code?: unknown } };
    try {
      result = (await target.dispatch(name, payload)) as typeof result;
    } catch (err) {
      report.crashes++;
      fail('throw', name, payload, String(err));
      continue;
    } finally {
      report.payloads++;
      options.onProgress?.(report.payloads);
    }
    let serialised: string;
    try {
      serialised = JSON.stringify(result);
      if (typeof result?.ok !== 'boolean') throw new Error('not a Result');
    } catch (err) {
      report.crashes++;
      fail('unserialisable result', name, payload, String(err));
      continue;
    }
    if (target.secrets.some((secret) => serialised.includes(secret))) {
      report.crashes++;
      fail('secret in result', name, payload);
    }
    if (
      Object.getOwnPropertyNames(Object.prototype).join() !== prototypeKeys ||
      ({} as Record<string, unknown>)['polluted'] !== undefined
    ) {
      report.crashes++;
      fail('prototype polluted', name, payload);
    }
    const schemaValid = calls[name].input.safeParse(payload).success;
    if (schemaValid) report.reached++;
    if (result.ok) continue;
    if (result.error?.code === 'internal') {
      report.internal_errors++;
      fail('internal error', name, payload, serialised.slice(0, 200));
    }
    const invalid = !schemaValid || result.error?.code === 'invalid_input';
    if (invalid && target.fingerprint() !== before) {
      report.state_changes_from_invalid++;
      fail('state change from a refused call', name, payload, serialised.slice(0, 200));
    }
  }
  return report;
}
