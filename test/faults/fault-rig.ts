import Database from 'better-sqlite3';
import Stripe from 'stripe';
import { cacheFile } from '../../src-main/cache/cache-registry';
import type { CacheStore } from '../../src-main/cache';
import type { RunningEmulator } from '../../src-main/emulator';
import { ConsoleError, type ActivityEntry, type Scope } from '../../src-preload/contract';
import { buildTestApp, endpointOf, startStripe, startTestApp, type TestApp } from '../support/app';
import { TestClock } from '../support/clock';
import { memoryKeychain } from '../support/keychain';
import { until } from '../support/until';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: ConsoleError };

/**
 * The real app (createConsoleApp) against the emulator, on one test clock, with the tools a hostile tester needs:
 * restart or crash it on the same files, hold SQLite locks, move time past Stripe's key window, and read what
 * Stripe, the ledger and the Activity log hold.
 */
export async function startFaultRig(options: { customers?: number } = {}) {
  const clock = new TestClock(Date.UTC(2026, 0, 5, 12));
  const stripe: RunningEmulator = await startStripe({ customers: options.customers ?? 3 }, clock);
  const keychain = memoryKeychain();
  const endpoint = endpointOf(stripe);
  const admin = new Stripe(stripe.keys.test, { ...endpoint, maxNetworkRetries: 0 });
  const rate = 10_000; // requests per second: the budget's pacing is tested elsewhere; here it would only cost time
  let t: TestApp = await startTestApp({ stripe, clock, keychain, rate, keys: [stripe.keys.test, stripe.keys.live] });
  const scope: Scope = t.scope;
  const dataDir = t.dataDir;
  // The SDK resends once after a closed connection, first sleeping half a second of wall time: not here.
  const noResendSleep = async () =>
    Object.assign(await t.app.core.gateway.client(scope), { getInitialNetworkRetryDelay: () => 0 });
  await noResendSleep();

  /** Waits for a call, moving the test clock so the app's own waits (a 429's pause) pass. */
  const settle = async <T>(promise: Promise<T>): Promise<Settled<T>> => {
    let result: Settled<T> | null = null;
    promise.then(
      (value) => (result = { ok: true, value }),
      (error: unknown) =>
        (result = {
          ok: false,
          error: error instanceof ConsoleError ? error : new ConsoleError('internal', String(error)),
        }),
    );
    await until(() => result !== null, { what: 'the call to settle', clock, step: 1000, wake: promise });
    return result!;
  };

  return {
    clock,
    stripe,
    admin,
    scope,
    dataDir,
    settle,
    get t() {
      return t;
    },
    get ledger() {
      return t.app.core.ledger;
    },
    /** Quits (stop) or dies (crash), then launches again on the same files: start-up reconciles. */
    async restart(how: 'stop' | 'crash' = 'stop', whileDown?: () => void) {
      if (how === 'crash') t.crash();
      else await t.stop();
      whileDown?.();
      t = buildTestApp({ stripe, clock, keychain, dataDir, rate });
      const started = await settle(t.app.start());
      if (!started.ok) throw started.error;
      await noResendSleep();
    },
    /** Another connection holds SQLite's write lock on a file; the app's connection gives up at once (SQLITE_BUSY). */
    lock(which: 'cache' | 'app') {
      const file = which === 'cache' ? cacheFile(dataDir, scope) : `${dataDir}/app.db`;
      const lockWait =
        which === 'cache' ? cacheLockWait(t.app.services.caches.open(scope)) : appLockWait(t.app.services.appDb);
      const previous = lockWait.set(0);
      const holder = new Database(file);
      holder.exec('BEGIN IMMEDIATE');
      return () => {
        holder.exec('ROLLBACK');
        holder.close();
        if (lockWait.isOpen()) lockWait.set(previous);
      };
    },
    /**
     * Moves the app's and Stripe's clocks together (e.g. past the idempotency keys' 24 h), as after the machine
     * slept: the app's periodic work (the minute's deadline check) runs once on waking, not once per minute skipped.
     */
    jump(ms: number) {
      clock.wake(ms);
    },
    /** A captured (or, with manual capture, authorised) card payment, in the cache as sync would have it. */
    async payment(amount: number, currency = 'usd', capture: 'automatic' | 'manual' = 'automatic') {
      const intent = await admin.paymentIntents.create({
        amount,
        currency,
        payment_method: 'pm_card_visa',
        confirm: true,
        capture_method: capture,
      });
      const chargeId = typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge!.id;
      const sentAt = clock.now();
      t.app.services.sync.applyObject(scope, intent as never, sentAt);
      t.app.services.sync.applyObject(scope, (await admin.charges.retrieve(chargeId)) as never, sentAt);
      return { paymentIntentId: intent.id, chargeId };
    },
    async refundsAt(chargeId: string) {
      return (await admin.refunds.list({ charge: chargeId, limit: 100 })).data;
    },
    activityFor(intentId: string): Pick<ActivityEntry, 'outcome' | 'amount' | 'currency' | 'resultId'>[] {
      return t.app.services.appDb
        .prepare(
          `SELECT outcome, amount, currency, result_id AS resultId FROM activity WHERE intent_id = ? ORDER BY id`,
        )
        .all(intentId) as Pick<ActivityEntry, 'outcome' | 'amount' | 'currency' | 'resultId'>[];
    },
    async stop() {
      await t.stop();
      await stripe.stop();
    },
  };
}

export type FaultRig = Awaited<ReturnType<typeof startFaultRig>>;

interface LockWait {
  set(ms: number): number;
  isOpen(): boolean;
}

function cacheLockWait(store: CacheStore): LockWait {
  return { set: (ms) => store.setLockWait(ms), isOpen: () => store.isOpen };
}

function appLockWait(db: Database.Database): LockWait {
  return {
    set(ms) {
      const previous = db.pragma('busy_timeout', { simple: true }) as number;
      db.pragma(`busy_timeout = ${ms}`);
      return previous;
    },
    isOpen: () => db.open,
  };
}
