import { ConsoleError } from '../../src-preload/contract';
import { expect } from 'vitest';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import Stripe from 'stripe';
import type { ActivityLog } from '../../src-main/activity/activity-log';
import type { StripeObjectLike } from '../../src-main/cache';
import type { MutationLedger } from '../../src-main/mutations/mutation-ledger';
import type { CaptureService } from '../../src-main/payments/capture-service';
import type { CacheAccess } from '../../src-main/cache/cache-access';
import type { RefundService } from '../../src-main/payments/refund-service';
import { buildTestApp, endpointOf, startStripe, startTestApp, type TestApp } from '../support/app';

/** The app side of the support features, from the app's own composition root. A "restart" builds it again on the same files. */
export interface SupportApp {
  appDb: Database.Database;
  activity: ActivityLog;
  ledger: MutationLedger;
  refunds: RefundService;
  captures: CaptureService;
}

/**
 * The emulator standing in for Stripe, connected to the app `createConsoleApp` builds (real gateway, ledger, cache
 * and app database in a temp dir). `admin` is a plain SDK client the test uses to set up and inspect Stripe's side.
 */
export async function startSupport(options: { customers?: number } = {}) {
  const stripe = await startStripe({ customers: options.customers ?? 20 });
  const first = await startTestApp({ stripe, rate: 100 });
  const { dataDir, keychain, scope } = first;
  const apps: TestApp[] = [first];
  let current = first;
  const supportApp = (t: TestApp): SupportApp => ({
    appDb: t.app.services.appDb,
    activity: t.app.core.activity,
    ledger: t.app.core.ledger,
    refunds: t.app.services.refunds,
    captures: t.app.services.captures,
  });
  let app = supportApp(first);
  const deps: CacheAccess = {
    caches: { open: (s) => current.app.services.caches.open(s) },
    applyObject: (s, object, sentAt) => current.app.services.sync.applyObject(s, object, sentAt),
  };
  const admin = new Stripe(stripe.keys.test, { ...endpointOf(stripe), maxNetworkRetries: 0 });

  /** Puts objects into the cache as sync would, stamped with the request window. */
  const cacheAll = async (fetch: () => Promise<object[]>) => {
    const sentAt = Date.now();
    const objects = await fetch();
    for (const o of objects) deps.applyObject(scope, o as StripeObjectLike, sentAt);
  };

  return {
    stripe,
    scope,
    dataDir,
    deps,
    get caches() {
      return current.app.services.caches;
    },
    get gateway() {
      return current.app.core.gateway;
    },
    /** The app's IPC router: every call validated against the contract, as from the renderer. */
    get router() {
      return current.app.router;
    },
    admin,
    get app() {
      return app;
    },
    /**
     * The app as after a crash and relaunch, on the same database and cache, before start-up work runs (the test
     * calls `ledger.reconcile()` itself).
     */
    restart(): SupportApp {
      current.crash();
      current = buildTestApp({ stripe, dataDir, keychain });
      apps.push(current);
      app = supportApp(current);
      return app;
    },
    /** Talk to Stripe with another key from now on (e.g. a restricted one), rotated as Settings → Accounts does. */
    useKey: (key: string) => current.useKey(key),
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
      const cache = current.app.services.caches.open(scope);
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
      for (const built of apps.splice(0)) await built.stop();
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
