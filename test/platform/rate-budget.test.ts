import { describe, expect, it } from 'vitest';
import { RateBudget } from '../../src-main/stripe/rate-budget';

describe('RateBudget', () => {
  it('lets a burst of its size through, then paces the rest at the rate', async () => {
    const budget = new RateBudget(20);
    const started = Date.now();
    await Promise.all(Array.from({ length: 40 }, () => budget.acquire()));
    const elapsed = Date.now() - started;
    // 20 immediately, 20 more at 20/s ≈ 1 s.
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(2500);
  });

  it('holds everyone back during a 429 pause', async () => {
    const budget = new RateBudget(100);
    budget.pause(0.3);
    const started = Date.now();
    await budget.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('serves waiters first come, first served', async () => {
    const budget = new RateBudget(5);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => budget.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
