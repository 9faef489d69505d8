import { afterEach, expect, it } from 'vitest';
import { startSyncHarness, until } from './harness';

type Harness = Awaited<ReturnType<typeof startSyncHarness>>;
let h: Harness;
afterEach(async () => h?.stop());

it('resumes a backfill stopped half-way from its checkpoint, without refetching finished ranges', async () => {
  // Enough pages that the pool of workers is still busy when the app quits.
  h = await startSyncHarness({ customers: 2000, latencyMs: 20 }, { rate: 10 });
  const first = h.build();
  first.sync.start(h.scope);
  const store1 = first.caches.open(h.scope);
  await until(() => store1.state.get('customers').fetched >= 200, 60_000, '200 customers');
  // Quit mid-backfill: in-flight pages are dropped, stored pages and their checkpoints are on disk.
  await first.sync.close();
  const before = store1.state.get('customers');
  expect(before.complete).toBe(false);
  expect(before.checkpoint?.ranges.length).toBeGreaterThan(0);
  const cachedBefore = store1.count('customers');
  first.caches.close();

  const second = h.build();
  const store2 = second.caches.open(h.scope);
  expect(store2.count('customers')).toBe(cachedBefore);
  second.sync.start(h.scope);
  await until(() => second.sync.status(h.scope).phase === 'incremental', 90_000, 'backfill complete');
  const total = (await h.stripe().customers.list({ limit: 1 })) && h.emulator.admin.counts('customer', 'test');
  expect(store2.count('customers')).toBe(total);
  const after = store2.state.get('customers');
  expect(after.complete).toBe(true);
  // The second run fetched roughly what was left, not everything again (a page in flight at a split may repeat).
  const fetchedAfterResume = after.fetched - before.fetched;
  expect(fetchedAfterResume).toBeLessThanOrEqual(total - cachedBefore + 200);
  expect(fetchedAfterResume).toBeGreaterThanOrEqual(total - cachedBefore);
  await second.sync.close();
  second.caches.close();
}, 120_000);
