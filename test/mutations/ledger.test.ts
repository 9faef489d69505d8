import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import Stripe from 'stripe';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActivityLog } from '../../src-main/activity/activity-log';
import { openAppDatabase } from '../../src-main/app/app-db';
import { MutationStore } from '../../src-main/mutations/mutation-store';
import { openDatabase } from '../../src-main/platform/sqlite';
import {
  KEY_LIFETIME_SECONDS,
  MutationLedger,
  type MutationExecutor,
  type LookupContext,
  type MutationIntent,
  type SendContext,
} from '../../src-main/mutations/mutation-ledger';
import { ConsoleError, type Scope } from '../../src-preload/contract';
import { allowsNewRequest, mayHaveExecuted, writeOutcomeOf } from '../../src-preload/contract/write-outcome';

interface Written {
  id: string;
  status: string;
}

declare module '../../src-main/mutations/mutation-ledger' {
  interface MutationKinds {
    'test.write': { params: { target: string; amount: number }; result: Written };
    'test.other': { params: { target: string; amount: number }; result: Written };
  }
}

/**
 * The ledger's state machine on its own, with Stripe's real error classes. The executor plays Stripe: each
 * scripted answer is one attempt; `requests` counts the HTTP requests the SDK would report for the key.
 */
type Answer = ({ ok: Written } | { error: unknown; requests?: number }) & {
  /** Requests another write on the same client makes meanwhile, with its own key. */
  others?: number;
};

const scope: Scope = { accountId: 'acct_1', mode: 'test' };
let dir: string;
let db: Database.Database;
let now: number;
let ledger: MutationLedger;
let script: Answer[];
let sends: SendContext[];
let finds: number;
let lookups: LookupContext[];
let found: Written | null;
let findFails: boolean;
let settledAt: number[];
let settled: Written[];
let settleFails: boolean;
const warnings: string[] = [];
const warnedFields: Record<string, unknown>[] = [];

/** A stand-in for the SDK's client: only its `request` events, which the ledger counts per idempotency key. */
function fakeClient() {
  type Listener = (event: { idempotency_key?: string }) => void;
  const listeners = new Map<string, Set<Listener>>();
  const named = (name: string) => listeners.get(name) ?? listeners.set(name, new Set()).get(name)!;
  return {
    on: (name: string, l: Listener) => named(name).add(l),
    off: (name: string, l: Listener) => named(name).delete(l),
    request: (key: string) => named('request').forEach((l) => l({ idempotency_key: key })),
    /** Listeners left on the client: it is shared by every write of the account, so none may stay behind. */
    listening: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
}
let client: ReturnType<typeof fakeClient>;

function executor(withFind: boolean): MutationExecutor<'test.write'> {
  return {
    send: async (_stripe, _params, context) => {
      sends.push(context);
      const answer = script.shift() ?? { ok: { id: 'obj_default', status: 'succeeded' } };
      const requests = 'error' in answer ? (answer.requests ?? 1) : 1;
      for (let i = 0; i < requests; i++) client.request(context.idempotencyKey);
      for (let i = 0; i < (answer.others ?? 0); i++) client.request('sc-test.write-another-intent');
      if ('error' in answer) throw answer.error;
      return { id: answer.ok.id, status: answer.ok.status, requestId: 'req_1', object: answer.ok };
    },
    ...(withFind
      ? {
          find: async (_stripe, _params, context) => {
            finds++;
            lookups.push(context);
            if (findFails) throw new Stripe.errors.StripeAPIError({ message: 'Look-up failed', statusCode: 500 });
            return found ? { id: found.id, status: found.status, requestId: null, object: found } : null;
          },
        }
      : {}),
    settle: (_scope, outcome, sentAt) => {
      settledAt.push(sentAt);
      if (settleFails) throw new Error('SQLITE_BUSY: database is locked');
      settled.push(outcome.object);
    },
  };
}

function build(withFind = true): MutationLedger {
  const built = new MutationLedger(
    new MutationStore(db, new ActivityLog(db, () => now)),
    async () => client as unknown as Stripe,
    () => now,
    {
      warn: (message, fields) => {
        warnings.push(message);
        warnedFields.push(fields);
      },
    },
  );
  built.register('test.write', executor(withFind));
  built.register('test.other', async () => ({
    id: 'obj_other',
    status: null,
    requestId: null,
    object: { id: 'x', status: 'x' },
  }));
  return built;
}

/** A ledger with only the test executor and these options (no warn hook unless given). */
function withOptions(
  options: ConstructorParameters<typeof MutationLedger>[3],
  clientFor = async () => client as unknown as Stripe,
): MutationLedger {
  const built = new MutationLedger(
    new MutationStore(db, new ActivityLog(db, () => now)),
    clientFor,
    () => now,
    options,
  );
  built.register('test.write', executor(true));
  return built;
}

/** Another connection takes app.db's write lock the moment the ledger reaches `at`, until `release`. */
function lockedAt(at: 'prepared' | 'sending') {
  const holder = new Database(path.join(dir, 'app.db'));
  db.pragma('busy_timeout = 0');
  return {
    checkpoint: (step: string) => {
      if (step === at) holder.exec('BEGIN IMMEDIATE');
    },
    release: () => {
      holder.exec('ROLLBACK');
      holder.close();
    },
  };
}

const intent = (overrides: Partial<MutationIntent<'test.write'>> = {}): MutationIntent<'test.write'> => ({
  scope,
  kind: 'test.write',
  targetId: 'ch_1',
  intentId: 'intent-1',
  params: { target: 'ch_1', amount: 500 },
  amount: 500,
  currency: 'jpy',
  agent: 'Agent',
  ...overrides,
});

const stripeError = {
  invalid: () =>
    new Stripe.errors.StripeInvalidRequestError({
      message: 'Amount too large',
      statusCode: 400,
      code: 'amount_too_large',
    }),
  card: () => new Stripe.errors.StripeCardError({ message: 'Declined', statusCode: 402 }),
  auth: () => new Stripe.errors.StripeAuthenticationError({ message: 'Bad key', statusCode: 401 }),
  permission: () => new Stripe.errors.StripePermissionError({ message: 'No', statusCode: 403 }),
  missing: () => new Stripe.errors.StripeInvalidRequestError({ message: 'No such charge', statusCode: 404 }),
  rateLimit: () => new Stripe.errors.StripeRateLimitError({ message: 'Too many', statusCode: 429 }),
  server: () => new Stripe.errors.StripeAPIError({ message: 'Boom', statusCode: 500 }),
  connection: () => new Stripe.errors.StripeConnectionError({ message: 'ECONNRESET' }),
  conflict: () =>
    new Stripe.errors.StripeInvalidRequestError({
      message: 'Key in use',
      statusCode: 409,
      code: 'idempotency_key_in_use',
    }),
  idempotency: () => new Stripe.errors.StripeIdempotencyError({ message: 'Keys reused', statusCode: 400 }),
};

async function rejection(promise: Promise<unknown>): Promise<ConsoleError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConsoleError);
  return error as ConsoleError;
}

