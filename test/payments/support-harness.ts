import { ConsoleError } from '../../src-preload/contract';
import { expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import Stripe from 'stripe';
import type { Scope } from '../../src-preload/contract';
import { ActivityLog } from '../../src-main/activity/activity-log';
import { openAppDatabase } from '../../src-main/app/app-db';
import { CacheRegistry, type StripeObjectLike } from '../../src-main/cache';
import { startEmulator, type RunningEmulator } from '../../src-main/emulator';
import { MutationLedger } from '../../src-main/mutations/mutation-ledger';
import { CaptureService } from '../../src-main/payments/capture-service';
import type { SupportDeps } from '../../src-main/payments/support-deps';
import { RefundService } from '../../src-main/refunds/refund-service';
import { ConnectivityMonitor } from '../../src-main/stripe/connectivity';
import { StripeGateway } from '../../src-main/stripe/gateway';

/** The app side of the support features, as the composition root builds it. A "restart" builds it again on the same files. */
export interface SupportApp {
  appDb: Database.Database;
  activity: ActivityLog;
  ledger: MutationLedger;
  refunds: RefundService;
  captures: CaptureService;
}

/**
 * The emulator standing in for Stripe, reached through the real SDK and the real gateway, plus the real cache and
 * app database in a temp dir. `admin` is a plain SDK client the test uses to set up and inspect Stripe's side.
 */
export async function startSupport(options: { customers?: number } = {}) {
  const stripe: RunningEmulator = await startEmulator({ customers: options.customers ?? 20 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-support-'));
  const scope: Scope = { accountId: stripe.accountId, mode: 'test' };
  const endpoint = { host: '127.0.0.1', port: stripe.port, protocol: 'http' as const };
  let apiKey = stripe.keys.test;
  const connectivity = new ConnectivityMonitor();
  const gateway = new StripeGateway({
    keys: { keyFor: async () => apiKey },
    endpointFor: () => endpoint,
    rateFor: () => 100,
    connectivity,
  });
  const caches = new CacheRegistry(dataDir);
  const deps: SupportDeps = {
    caches,
    // What SyncService.applyObject does with the cache (without its refetch queue).
    applyObject: (s, object, sentAt) => caches.open(s).applyObject(object, { lo: sentAt, hi: Date.now() }),
  };
  const admin = new Stripe(stripe.keys.test, { ...endpoint, maxNetworkRetries: 0 });
  const boot = (): SupportApp => {
    const appDb = openAppDatabase(dataDir);
    const activity = new ActivityLog(appDb);
    const ledger = new MutationLedger(appDb, activity, (s) => gateway.client(s));
    const services = { ledger, gateway, agent: () => 'Test Agent', now: Date.now };
    return {
      appDb,
      activity,
      ledger,
      refunds: new RefundService(services, deps),
      captures: new CaptureService(services, deps),
    };
  };
  let app = boot();

  /** Puts objects into the cache as sync would, stamped with the request window. */
  const cacheAll = async (fetch: () => Promise<object[]>) => {
    const sentAt = Date.now();
    const objects = await fetch();
    for (const o of objects) deps.applyObject(scope, o as StripeObjectLike, sentAt);
  };

  return {
    stripe,
    scope,
    deps,
    caches,
    gateway,
    admin,
    get app() {
      return app;
    },
    /** Quits the app side and starts it again on the same database and cache (a crash leaves no other trace). */
    restart(): SupportApp {
      app.appDb.close();
      app = boot();
      return app;
    },
    /** Talk to Stripe with another key from now on (e.g. a restricted one). */
    useKey(key: string) {
      apiKey = key;
      gateway.forget(scope.accountId);
    },
    /** Copies the emulator's data into the cache (what backfill does). */
    async fillCache() {
      const all = { limit: 100 } as const;
      await cacheAll(() => admin.customers.list(all).autoPagingToArray({ limit: 10_000 }));
      await cacheAll(() => admin.paymentIntents.list(all).autoPagingToArray({ limit: 10_000 }));
      await cacheAll(() => admin.charges.list(all).autoPagingToArray({ limit: 10_000 }));
      await cacheAll(() => admin.paymentMethods.list({ ...all, type: 'card' }).autoPagingToArray({ limit: 10_000 }));
      await cacheAll(() => admin.refunds.list(all).autoPagingToArray({ limit: 10_000 }));
      await cacheAll(() => admin.disputes.list(all).autoPagingToArray({ limit: 10_000 }));
      await cacheAll(() => admin.subscriptions.list({ ...all, status: 'all' }).autoPagingToArray({ limit: 10_000 }));
      await cacheAll(() => admin.invoices.list(all).autoPagingToArray({ limit: 10_000 }));
      const events = await admin.events.list(all).autoPagingToArray({ limit: 10_000 });
      const cache = caches.open(scope);
      for (const e of events)
        cache.recordEvent(e as unknown as Parameters<typeof cache.recordEvent>[0], 'poll', Date.now());
    },
    /** A fresh card payment for a customer, in the cache as sync would have it. */
    async payment(params: {
      amount: number;
      currency?: string;
      capture?: 'manual';
      paymentMethod?: string;
      customer?: string;
    }) {
      const customer =
        params.customer ?? (await admin.customers.create({ email: `payer-${Date.now()}@example.com` })).id;
      const intent = await admin.paymentIntents.create({
        amount: params.amount,
        currency: params.currency ?? 'usd',
        customer,
        payment_method: params.paymentMethod ?? 'pm_card_visa',
        confirm: true,
        ...(params.capture ? { capture_method: params.capture } : {}),
      });
      await cacheAll(async () => [await admin.customers.retrieve(customer), intent]);
      const chargeId =
        typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null);
      if (chargeId) await cacheAll(async () => [await admin.charges.retrieve(chargeId)]);
      return { intent, chargeId: chargeId!, customer };
    },
    /** Refunds Stripe holds for a charge: the ground truth for "exactly once". */
    async refundsAtStripe(chargeId: string) {
      return (await admin.refunds.list({ charge: chargeId, limit: 100 })).data;
    },
    async stop() {
      app.appDb.close();
      caches.close();
      await stripe.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Support = Awaited<ReturnType<typeof startSupport>>;

/** The typed error a call was refused with (fails the test if it resolved or threw something else). */
export async function rejection(promise: Promise<unknown>): Promise<ConsoleError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConsoleError);
  return error as ConsoleError;
}
