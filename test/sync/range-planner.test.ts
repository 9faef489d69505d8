import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, RangePlanner } from '../../src-main/sync/range-planner';

const NOW_S = 1_000_000;
const now = () => NOW_S * 1000;

/** A page of `count` objects whose last one was created at `lastCreated`. */
const page = (count: number, lastCreated: number, hasMore = true) => ({
  count,
  last: { id: `obj_${lastCreated}`, created: lastCreated },
  hasMore,
});

describe('RangePlanner', () => {
  it('learns density from a first page, then splits by estimated objects so the busy range keeps whole pages', () => {
    const planner = new RangePlanner(RangePlanner.fresh(NOW_S - 10_000).ranges, now);
    const first = planner.takeIdle()!;
    expect(planner.split()).toBeNull(); // nothing known yet
    // One object per second: 100 objects covered the newest 100 s, about 9,900 remain.
    planner.advance(first, page(100, NOW_S - 100));
    expect(planner.estimatedRemaining()).toBe(9_900);
    const lower = planner.split()!;
    expect(lower.hi).toBe(first.lo); // adjacent, never overlapping
    // The busy range keeps a whole number of pages (~half the work); the new one takes the older rest.
    const kept = (first.afterCreated! - first.lo + 1) * planner.density!;
    expect(kept % PAGE_SIZE).toBe(0);
    expect(kept).toBeGreaterThanOrEqual(4_900);
    expect(kept).toBeLessThanOrEqual(5_000);
    expect(planner.checkpoint().ranges).toHaveLength(2);
  });

  it('keeps splitting down to a couple of pages, so the tail stays parallel, and no further', () => {
    const planner = new RangePlanner(RangePlanner.fresh(NOW_S - 1_000).ranges, now);
    const range = planner.takeIdle()!;
    planner.advance(range, page(100, NOW_S - 100)); // ~900 left
    const ranges = [range];
    for (let next = planner.split(); next; next = planner.split()) ranges.push(next);
    expect(ranges.length).toBeGreaterThanOrEqual(4);
    for (const r of ranges.slice(1)) expect((r.hi! - r.lo) * planner.density!).toBeLessThan(4 * PAGE_SIZE);
    expect(planner.splittable()).toBe(0);
    // Sorted by floor, each range ends where the next begins: the whole span is covered exactly once.
    const sorted = planner.checkpoint().ranges.sort((a, b) => a.lo - b.lo);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1]!.hi).toBe(sorted[i]!.lo);
  });

  it('finishes a range on its last page and is done when none is left', () => {
    const planner = new RangePlanner(RangePlanner.fresh(NOW_S - 50).ranges, now);
    const range = planner.takeIdle()!;
    planner.advance(range, page(42, NOW_S - 49, false));
    expect(planner.isFinished(range)).toBe(true);
    expect(planner.done).toBe(true);
    expect(planner.checkpoint().ranges).toEqual([]);
  });
});
