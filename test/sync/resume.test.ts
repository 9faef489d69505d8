import { afterEach, expect, it } from 'vitest';
import { until } from '../support/until';
import { startSyncHarness } from './harness';

type Harness = Awaited<ReturnType<typeof startSyncHarness>>;
let h: Harness;
afterEach(async () => h?.stop());

it('resumes a backfill stopped half-way from its checkpoint, without refetching finished ranges', async () => {
  // While the clock stands still the first run can send only its budget's burst (5 requests over nine lists),
  // fewer than the seven pages of customers alone: it is mid-backfill, workers waiting, when the app quits.
  h = await startSyncHarness({ customers: 700, liveCustomers: 0 }, { rate: 5 }); // only test mode is synced
  const first = await h.build();
  first.sync.start(h.scope);
  const store1 = first.caches.open(h.scope);
  await until(() => store1.state.get('customers').fetched >= 100, 'a page of customers');
  // Quit mid-backfill: in-flight pages are dropped, stored pages and their checkpoints are on disk.
  await h.whileTimePasses(first.sync.close());
  const before = store1.state.get('customers');
  expect(before.complete).toBe(false);
  expect(before.checkpoint?.ranges.length).toBeGreaterThan(0);
  const cachedBefore = store1.count('customers');
  first.caches.close();

  const second = await h.build({ rate: 200 });
  const store2 = second.caches.open(h.scope);
  expect(store2.count('customers')).toBe(cachedBefore);
  second.sync.start(h.scope);
  await h.until(() => second.sync.status(h.scope).phase === 'incremental', 'backfill complete');
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
