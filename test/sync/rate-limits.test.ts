import { afterEach, expect, it } from 'vitest';
import type { SyncProgress } from '../../src-preload/contract';
import { startSyncHarness } from './harness';

type Harness = Awaited<ReturnType<typeof startSyncHarness>>;
let h: Harness;
afterEach(async () => h?.stop());

it('rides out a 429 storm (rate_limit and lock_timeout) without losing pages or marking the sync done', async () => {
  h = await startSyncHarness({ customers: 250, liveCustomers: 0 }); // only test mode is synced
  h.emulator.faults.rateLimitBurst(10_000, { path: /^\/v1\/customers/ }, { code: 'lock_timeout' });
  h.emulator.faults.rateLimitBurst(6, { path: /^\/v1\/charges/ }, { code: 'rate_limit', retryAfter: 1 });
  const { caches, sync, events } = await h.build();
  const progress: SyncProgress[] = [];
  events.subscribe((name, payload) => {
    if (name === 'sync.progress') progress.push(payload as SyncProgress);
  });
  const store = caches.open(h.scope);
  sync.start(h.scope);
  await h.until(() => store.state.get('charges').complete, 'charges complete despite 429s');
  await h.until(() => progress.some((p) => p.phase === 'rate_limited'), 'rate_limited phase reported');
  expect(store.state.get('customers').complete).toBe(false);
  expect(sync.status(h.scope).phase).not.toBe('incremental');
  expect(store.count('charges')).toBe(h.emulator.admin.counts('charge', 'test'));

  h.emulator.faults.clear();
  await h.until(() => sync.status(h.scope).phase === 'incremental', 'complete after the storm');
  expect(store.count('customers')).toBe(h.emulator.admin.counts('customer', 'test'));
  await sync.close();
  caches.close();
}, 90_000);

it('goes offline, keeps the cache, and resumes by itself', async () => {
  h = await startSyncHarness({ customers: 30 });
  const { caches, sync, call } = await h.build();
  const store = caches.open(h.scope);
  sync.start(h.scope);
  await h.until(() => sync.status(h.scope).phase === 'incremental', 'backfill complete');
  const cached = store.count('customers');
  const asOf = sync.dataAsOf(h.scope);
  h.emulator.faults.offline();
  await h.until(() => sync.status(h.scope).phase === 'offline', 'offline reported');
  const offline = await call('connectivity.get', {});
  expect(offline).toMatchObject({ online: false });
  expect(offline.dataAsOf).toBeGreaterThanOrEqual(asOf!);
  expect(store.count('customers')).toBe(cached);
  h.emulator.faults.online();
  // A change made while we were away arrives once Stripe is reachable again.
  const customer = await h.stripe().customers.create({ email: 'back.online@example.com' });
  await h.until(() => store.has('customers', customer.id), 'resumed after going online');
  expect(sync.status(h.scope).phase).toBe('incremental');
  expect((await call('connectivity.get', {})).online).toBe(true);
  await sync.close();
  caches.close();
}, 90_000);
