import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import type { Resource } from '../../src-main/cache';
import type { Scope } from '../../src-preload/contract';
import { inspectCache } from '../cache/cache-file';
import { allIds, startSyncHarness } from './harness';

type Harness = Awaited<ReturnType<typeof startSyncHarness>>;

let h: Harness;
afterEach(async () => h?.stop());

async function emulatorIds(stripe: Stripe): Promise<Partial<Record<Resource, string[]>>> {
  const all = { limit: 100 } as const;
  return {
    customers: await allIds((p) => stripe.customers.list(p), all),
    payment_intents: await allIds((p) => stripe.paymentIntents.list(p), all),
    charges: await allIds((p) => stripe.charges.list(p), all),
    refunds: await allIds((p) => stripe.refunds.list(p), all),
    disputes: await allIds((p) => stripe.disputes.list(p), all),
    subscriptions: await allIds((p) => stripe.subscriptions.list(p), { ...all, status: 'all' }),
    invoices: await allIds((p) => stripe.invoices.list(p), all),
    products: await allIds((p) => stripe.products.list(p), all),
    prices: await allIds((p) => stripe.prices.list(p), all),
  };
}

function cachedIds(scope: Scope, resource: Resource): string[] {
  return inspectCache(h.dataDir, scope, (db) =>
    (db.prepare(`SELECT id FROM ${resource} WHERE deleted = 0 ORDER BY id`).pluck().all() as string[]).sort(),
  );
}

describe('backfill', () => {
  beforeEach(async () => {
    h = await startSyncHarness({ customers: 60 });
  });

  it('caches every object the account has, and the payment methods in use', async () => {
    const { caches, sync } = await h.build();
    sync.start(h.scope);
    await h.until(() => sync.status(h.scope).phase === 'incremental', 'backfill complete');
    const store = caches.open(h.scope);
    const expected = await emulatorIds(h.stripe());
    for (const [resource, ids] of Object.entries(expected))
      expect(cachedIds(h.scope, resource as Resource), resource).toEqual(ids);
    expect(expected.customers!.length).toBeGreaterThan(0);
    expect(expected.charges!.length).toBeGreaterThan(0);
    // Every payment method a payment used is cached, with its card.
    const used = inspectCache(
      h.dataDir,
      h.scope,
      (db) =>
        db
          .prepare('SELECT DISTINCT payment_method FROM payment_intents WHERE payment_method IS NOT NULL')
          .pluck()
          .all() as string[],
    );
    for (const pm of used) expect(store.has('payment_methods', pm), pm).toBe(true);
    const status = sync.status(h.scope);
    expect(status.resources.every((r) => r.complete)).toBe(true);
    expect(status.dataAsOf).not.toBeNull();
    await sync.close();
    caches.close();
  });

  it('keeps test and live apart', async () => {
    const { caches, sync } = await h.build();
    const live = { ...h.scope, mode: 'live' as const };
    sync.start(h.scope);
    sync.start(live);
    await h.until(
      () => sync.status(h.scope).phase === 'incremental' && sync.status(live).phase === 'incremental',
      'both modes synced',
    );
    const testIds = new Set(cachedIds(h.scope, 'customers'));
    const liveIds = cachedIds(live, 'customers');
    expect(liveIds.length).toBeGreaterThan(0);
    expect(liveIds.filter((id) => testIds.has(id))).toEqual([]);
    expect(liveIds).toEqual(await allIds((p) => h.stripe('live').customers.list(p), { limit: 100 }));
    await sync.close();
    caches.close();
  });
});
