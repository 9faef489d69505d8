import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityLog } from '../../src-main/activity/activity-log';
import { openAppDatabase } from '../../src-main/app/app-db';
import { MutationStore } from '../../src-main/mutations/mutation-store';
import { KEY_LIFETIME_SECONDS, MutationLedger } from '../../src-main/mutations/mutation-ledger';
import { openDatabase } from '../../src-main/platform/sqlite';
import { ConsoleError, type Scope } from '../../src-preload/contract';
import { allowsNewRequest } from '../../src-preload/contract/write-outcome';

declare module '../../src-main/mutations/mutation-ledger' {
  interface MutationKinds {
    'model.write': { params: { amount: number }; result: { id: string; status: string } };
  }
}

/**
 * The ledger against a model of Stripe (no HTTP): Stripe keeps an idempotency key's first answer for 24 h and
 * replays it; after that the same key executes again. Each request meets a fault of a seeded schedule; the agent
 * clicks, restarts the app, and lets days pass. Whatever happens: one effect at most, the ledger agrees with
 * the model, Activity holds one terminal entry for a terminal intent (none otherwise), and a new request is
 * offered only when the model holds no effect.
 */
type Fault = 'none' | 'drop_after_commit' | 'offline' | 'fail_500' | 'rate_limit' | 'refuse' | 'local_refusal';
type Step = { click: Fault[] } | { restart: true } | { days: number };

const faultArb = fc.constantFrom<Fault>(
  'none',
  'drop_after_commit',
  'offline',
  'fail_500',
  'rate_limit',
  'refuse',
  'local_refusal',
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ click: fc.array(faultArb, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.constant<Step>({ restart: true }) },
  { weight: 1, arbitrary: fc.constantFrom<Step>({ days: 0.5 }, { days: 2 }) },
);

const scope: Scope = { accountId: 'acct_1', mode: 'test' };
const DAY = 24 * 60 * 60 * 1000;

/** Stripe as a model: effects, and each key's first answer with when it was saved. */
class ModelStripe {
  effects: string[] = [];
  private readonly keys = new Map<string, { at: number; id: string }>();
  faults: Fault[] = [];
  constructor(private readonly now: () => number) {}

  send(key: string): { id: string; status: string } {
    const fault = this.faults.shift() ?? 'none';
    if (fault === 'local_refusal') throw new ConsoleError('file_rejected', 'The local copy is gone.');
    const saved = this.keys.get(key);
    const fresh = saved && this.now() - saved.at < KEY_LIFETIME_SECONDS * 1000;
    if (fault === 'offline') throw new Stripe.errors.StripeConnectionError({ message: 'ECONNREFUSED' });
    if (fault === 'rate_limit') throw new Stripe.errors.StripeRateLimitError({ message: 'Slow down', statusCode: 429 });
    if (fault === 'fail_500') throw new Stripe.errors.StripeAPIError({ message: 'Boom', statusCode: 500 });
    if (fresh) return { id: saved.id, status: 'succeeded' };
    if (fault === 'refuse') throw new Stripe.errors.StripeCardError({ message: 'Declined', statusCode: 402 });
    const id = `re_${this.effects.length + 1}`;
    this.effects.push(id);
    this.keys.set(key, { at: this.now(), id });
    if (fault === 'drop_after_commit') throw new Stripe.errors.StripeConnectionError({ message: 'socket hang up' });
    return { id, status: 'succeeded' };
  }
}

let image: Buffer;
beforeAll(() => {
  const template = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-model-'));
  const migrated = openAppDatabase(template);
  image = migrated.serialize();
  migrated.close();
  fs.rmSync(template, { recursive: true, force: true });
});
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function freshDb(): Database.Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-model-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'app.db'), image);
  return openDatabase(path.join(dir, 'app.db'), []);
}

const client = { on: () => undefined, off: () => undefined } as unknown as Stripe;

async function play(steps: Step[], withFind: boolean): Promise<void> {
  const db = freshDb();
  let now = Date.UTC(2026, 0, 5, 12);
  const stripe = new ModelStripe(() => now);
  const build = () => {
    const ledger = new MutationLedger(
      new MutationStore(db, new ActivityLog(db, () => now)),
      async () => client,
      () => now,
    );
    ledger.register('model.write', {
      send: async (_stripe, _params, context) => {
        const object = stripe.send(context.idempotencyKey);
        return { id: object.id, status: object.status, requestId: null, object };
      },
      ...(withFind
        ? {
            // The effect carries its intent (one intent per key): found by it.
            find: async () => {
              const id = stripe.effects[0];
              return id ? { id, status: 'succeeded', requestId: null, object: { id, status: 'succeeded' } } : null;
            },
          }
        : {}),
    });
    return ledger;
  };
  let ledger = build();
  const intentId = 'intent-1';
  const click = () =>
    ledger.run({ scope, kind: 'model.write', targetId: 'ch_1', intentId, params: { amount: 500 }, agent: 'A' }).then(
      () => null,
      (error: unknown) => error as ConsoleError,
    );
  let stopped = false;
  for (const step of steps) {
    if ('click' in step) {
      stripe.faults = [...step.click];
      const error = await click();
      stripe.faults = [];
      // The dialog would make a new request now: Stripe must hold nothing for this one.
      if (error && allowsNewRequest(error)) {
        expect(stripe.effects).toEqual([]);
        stopped = true;
        break;
      }
      if (!error) break;
    } else if ('restart' in step) {
      ledger = build();
      await ledger.reconcile();
    } else now += step.days * DAY;
  }
  // The faults end; the app restarts (reconciling) and the agent tries once more if it may.
  ledger = build();
  await ledger.reconcile();
  if (!stopped && ledger.find(intentId)?.state !== 'refused') await click();

  const record = ledger.find(intentId);
  expect(stripe.effects.length).toBeLessThanOrEqual(1);
  if (record?.state === 'succeeded') expect([record.resultId]).toEqual(stripe.effects);
  if (record?.state === 'refused' || record?.state === 'prepared') expect(stripe.effects).toEqual([]);
  const entries = db
    .prepare(`SELECT outcome FROM activity WHERE intent_id = ? AND outcome IN ('succeeded','failed')`)
    .pluck()
    .all(intentId);
  const expected = record?.state === 'succeeded' ? ['succeeded'] : record?.state === 'refused' ? ['failed'] : [];
  expect(entries).toEqual(expected);
  const unknownEntries = db
    .prepare(`SELECT COUNT(*) FROM activity WHERE intent_id = ? AND outcome = 'unknown'`)
    .pluck()
    .get(intentId) as number;
  expect(unknownEntries).toBeLessThanOrEqual(1);
  db.close();
}

describe('the ledger against a model of Stripe (seeded)', () => {
  it.each([
    ['with a look-up', true],
    ['without a look-up', false],
  ])('%s: one effect at most, and the ledger, Activity and the UI agree with Stripe', async (_, withFind) => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 6 }), (steps) => play(steps, withFind)),
      { seed: 20261202, numRuns: Number(process.env['LEDGER_MODEL_RUNS'] ?? 150) },
    );
  });
});