const activity = (intentId = 'intent-1') =>
  db
    .prepare(`SELECT outcome, amount, currency, result_id AS resultId FROM activity WHERE intent_id = ? ORDER BY id`)
    .all(intentId) as { outcome: string; amount: number; currency: string; resultId: string | null }[];
const state = (intentId = 'intent-1') => ledger.find(intentId)?.state;

// app.db's migrations cost more than a test: made once, each test starts from a copy of the migrated file.
let image: Buffer;
beforeAll(() => {
  const template = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-ledger-'));
  const migrated = openAppDatabase(template);
  image = migrated.serialize();
  migrated.close();
  fs.rmSync(template, { recursive: true, force: true });
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-ledger-'));
  fs.writeFileSync(path.join(dir, 'app.db'), image);
  db = openDatabase(path.join(dir, 'app.db'), []);
  now = Date.UTC(2026, 0, 5, 12);
  script = [];
  sends = [];
  finds = 0;
  lookups = [];
  found = null;
  findFails = false;
  settledAt = [];
  settled = [];
  settleFails = false;
  warnings.length = 0;
  warnedFields.length = 0;
  client = fakeClient();
  ledger = build();
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('MutationLedger: the answer decides the state', () => {
  it('a success is recorded once, with Activity in the intent’s own currency and minor units', async () => {
    script = [{ ok: { id: 're_1', status: 'succeeded' } }];
    const outcome = await ledger.run(intent());
    expect(outcome).toMatchObject({ id: 're_1', status: 'succeeded', requestId: 'req_1' });
    expect(ledger.find('intent-1')).toMatchObject({
      state: 'succeeded',
      resultId: 're_1',
      attempts: 1,
      amount: 500,
      currency: 'jpy',
    });
    expect(activity()).toEqual([{ outcome: 'succeeded', amount: 500, currency: 'jpy', resultId: 're_1' }]);
    expect(settled.map((o) => o.id)).toEqual(['re_1']);
    // The key is the intent's, on every attempt, and the SDK is told not to retry on its own.
    expect(sends[0]).toEqual({
      idempotencyKey: 'sc-test.write-intent-1',
      intentId: 'intent-1',
      requestOptions: { idempotencyKey: 'sc-test.write-intent-1', maxNetworkRetries: 0 },
    });
  });

  it.each([
    ['400 invalid request', stripeError.invalid],
    ['402 card error', stripeError.card],
    ['401 bad key', stripeError.auth],
    ['403 missing permission', stripeError.permission],
    ['404 unknown object', stripeError.missing],
    ['a ConsoleError raised before sending', () => new ConsoleError('file_rejected', 'The local copy is gone.')],
  ])(
    '%s is a definite refusal: refused, one "failed" entry, not retried; a resend repeats the refusal',
    async (_, make) => {
      script = [{ error: make() }];
      const error = await rejection(ledger.run(intent()));
      expect(writeOutcomeOf(error)).toBe('refused');
      expect(allowsNewRequest(error)).toBe(true);
      // Trying the same request again would only be refused again.
      expect(error.retryable).toBe(false);
      expect(error.details?.intentId).toBe('intent-1');
      expect(sends).toHaveLength(1);
      expect(state()).toBe('refused');
      expect(activity().map((e) => e.outcome)).toEqual(['failed']);

      const again = await rejection(ledger.run(intent()));
      expect(again.message).toBe(error.message.replace(/ Stripe may.*$/, ''));
      expect(allowsNewRequest(again)).toBe(true);
      expect(sends).toHaveLength(1);
      expect(activity()).toHaveLength(1);
    },
  );

  it('a 429 on every attempt: three tries, back to prepared, nothing logged; the retry that succeeds logs one entry', async () => {
    script = [
      { error: stripeError.rateLimit() },
      { error: stripeError.rateLimit() },
      { error: stripeError.rateLimit() },
    ];
    const error = await rejection(ledger.run(intent()));
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, details: { outcome: 'not_sent' } });
    expect(mayHaveExecuted(error)).toBe(false);
    expect(allowsNewRequest(error)).toBe(false);
    expect(sends).toHaveLength(3);
    expect(ledger.find('intent-1')).toMatchObject({ state: 'prepared', attempts: 3 });
    expect(activity()).toEqual([]);

    await ledger.run(intent());
    expect(finds).toBe(0); // nothing could have executed: no look-up needed
    expect(activity().map((e) => e.outcome)).toEqual(['succeeded']);
  });

  it('a 429 that follows a hidden SDK resend after a closed connection is unknown, not "not sent"', async () => {
    script = [
      { error: stripeError.rateLimit(), requests: 2 },
      { error: stripeError.rateLimit() },
      { error: stripeError.rateLimit() },
    ];
    const error = await rejection(ledger.run(intent()));
    expect(writeOutcomeOf(error)).toBe('unknown');
    expect(state()).toBe('unknown');
    // Later attempts are 429s too, but the first may have executed: it stays unknown.
    expect(activity().map((e) => e.outcome)).toEqual(['unknown']);
  });

  it.each([
    ['a 5xx', stripeError.server],
    ['a dropped connection', stripeError.connection],
    ['a 409 (key in use)', stripeError.conflict],
  ])(
    '%s on every attempt leaves the outcome unknown: retryable, same intent only, one "unknown" entry',
    async (_, make) => {
      script = [{ error: make() }, { error: make() }, { error: make() }];
      const error = await rejection(ledger.run(intent()));
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(/may already have carried this out/);
      expect(mayHaveExecuted(error)).toBe(true);
      expect(allowsNewRequest(error)).toBe(false);
      expect(state()).toBe('unknown');
      expect(sends).toHaveLength(3);
      // Before each resend the ledger looked at Stripe first.
      expect(finds).toBe(2);
      expect(activity().map((e) => e.outcome)).toEqual(['unknown']);
    },
  );

  it('an idempotency error or a local error while sending: unknown at once, not retried', async () => {
    script = [{ error: stripeError.idempotency() }];
    expect(writeOutcomeOf(await rejection(ledger.run(intent())))).toBe('unknown');
    script = [{ error: new TypeError('cannot read x') }];
    const local = await rejection(ledger.run(intent({ intentId: 'intent-2' })));
    expect(local).toMatchObject({ code: 'internal', retryable: true, details: { outcome: 'unknown' } });
    expect(sends).toHaveLength(2);
  });

  it('an unknown intent found at Stripe succeeds without being sent again; Activity ends with one terminal entry', async () => {
    script = [
      { error: stripeError.connection() },
      { error: stripeError.connection() },
      { error: stripeError.connection() },
    ];
    await rejection(ledger.run(intent()));
    found = { id: 're_found', status: 'succeeded' };
    const outcome = await ledger.run(intent());
    expect(outcome.id).toBe('re_found');
    expect(sends).toHaveLength(3);
    expect(ledger.find('intent-1')).toMatchObject({ state: 'succeeded', resultId: 're_found' });
    expect(activity().map((e) => e.outcome)).toEqual(['unknown', 'succeeded']);
    expect(settled.map((o) => o.id)).toEqual(['re_found']);
  });

  it('a retry after a connection error that succeeds on the second attempt', async () => {
    script = [{ error: stripeError.connection() }, { ok: { id: 're_2', status: 'succeeded' } }];
    expect((await ledger.run(intent())).id).toBe('re_2');
    expect(sends.map((s) => s.idempotencyKey)).toEqual(['sc-test.write-intent-1', 'sc-test.write-intent-1']);
    expect(activity().map((e) => e.outcome)).toEqual(['unknown', 'succeeded']);
  });
});

