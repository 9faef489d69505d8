import { afterEach, expect, it } from 'vitest';
import type { SyncProgress } from '../../src-preload/contract';
import { startSyncHarness, until } from './harness';

type Harness = Awaited<ReturnType<typeof startSyncHarness>>;
let h: Harness;
afterEach(async () => h?.stop());

it('rides out a 429 storm (rate_limit and lock_timeout) without losing pages or marking the sync done', async () => {
  h = await startSyncHarness({ customers: 250 });
  h.emulator.faults.rateLimitBurst(10_000, { path: /^\/v1\/customers/ }, { code: 'lock_timeout' });
  h.emulator.faults.rateLimitBurst(6, { path: /^\/v1\/charges/ }, { code: 'rate_limit', retryAfter: 1 });
  const progress: SyncProgress[] = [];
  h.events.subscribe((name, payload) => {
    if (name === 'sync.progress') progress.push(payload as SyncProgress);
  });
  const { caches, sync } = h.build();
  const store = caches.open(h.scope);
  sync.start(h.scope);
  await until(() => store.state.get('charges').complete, 30_000, 'charges complete despite 429s');
  await until(() => progress.some((p) => p.phase === 'rate_limited'), 10_000, 'rate_limited phase reported');
  expect(store.state.get('customers').complete).toBe(false);
  expect(sync.status(h.scope).phase).not.toBe('incremental');
  expect(store.count('charges')).toBe(h.emulator.admin.counts('charge', 'test'));

  h.emulator.faults.clear();
  await until(() => sync.status(h.scope).phase === 'incremental', 60_000, 'complete after the storm');
  expect(store.count('customers')).toBe(h.emulator.admin.counts('customer', 'test'));
  await sync.close();
  caches.close();
}, 90_000);

it('goes offline, keeps the cache, and resumes by itself', async () => {
  h = await startSyncHarness({ customers: 30 });
  const { caches, sync } = h.build();
  const store = caches.open(h.scope);
  sync.start(h.scope);
  await until(() => sync.status(h.scope).phase === 'incremental', 30_000);
  const cached = store.count('customers');
  const asOf = sync.dataAsOf(h.scope);
  h.emulator.faults.offline();
  await until(() => sync.status(h.scope).phase === 'offline', 15_000, 'offline reported');
  expect(sync.connectivityFor(h.scope)).toMatchObject({ online: false });
  expect(sync.connectivityFor(h.scope).dataAsOf).toBeGreaterThanOrEqual(asOf!);
  expect(store.count('customers')).toBe(cached);
  h.emulator.faults.online();
  // A change made while we were away arrives once Stripe is reachable again.
  const customer = await h.stripe().customers.create({ email: 'back.online@example.com' });
  await until(() => store.has('customers', customer.id), 40_000, 'resumed after going online');
  expect(sync.status(h.scope).phase).toBe('incremental');
  expect(sync.connectivityFor(h.scope).online).toBe(true);
  await sync.close();
  caches.close();
}, 90_000);
