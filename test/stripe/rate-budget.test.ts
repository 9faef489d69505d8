import { describe, expect, it } from 'vitest';
import { RateBudget, type Lane } from '../../src-main/stripe/rate-budget';
import { TestClock } from '../support/clock';

/** Lets resolved acquisitions run their callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Starts `n` acquisitions and records, for each, the clock's time when it was granted. */
function acquireAll(budget: RateBudget, clock: TestClock, n: number, lane: Lane = 'interactive') {
  const grantedAt: (number | null)[] = Array.from({ length: n }, () => null);
  const order: number[] = [];
  for (let i = 0; i < n; i++)
    void budget.acquire(lane).then(() => {
      grantedAt[i] = clock.now();
      order.push(i);
    });
  return { grantedAt, order, granted: () => grantedAt.filter((t) => t !== null).length };
}

describe('RateBudget', () => {
  it('lets a burst of its size through, then paces the rest at the rate', async () => {
    const clock = new TestClock();
    const start = clock.now();
    const budget = new RateBudget(20, clock);
    const run = acquireAll(budget, clock, 40);
    await settle();
    expect(run.granted()).toBe(20);
    // One more every 50 ms: after 500 ms, ten more; after a second, all of them.
    clock.advance(500);
    await settle();
    expect(run.granted()).toBe(30);
    clock.advance(500);
    await settle();
    expect(run.granted()).toBe(40);
    expect(Math.max(...run.grantedAt.map((t) => t! - start))).toBe(1000);
  });

  it('holds everyone back during a 429 pause, then resumes at the rate from an empty bucket', async () => {
    const clock = new TestClock();
    const budget = new RateBudget(100, clock);
    budget.pause(0.3);
    const run = acquireAll(budget, clock, 1);
    clock.advance(299);
    await settle();
    expect(run.granted()).toBe(0);
    // The pause ends with no tokens banked: the first request waits one token's time (10 ms at 100/s).
    clock.advance(9);
    await settle();
    expect(run.granted()).toBe(0);
    clock.advance(2);
    await settle();
    expect(run.granted()).toBe(1);
  });

  it('a lower rate set while callers wait paces the rest at the new rate', async () => {
    const clock = new TestClock();
    const budget = new RateBudget(10, clock);
    const run = acquireAll(budget, clock, 12);
    await settle();
    expect(run.granted()).toBe(10);
    budget.setRate(1);
    clock.advance(1000);
    await settle();
    expect(run.granted()).toBe(11);
  });

  it('serves waiters first come, first served', async () => {
    const clock = new TestClock();
    const budget = new RateBudget(5, clock);
    const run = acquireAll(budget, clock, 10);
    clock.advance(1000);
    await settle();
    expect(run.order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  describe('priority lane', () => {
    it('a search that arrives behind a queue of backfill pages is sent at once, not after them', async () => {
      const clock = new TestClock();
      const budget = new RateBudget(10, clock);
      const backfill = acquireAll(budget, clock, 40, 'background');
      await settle();
      clock.advance(1000);
      await settle();
      const pagesBefore = backfill.granted();
      // Five queries (one per kind) arrive with 30+ pages still waiting: all five go now, from the reserve.
      const search = acquireAll(budget, clock, 5);
      await settle();
      expect(search.granted()).toBe(5);
      expect(backfill.granted()).toBe(pagesBefore);
    });

    it('interactive waiters are served before background ones when tokens are scarce', async () => {
      const clock = new TestClock();
      const budget = new RateBudget(2, clock);
      const backfill = acquireAll(budget, clock, 10, 'background');
      await settle();
      // A bucket of 2 keeps 1 for people: one page went, the other token stays banked.
      expect(backfill.granted()).toBe(1);
      const search = acquireAll(budget, clock, 3);
      await settle();
      expect(search.granted()).toBe(1);
      // The next two tokens (every 500 ms) go to the search, though nine pages were waiting longer.
      clock.advance(1000);
      await settle();
      expect(search.granted()).toBe(3);
      expect(backfill.granted()).toBe(1);
      clock.advance(1000);
      await settle();
      expect(backfill.granted()).toBe(2);
    });

    it('both lanes together never exceed the rate: over any long window, at most burst + rate × seconds', async () => {
      const clock = new TestClock();
      const start = clock.now();
      const budget = new RateBudget(10, clock);
      const backfill = acquireAll(budget, clock, 200, 'background');
      const people: ReturnType<typeof acquireAll>[] = [];
      for (let second = 0; second < 10; second++) {
        people.push(acquireAll(budget, clock, 3));
        for (let step = 0; step < 10; step++) {
          clock.advance(100);
          await settle();
        }
      }
      const grants = [...backfill.grantedAt, ...people.flatMap((p) => p.grantedAt)].filter(
        (t): t is number => t !== null,
      );
      // At most 10 s at 10/s plus the initial bucket of 10; the reserve left banked at the end is all it loses.
      expect(grants.length).toBeLessThanOrEqual(110);
      expect(grants.length).toBeGreaterThanOrEqual(105);
      for (const from of grants)
        expect(grants.filter((t) => t >= from && t < from + 1000).length).toBeLessThanOrEqual(20);
      expect(grants.every((t) => t <= start + 10_000)).toBe(true);
      expect(people.every((p) => p.granted() === 3)).toBe(true);
    });

    it('background work alone keeps the full rate: the reserve only delays it, it never slows it', async () => {
      const clock = new TestClock();
      const budget = new RateBudget(10, clock);
      const backfill = acquireAll(budget, clock, 100, 'background');
      await settle();
      // The bucket's first five go at once (five stay banked for people)…
      expect(backfill.granted()).toBe(5);
      for (let step = 0; step < 50; step++) {
        clock.advance(100);
        await settle();
      }
      // …then one every 100 ms: 5 + 50.
      expect(backfill.granted()).toBe(55);
    });

    it('a 429 pause holds both lanes; when it ends the interactive waiter goes first', async () => {
      const clock = new TestClock();
      const budget = new RateBudget(10, clock);
      const backfill = acquireAll(budget, clock, 3, 'background');
      await settle();
      budget.pause(1);
      const before = backfill.granted();
      const later = acquireAll(budget, clock, 2, 'background');
      const search = acquireAll(budget, clock, 1);
      clock.advance(999);
      await settle();
      expect(search.granted()).toBe(0);
      expect(later.granted() + backfill.granted()).toBe(before);
      clock.advance(101);
      await settle();
      expect(search.granted()).toBe(1);
      expect(later.granted()).toBe(0);
    });
  });
});