describe('MutationLedger: Stripe keeps a key 24 hours', () => {
  async function leaveUnknown(): Promise<void> {
    script = [
      { error: stripeError.connection() },
      { error: stripeError.connection() },
      { error: stripeError.connection() },
    ];
    await rejection(ledger.run(intent()));
  }

  it('inside the window an unknown intent not found is resent with its key', async () => {
    await leaveUnknown();
    now += (KEY_LIFETIME_SECONDS - 60) * 1000;
    await ledger.run(intent());
    expect(sends).toHaveLength(4);
    expect(state()).toBe('succeeded');
  });

  it('past the window, found at Stripe: succeeded, not resent', async () => {
    await leaveUnknown();
    now += (KEY_LIFETIME_SECONDS + 1) * 1000;
    found = { id: 're_late', status: 'succeeded' };
    expect((await ledger.run(intent())).id).toBe('re_late');
    expect(sends).toHaveLength(3);
  });

  it('past the window, not found: refused (Stripe’s record says it never happened), never resent', async () => {
    await leaveUnknown();
    now += (KEY_LIFETIME_SECONDS + 1) * 1000;
    const error = await rejection(ledger.run(intent()));
    expect(allowsNewRequest(error)).toBe(true);
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/no record of it/);
    expect(sends).toHaveLength(3);
    expect(activity().map((e) => e.outcome)).toEqual(['unknown', 'failed']);
  });

  it('past the window with no way to look: stays unknown, never resent, says to check in Stripe', async () => {
    ledger = build(false);
    await leaveUnknown();
    now += (KEY_LIFETIME_SECONDS + 1) * 1000;
    const error = await rejection(ledger.run(intent()));
    expect(mayHaveExecuted(error)).toBe(true);
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/Check the object in Stripe/);
    expect(sends).toHaveLength(3);
    expect(state()).toBe('unknown');
  });

  it('the window starts at the first send, not when the intent was prepared', async () => {
    script = [
      { error: stripeError.rateLimit() },
      { error: stripeError.rateLimit() },
      { error: stripeError.rateLimit() },
    ];
    await rejection(ledger.run(intent()));
    now += 2 * KEY_LIFETIME_SECONDS * 1000;
    await leaveUnknown();
    now += 60_000;
    await ledger.run(intent());
    expect(sends).toHaveLength(7);
  });
});

