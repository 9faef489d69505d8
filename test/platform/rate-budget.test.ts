import { describe, expect, it } from 'vitest';
import { RateBudget } from '../../src-main/stripe/rate-budget';
import { TestClock } from '../support/clock';

/** Lets resolved acquisitions run their callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Starts `n` acquisitions and records, for each, the clock's time when it was granted. */
function acquireAll(budget: RateBudget, clock: TestClock, n: number) {
  const grantedAt: (number | null)[] = Array.from({ length: n }, () => null);
  const order: number[] = [];
  for (let i = 0; i < n; i++)
    void budget.acquire().then(() => {
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
});
