import { afterEach, expect, it } from 'vitest';
import type Stripe from 'stripe';
import type { EventRecord, StripeObjectLike } from '../../src-main/cache';
import { inspectCache } from '../cache/cache-file';
import { startSyncHarness } from './harness';

type Harness = Awaited<ReturnType<typeof startSyncHarness>>;
let h: Harness;
afterEach(async () => h?.stop());

/** Deterministic shuffle, so a failure reproduces. */
function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

it('converges to Stripe’s state from duplicated, reordered events in the same second', async () => {
  h = await startSyncHarness({ customers: 20 });
  const { caches, sync } = await h.build();
  const store = caches.open(h.scope);
  sync.start(h.scope);
  await h.until(() => sync.status(h.scope).phase === 'incremental', 'backfill complete');
  await sync.stop(h.scope);

  // Changes made while the poller is stopped: several updates of one object within a second.
  const stripe = h.stripe();
  // Stripe (the emulator) keeps the harness's clock.
  const since = Math.floor(h.clock.now() / 1000) - 1;
  const customer = await stripe.customers.create({ email: 'first@example.com', name: 'First' });
  for (const name of ['Second', 'Third', 'Fourth']) await stripe.customers.update(customer.id, { name });
  const [existing] = (await stripe.customers.list({ limit: 1 })).data;
  await stripe.customers.update(existing!.id, { metadata: { tier: 'gold' } });
  const [subscription] = (await stripe.subscriptions.list({ limit: 1, status: 'active' })).data;
  await stripe.subscriptions.cancel(subscription!.id);
  const events = (await stripe.events.list({ limit: 100, created: { gte: since } })).data as unknown as EventRecord[];
  expect(events.length).toBeGreaterThanOrEqual(6);

  // Delivered out of order and twice over (as webhooks may be).
  const receivedAt = h.clock.now();
  const outcomes: string[] = [];
  for (const e of shuffled([...events, ...events]))
    outcomes.push((await sync.ingestEvent(h.scope, e, 'webhook', receivedAt)).status);
  expect(outcomes.filter((o) => o === 'applied')).toHaveLength(events.length);
  expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(events.length);

  // The poller then sees the same events again (deduplicated) and refetches what was in doubt.
  sync.start(h.scope);
  const touched = [customer.id, existing!.id];
  const matches = async () => {
    for (const id of touched) {
      const remote = await stripe.customers.retrieve(id);
      if (JSON.stringify(store.get<StripeObjectLike>('customers', id)) !== JSON.stringify(remote)) return false;
    }
    return true;
  };
  await h.until(matches, 'cache equals Stripe');
  expect(store.get<Stripe.Customer>('customers', customer.id)?.name).toBe('Fourth');
  // customer.subscription.deleted is a cancellation, not a deletion.
  expect(store.get<Stripe.Subscription>('subscriptions', subscription!.id)?.status).toBe('canceled');
  expect(store.count('customers')).toBe(h.emulator.admin.counts('customer', 'test'));
  expect(
    inspectCache(h.dataDir, h.scope, (db) =>
      db.prepare('SELECT count(*) FROM events WHERE applied_at IS NOT NULL').pluck().get(),
    ),
  ).toBeGreaterThanOrEqual(events.length);
  await sync.close();
  caches.close();
}, 60_000);

it('lets the newest snapshot win when events of different seconds arrive newest first', () => {
  // Pure cache + applier: no Stripe needed.
  return (async () => {
    h = await startSyncHarness({ customers: 1 });
    const { caches, sync } = await h.build();
    const snapshot = (name: string): StripeObjectLike => ({
      id: 'cus_X',
      object: 'customer',
      created: 100,
      name,
      metadata: {},
    });
    const event = (id: string, created: number, name: string): EventRecord => ({
      id,
      object: 'event',
      type: 'customer.updated',
      created,
      data: { object: snapshot(name) },
    });
    const receivedAt = 200_000;
    for (const e of [
      event('evt_3', 130, 'C'),
      event('evt_1', 110, 'A'),
      event('evt_2', 120, 'B'),
      event('evt_1', 110, 'A'),
    ])
      await sync.ingestEvent(h.scope, e, 'webhook', receivedAt);
    expect(caches.open(h.scope).get<StripeObjectLike>('customers', 'cus_X')?.name).toBe('C');
    await sync.close();
    caches.close();
  })();
});

it('reports progress for polls that change something, and for quiet polls only once a minute', async () => {
  // Polls once a second (the app polls every 5 s): two minutes are 120 polls.
  h = await startSyncHarness({ customers: 10 }, { sync: { pollIntervalMs: 1000 } });
  const { caches, sync, events } = await h.build();
  const store = caches.open(h.scope);
  const reports: number[] = [];
  events.subscribe((name) => {
    if (name === 'sync.progress') reports.push(h.clock.now());
  });
  sync.start(h.scope);
  await h.until(() => sync.status(h.scope).phase === 'incremental', 'backfill complete');

  // Once the backfill's own reports (and the event history's) are out, two minutes of polls with nothing new
  // report about twice, not 120 times.
  const settledFrom = h.clock.now();
  await h.until(() => h.clock.now() >= settledFrom + 5_000, 'the backfill’s reports out');
  const quietFrom = h.clock.now();
  reports.length = 0;
  await h.until(() => h.clock.now() >= quietFrom + 120_000, 'two quiet minutes');
  expect(reports.length).toBeGreaterThanOrEqual(1);
  expect(reports.length).toBeLessThanOrEqual(3);

  // A change at Stripe: the poll that applies it reports it, well inside the minute.
  reports.length = 0;
  const customer = await h.stripe().customers.create({ email: 'news@example.com' });
  const changedAt = h.clock.now();
  await h.until(() => store.get('customers', customer.id) !== null && reports.length > 0, 'the change reported');
  expect(reports[0]! - changedAt).toBeLessThan(10_000);
  await sync.close();
  caches.close();
});