describe('MutationLedger: one intent, one request', () => {
  it.each([
    ['another amount', { params: { target: 'ch_1', amount: 501 } }, 'details'],
    ['another object', { targetId: 'ch_2' }, 'object'],
    ['another mode', { scope: { ...scope, mode: 'live' as const } }, 'mode'],
    ['another account', { scope: { ...scope, accountId: 'acct_2' } }, 'account'],
  ])('a reused intent id with %s is refused with a clear error and sends nothing', async (_, overrides, differs) => {
    await ledger.run(intent());
    const error = await rejection(ledger.run(intent(overrides)));
    expect(error).toMatchObject({ code: 'conflict', details: { differs, outcome: 'refused' } });
    expect(error.message).toMatch(/already used for a different request/);
    expect(sends).toHaveLength(1);
  });

  it('a reused intent id for another kind is refused too; the same params in another key order are the same request', async () => {
    await ledger.run(intent({ params: { amount: 500, target: 'ch_1' } }));
    const other = await rejection(
      ledger.run({ ...intent(), kind: 'test.other' } as unknown as MutationIntent<'test.write'>),
    );
    expect(other.details?.differs).toBe('action');
    await ledger.run(intent({ params: { target: 'ch_1', amount: 500 } }));
    expect(activity()).toHaveLength(1);
  });

  it('a double or triple click shares one request', async () => {
    const outcomes = await Promise.all([ledger.run(intent()), ledger.run(intent()), ledger.run(intent())]);
    expect(new Set(outcomes.map((o) => o.id)).size).toBe(1);
    expect(sends).toHaveLength(1);
    expect(activity()).toHaveLength(1);
  });

  it('resend() sends a recorded intent with its own parameters; an unknown one is not found', async () => {
    script = [{ error: stripeError.server() }, { error: stripeError.server() }, { error: stripeError.server() }];
    await rejection(ledger.run(intent()));
    await ledger.resend({ scope, kind: 'test.write', targetId: 'ch_1', intentId: 'intent-1' });
    expect(state()).toBe('succeeded');
    expect(
      (await rejection(ledger.resend({ scope, kind: 'test.write', targetId: 'ch_1', intentId: 'nope' }))).code,
    ).toBe('not_found');
  });

  it('an unregistered kind is refused before anything is recorded', async () => {
    const error = await rejection(
      Promise.resolve().then(() =>
        ledger.run({ ...intent(), kind: 'test.none' } as unknown as MutationIntent<'test.write'>),
      ),
    );
    expect(error.code).toBe('internal');
    expect(ledger.find('intent-1')).toBeNull();
  });
});

describe('MutationLedger: nothing local turns a success into an error', () => {
  it('settle failing (the cache is busy) is logged, and the write still succeeded', async () => {
    settleFails = true;
    expect((await ledger.run(intent())).id).toBe('obj_default');
    expect(state()).toBe('succeeded');
    expect(warnings).toEqual(['local work after a succeeded write failed']);
  });

  it('app.db busy when recording the success: the caller still gets it; the intent stays open for reconciliation', async () => {
    // Another connection takes app.db's write lock once the request has left.
    const lock = lockedAt('sending');
    ledger = withOptions({ warn: (message) => warnings.push(message), checkpoint: lock.checkpoint });
    expect((await ledger.run(intent())).id).toBe('obj_default');
    lock.release();
    expect(state()).toBe('sending');
    expect(warnings).toContain('recording a succeeded write failed');

    found = { id: 'obj_default', status: 'succeeded' };
    ledger = build();
    expect(await ledger.reconcile()).toEqual({ succeeded: 1, refused: 0, unknown: 0 });
    expect(activity().map((e) => e.outcome)).toEqual(['succeeded']);
  });

  it('app.db busy before the request leaves: not sent, nothing at Stripe, the intent stays prepared', async () => {
    const lock = lockedAt('prepared');
    ledger = withOptions({ checkpoint: lock.checkpoint });
    const error = await rejection(ledger.run(intent()));
    lock.release();
    expect(error.details?.outcome).toBe('not_sent');
    expect(sends).toHaveLength(0);
    expect(state()).toBe('prepared');
  });

  it('no Stripe client (e.g. the key is gone) before the first send: not sent, the intent stays prepared', async () => {
    ledger = new MutationLedger(
      new MutationStore(db, new ActivityLog(db, () => now)),
      async () => {
        throw new ConsoleError('not_found', 'No test key.');
      },
      () => now,
    );
    ledger.register('test.write', executor(true));
    const error = await rejection(ledger.run(intent()));
    expect(error.details?.outcome).toBe('not_sent');
    expect(state()).toBe('prepared');
  });
});

describe('MutationLedger: start-up reconciliation', () => {
  it('prepared intents are refused as never sent; sending ones are looked up; idle() waits for running writes', async () => {
    script = [
      { error: stripeError.rateLimit() },
      { error: stripeError.rateLimit() },
      { error: stripeError.rateLimit() },
    ];
    await rejection(ledger.run(intent({ intentId: 'never-sent' })));
    script = [
      { error: stripeError.connection() },
      { error: stripeError.connection() },
      { error: stripeError.connection() },
    ];
    await rejection(ledger.run(intent({ intentId: 'lost' })));
    script = [{ error: stripeError.server() }, { error: stripeError.server() }, { error: stripeError.server() }];
    await rejection(ledger.run(intent({ intentId: 'still-failing' })));

    const restarted = build();
    expect(restarted.unresolved().map((r) => r.intentId)).toEqual(['never-sent', 'lost', 'still-failing']);
    script = [
      { ok: { id: 're_lost', status: 'succeeded' } },
      { error: stripeError.server() },
      { error: stripeError.server() },
      { error: stripeError.server() },
    ];
    ledger = restarted;
    expect(await restarted.reconcile()).toEqual({ succeeded: 1, refused: 1, unknown: 1 });
    expect(activity('never-sent').map((e) => e.outcome)).toEqual(['failed']);
    expect(ledger.find('never-sent')?.error).toMatch(/Not sent/);
    expect(activity('lost').map((e) => e.outcome)).toEqual(['unknown', 'succeeded']);
    expect(state('still-failing')).toBe('unknown');

    const running = restarted.run(intent({ intentId: 'in-flight' }));
    await restarted.idle();
    expect(state('in-flight')).toBe('succeeded');
    await running;
  });
});

describe('MutationLedger: a refusal after an attempt that may have executed is not a refusal', () => {
  it('the SDK’s own resend refused (a second DELETE after the first cancelled): unknown, then the look-up finds it', async () => {
    script = [{ error: stripeError.invalid(), requests: 2 }];
    found = { id: 'sub_1', status: 'canceled' };
    const outcome = await ledger.run(intent());
    expect(outcome.id).toBe('sub_1');
    expect(sends).toHaveLength(1);
    expect(finds).toBe(1);
    expect(ledger.find('intent-1')).toMatchObject({ state: 'succeeded', resultId: 'sub_1', attempts: 1 });
    expect(activity().map((e) => e.outcome)).toEqual(['unknown', 'succeeded']);
  });

  it('a local refusal of a resend when an earlier attempt may have executed and no look-up said otherwise: unknown', async () => {
    ledger = build(false);
    script = [
      { error: stripeError.connection() },
      { error: new ConsoleError('file_rejected', 'The local copy is gone.') },
    ];
    const error = await rejection(ledger.run(intent()));
    expect(error.details?.['outcome']).toBe('unknown');
    expect(allowsNewRequest(error)).toBe(false);
    expect(state()).toBe('unknown');
    expect(activity().map((e) => e.outcome)).toEqual(['unknown']);
  });

  it('with a look-up that found nothing first, the same local refusal is a refusal', async () => {
    script = [
      { error: stripeError.connection() },
      { error: new ConsoleError('file_rejected', 'The local copy is gone.') },
    ];
    const error = await rejection(ledger.run(intent()));
    expect(finds).toBe(1);
    expect(allowsNewRequest(error)).toBe(true);
    expect(state()).toBe('refused');
    expect(activity().map((e) => e.outcome)).toEqual(['unknown', 'failed']);
  });
});

describe('MutationLedger: every failure on the way to a resend leaves the intent as it was', () => {
  const unknownFirst = async () => {
    script = [{ error: stripeError.connection() }, { error: stripeError.server() }, { error: stripeError.server() }];
    await rejection(ledger.run(intent()));
    expect(state()).toBe('unknown');
  };

  it('the look-up itself failing: unknown, nothing sent', async () => {
    await unknownFirst();
    const sent = sends.length;
    findFails = true;
    const error = await rejection(ledger.run(intent()));
    expect(error.details).toMatchObject({ outcome: 'unknown', intentId: 'intent-1' });
    expect(error.retryable).toBe(true);
    expect(sends).toHaveLength(sent);
    expect(state()).toBe('unknown');
  });

  it('app.db busy before a resend of an unknown intent: unknown (not "not sent"), nothing sent', async () => {
    await unknownFirst();
    const sent = sends.length;
    const lock = lockedAt('prepared');
    ledger = withOptions({ checkpoint: lock.checkpoint });
    const error = await rejection(ledger.run(intent()));
    lock.release();
    expect(error.details?.outcome).toBe('unknown');
    expect(sends).toHaveLength(sent);
    expect(state()).toBe('unknown');
  });

  it('no Stripe client for a resend of an unknown intent: unknown, keeping the error’s retryability', async () => {
    await unknownFirst();
    ledger = withOptions({}, async () => {
      throw new ConsoleError('not_found', 'No test key.');
    });
    const error = await rejection(ledger.run(intent()));
    expect(error.details?.outcome).toBe('unknown');
    expect(error.code).toBe('not_found');
    expect(error.retryable).toBe(false);
    expect(state()).toBe('unknown');
  });

  it('a resend of a succeeded intent that fails says nothing new: unknown, still succeeded, one entry', async () => {
    ledger = build(false);
    const refusal = { error: stripeError.invalid() };
    script = [{ ok: { id: 're_1', status: 'succeeded' } }, refusal, refusal, refusal];
    await ledger.run(intent());
    const error = await rejection(ledger.run(intent()));
    expect(error.details?.outcome).toBe('unknown');
    expect(allowsNewRequest(error)).toBe(false);
    // Retried as an unknown one would be (each attempt sent), never recorded as a refusal.
    expect(sends).toHaveLength(4);
    expect(ledger.find('intent-1')).toMatchObject({ state: 'succeeded', resultId: 're_1' });
    expect(activity().map((e) => e.outcome)).toEqual(['succeeded']);
  });

  it('a recorded intent whose kind has no executor any more: an internal error naming the kind', async () => {
    await unknownFirst();
    const bare = new MutationLedger(
      new MutationStore(db, new ActivityLog(db, () => now)),
      async () => client as unknown as Stripe,
      () => now,
    );
    const error = await rejection(bare.resend({ scope, kind: 'test.write', targetId: 'ch_1', intentId: 'intent-1' }));
    expect(error.code).toBe('internal');
    expect(error.message).toBe('No executor for test.write.');
  });

  it('a refusal recorded without its words (an older row) still reads as Stripe’s refusal', async () => {
    script = [{ error: stripeError.invalid() }];
    await rejection(ledger.run(intent()));
    db.prepare(`UPDATE mutations SET error = NULL, error_code = NULL WHERE intent_id = 'intent-1'`).run();
    const error = await rejection(ledger.run(intent()));
    expect(error.code).toBe('stripe_error');
    expect(error.message).toBe('Stripe refused this request.');
    expect(error.details?.outcome).toBe('refused');
  });
});

describe('MutationLedger: reconciliation and resends, in words', () => {
  it('a resend of an intent never recorded: not found, saying so', async () => {
    const error = await rejection(ledger.resend({ scope, kind: 'test.write', targetId: 'ch_1', intentId: 'nope' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('There is no earlier request to send again.');
  });

  it('an intent never sent when the app closed is refused as "not sent"', async () => {
    const lock = lockedAt('prepared');
    ledger = withOptions({ checkpoint: lock.checkpoint });
    await rejection(ledger.run(intent()));
    lock.release();
    expect(await ledger.reconcile()).toEqual({ succeeded: 0, refused: 1, unknown: 0 });
    expect(db.prepare(`SELECT error_code, error FROM mutations WHERE intent_id = 'intent-1'`).get()).toEqual({
      error_code: 'conflict',
      error: 'Not sent: the app closed before sending it. Nothing happened at Stripe.',
    });
  });

  it('reconciliation leaves an intent this process is still sending alone, without waiting for it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    ledger.register('test.other', async () => {
      await gate;
      return { id: 'obj_1', status: null, requestId: null, object: { id: 'obj_1', status: 'x' } };
    });
    const running = ledger.run({ ...intent(), kind: 'test.other', intentId: 'slow' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await ledger.reconcile()).toEqual({ succeeded: 0, refused: 0, unknown: 0 });
    release();
    await running;
    expect(ledger.find('slow')?.state).toBe('succeeded');
  });

  it('a kind nobody registered is refused before anything is recorded, naming it', async () => {
    const bare = new MutationLedger(
      new MutationStore(db, new ActivityLog(db, () => now)),
      async () => client as unknown as Stripe,
      () => now,
    );
    const error = await rejection(bare.run(intent()));
    expect(error.message).toBe('No executor for test.write.');
    expect(ledger.find('intent-1')).toBeNull();
  });

  it('asks for the Stripe client of the intent’s own account and mode', async () => {
    const asked: Scope[] = [];
    ledger = new MutationLedger(
      new MutationStore(db, new ActivityLog(db, () => now)),
      async (s) => {
        asked.push(s);
        return client as unknown as Stripe;
      },
      () => now,
    );
    ledger.register('test.write', executor(true));
    await ledger.run(intent({ scope: { accountId: 'acct_2', mode: 'live' } }));
    expect(asked).toEqual([{ accountId: 'acct_2', mode: 'live' }]);
  });

  it('the answer is written back as of the first send: a resend may be answered with the first snapshot', async () => {
    const first = now;
    script = [{ ok: { id: 're_1', status: 'succeeded' } }];
    await ledger.run(intent({ intentId: 'fresh' }));
    expect(settledAt).toEqual([first]);
    script = [{ error: stripeError.connection() }, { error: stripeError.server() }, { error: stripeError.server() }];
    await rejection(ledger.run(intent()));
    now += 10 * 60 * 1000 + 500;
    script = [{ ok: { id: 're_2', status: 'succeeded' } }];
    await ledger.run(intent());
    expect(settledAt).toEqual([first, Math.floor(first / 1000) * 1000]);
  });
});

describe('MutationLedger: what the agent, Activity, the log and app.db are told', () => {
  const row = (intentId = 'intent-1') =>
    db
      .prepare(`SELECT state, error, error_code, result_status, request_id FROM mutations WHERE intent_id = ?`)
      .get(intentId) as Record<string, unknown>;
  const entries = (intentId = 'intent-1') =>
    db
      .prepare(`SELECT outcome, detail, request_id AS requestId FROM activity WHERE intent_id = ? ORDER BY id`)
      .all(intentId);
  /** Another connection takes app.db's write lock the first time the ledger reaches `step`, until released. */
  const lockAt = (step: string, options: { warn?: boolean } = {}) => {
    const holder = new Database(path.join(dir, 'app.db'));
    let taken = false;
    db.pragma('busy_timeout = 0');
    ledger = new MutationLedger(
      new MutationStore(db, new ActivityLog(db, () => now)),
      async () => client as unknown as Stripe,
      () => now,
      {
        ...(options.warn === false
          ? {}
          : {
              warn: (message: string, fields: Record<string, unknown>) => {
                warnings.push(message);
                warnedFields.push(fields);
              },
            }),
        checkpoint: (at) => {
          if (at !== step || taken) return;
          taken = true;
          holder.exec('BEGIN IMMEDIATE');
        },
      },
    );
    ledger.register('test.write', executor(true));
    return () => {
      holder.exec('ROLLBACK');
      holder.close();
    };
  };

  it('a success keeps Stripe’s status and request id, in the ledger row and in its Activity entry', async () => {
    script = [{ ok: { id: 're_1', status: 'pending' } }];
    await ledger.run(intent());
    expect(row()).toMatchObject({ state: 'succeeded', result_status: 'pending', request_id: 'req_1' });
    expect(entries()).toEqual([{ outcome: 'succeeded', detail: 'pending', requestId: 'req_1' }]);
  });

  it('a refusal keeps Stripe’s words and request id; the unknown entry before it says what went wrong', async () => {
    const refusal = new Stripe.errors.StripeInvalidRequestError({
      message: 'Charge ch_1 has already been refunded.',
      statusCode: 400,
      requestId: 'req_refused',
    });
    script = [{ error: stripeError.connection() }, { error: refusal }];
    await rejection(ledger.run(intent()));
    expect(row()).toMatchObject({
      state: 'refused',
      error: 'Charge ch_1 has already been refunded.',
      error_code: 'stripe_error',
      request_id: 'req_refused',
    });
    expect(entries()).toEqual([
      {
        outcome: 'unknown',
        detail: 'Stripe can’t be reached. Cached data stays available; try again when online.',
        requestId: null,
      },
      { outcome: 'failed', detail: 'Charge ch_1 has already been refunded.', requestId: 'req_refused' },
    ]);
  });

  it('an unknown or turned-away intent keeps the words of its last failure', async () => {
    script = [{ error: stripeError.connection() }, { error: stripeError.server() }, { error: stripeError.server() }];
    await rejection(ledger.run(intent()));
    expect(ledger.find('intent-1')?.error).toBe('Stripe had a problem: Boom');
    expect(row()).toMatchObject({ state: 'unknown', error_code: 'stripe_error' });
    script = [
      { error: stripeError.rateLimit() },
      { error: stripeError.rateLimit() },
      { error: stripeError.rateLimit() },
    ];
    await rejection(ledger.run(intent({ intentId: 'intent-2' })));
    expect(row('intent-2')).toMatchObject({
      state: 'prepared',
      error: 'Stripe is rate limiting this account. Retrying shortly.',
      error_code: 'rate_limited',
    });
  });

  it('an intent already succeeded and found again is not logged twice', async () => {
    await ledger.run(intent());
    found = { id: 'obj_default', status: 'succeeded' };
    expect((await ledger.run(intent())).id).toBe('obj_default');
    expect(finds).toBe(1);
    expect(activity().map((e) => e.outcome)).toEqual(['succeeded']);
  });

  it('a reused intent id differing in several ways names each of them', async () => {
    await ledger.run(intent());
    const error = await rejection(ledger.run(intent({ targetId: 'ch_2', params: { target: 'ch_2', amount: 500 } })));
    expect(error.message).toBe(
      'This confirmation was already used for a different request (other object, details). Nothing was sent; open the action again to make a new request.',
    );
    expect(error.details?.differs).toBe('object,details');
  });

  it('a local refusal on the first attempt, with no look-up: refused (nothing earlier could have executed)', async () => {
    ledger = build(false);
    script = [{ error: new ConsoleError('file_rejected', 'The local copy is gone.') }];
    const error = await rejection(ledger.run(intent()));
    expect(writeOutcomeOf(error)).toBe('refused');
    expect(allowsNewRequest(error)).toBe(true);
    expect(state()).toBe('refused');
  });

  it('a 400 that Stripe calls an API error is still a refusal: sent once, not retried', async () => {
    script = [{ error: new Stripe.errors.StripeAPIError({ message: 'Bad', statusCode: 400 }) }];
    const error = await rejection(ledger.run(intent()));
    expect(writeOutcomeOf(error)).toBe('refused');
    expect(sends).toHaveLength(1);
  });

  it('a refusal Stripe marks as worth retrying keeps its details and retryability for the agent', async () => {
    script = [{ error: new Stripe.errors.StripeAPIError({ message: 'Bad', statusCode: 400, requestId: 'req_api' }) }];
    const error = await rejection(ledger.run(intent()));
    expect(error).toMatchObject({
      code: 'stripe_error',
      message: 'Stripe had a problem: Bad',
      retryable: true,
      details: { outcome: 'refused', statusCode: 400, requestId: 'req_api' },
    });
    expect(sends).toHaveLength(1);
  });

  it('an error not from Stripe is never a definite refusal, even with an HTTP status on it', async () => {
    script = [{ error: Object.assign(new Error('Bad request from a proxy'), { statusCode: 400 }) }];
    const error = await rejection(ledger.run(intent()));
    expect(writeOutcomeOf(error)).toBe('unknown');
    expect(state()).toBe('unknown');
  });

  it('requests other writes make on the same client meanwhile don’t count as a resend of this one', async () => {
    script = [{ error: stripeError.rateLimit(), others: 2 }, { ok: { id: 're_1', status: 'succeeded' } }];
    await ledger.run(intent());
    // The 429 turned this request away unexecuted: nothing to look up, nothing unknown.
    expect(finds).toBe(0);
    expect(activity().map((e) => e.outcome)).toEqual(['succeeded']);
  });

  it('leaves no listener on the account’s shared Stripe client, whatever the answer', async () => {
    script = [{ error: stripeError.connection() }, { ok: { id: 're_1', status: 'succeeded' } }];
    await ledger.run(intent());
    script = [{ error: stripeError.invalid() }];
    await rejection(ledger.run(intent({ intentId: 'intent-2' })));
    expect(client.listening()).toBe(0);
  });

  it('checkpoints each step of a send in order (team mode claims the intent there)', async () => {
    const steps: string[] = [];
    ledger = new MutationLedger(
      new MutationStore(db, new ActivityLog(db, () => now)),
      async () => client as unknown as Stripe,
      () => now,
      { checkpoint: (step, intentId) => void steps.push(`${step}:${intentId}`) },
    );
    ledger.register('test.write', executor(true));
    await ledger.run(intent());
    expect(steps).toEqual(['prepared:intent-1', 'sending:intent-1', 'answered:intent-1']);
  });

  it('a look-up is told the key, the intent, when it was first sent and now', async () => {
    const firstSend = now;
    script = [{ error: stripeError.connection() }, { ok: { id: 're_1', status: 'succeeded' } }];
    await ledger.run(intent());
    now += 3_600_000;
    script = [{ error: stripeError.connection() }, { error: stripeError.server() }, { error: stripeError.server() }];
    await rejection(ledger.run(intent({ intentId: 'intent-2' })));
    await ledger.run(intent({ intentId: 'intent-2' }));
    expect(lookups[0]).toEqual({
      idempotencyKey: 'sc-test.write-intent-1',
      intentId: 'intent-1',
      requestOptions: { idempotencyKey: 'sc-test.write-intent-1', maxNetworkRetries: 0 },
      firstSentAt: Math.floor(firstSend / 1000),
      now: Math.floor(firstSend / 1000),
    });
    expect(lookups.at(-1)).toMatchObject({ intentId: 'intent-2', firstSentAt: Math.floor(now / 1000) });
  });

  it('at exactly 24 hours Stripe may have pruned the key: not found is a refusal, nothing resent', async () => {
    script = [{ error: stripeError.connection() }, { error: stripeError.server() }, { error: stripeError.server() }];
    await rejection(ledger.run(intent()));
    now += KEY_LIFETIME_SECONDS * 1000;
    const error = await rejection(ledger.run(intent()));
    expect(error.code).toBe('not_found');
    expect(sends).toHaveLength(3);
    expect(state()).toBe('refused');
  });

  it('a lapsed confirmation, run again after start-up refused it, says so with a code of the contract', async () => {
    const release = lockAt('prepared');
    await rejection(ledger.run(intent()));
    release();
    await ledger.reconcile();
    const error = await rejection(ledger.run(intent()));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Not sent: the app closed before sending it. Nothing happened at Stripe.');
    expect(error.retryable).toBe(false);
  });

  it('app.db busy when recording a failure: the log says so, naming the intent; the intent stays open', async () => {
    const release = lockAt('sending');
    script = [{ error: stripeError.server() }];
    await rejection(ledger.run(intent()));
    release();
    expect(warnings).toContain('recording a failed write failed');
    expect(warnedFields[0]).toEqual({
      intentId: 'intent-1',
      kind: 'test.write',
      error: expect.stringMatching(/database is locked/) as unknown,
    });
    expect(state()).toBe('sending');
  });

  it('local work failing after a success names the intent in the log', async () => {
    settleFails = true;
    await ledger.run(intent());
    expect(warnedFields).toEqual([
      { intentId: 'intent-1', kind: 'test.write', error: 'Error: SQLITE_BUSY: database is locked' },
    ]);
  });

  it('without a log to warn, a success is still a success when recording it or the local work fails', async () => {
    const release = lockAt('sending', { warn: false });
    expect((await ledger.run(intent())).id).toBe('obj_default');
    release();
    settleFails = true;
    ledger = new MutationLedger(
      new MutationStore(db, new ActivityLog(db, () => now)),
      async () => client as unknown as Stripe,
      () => now,
    );
    ledger.register('test.write', executor(true));
    expect((await ledger.run(intent({ intentId: 'intent-2' }))).id).toBe('obj_default');
    expect(warnings).toEqual([]);
  });

  it('start-up counts an intent it could not carry further (still sending, no client) as unknown', async () => {
    const release = lockAt('sending');
    await ledger.run(intent());
    release();
    expect(state()).toBe('sending');
    ledger = new MutationLedger(
      new MutationStore(db, new ActivityLog(db, () => now)),
      async () => {
        throw new ConsoleError('not_found', 'No test key.');
      },
      () => now,
    );
    ledger.register('test.write', executor(true));
    expect(await ledger.reconcile()).toEqual({ succeeded: 0, refused: 0, unknown: 1 });
  });

  it('idle() waits for a write still waiting on the network', async () => {
    ledger.register('test.other', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return { id: 'obj_1', status: null, requestId: null, object: { id: 'obj_1', status: 'x' } };
    });
    const running = ledger.run({ ...intent(), kind: 'test.other', intentId: 'slow' });
    await ledger.idle();
    expect(state('slow')).toBe('succeeded');
    await running;
  });
});

describe('MutationStore: a removed account’s intents go with it', () => {
  it('forget(scope) erases that account and mode only', async () => {
    await ledger.run(intent({ intentId: 'a-test' }));
    await ledger.run(intent({ intentId: 'a-live', scope: { ...scope, mode: 'live' } }));
    await ledger.run(intent({ intentId: 'b-test', scope: { ...scope, accountId: 'acct_2' } }));
    new MutationStore(db, new ActivityLog(db, () => now)).forget(scope);
    expect(['a-test', 'a-live', 'b-test'].map((id) => ledger.find(id)?.state ?? null)).toEqual([
      null,
      'succeeded',
      'succeeded',
    ]);
  });
});
