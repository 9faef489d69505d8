import type { Checkpoint, PendingRange } from '../cache';

/** Objects per list page: splits aim at whole pages, since every range ends in a partial one. */
export const PAGE_SIZE = 100;

/** A range being worked on, with what its own pages taught about its density (not persisted). */
interface Slot {
  range: PendingRange;
  busy: boolean;
  fetched: number;
  coveredSeconds: number;
}

/**
 * Splits one resource's `created` axis into ranges that workers page in parallel. A range is paged newest
 * first. When a worker has nothing to do, the backfill asks the planner with the most estimated work left to
 * split its biggest range: the cut is placed by estimated object count (from that range's own density), so
 * the part the busy worker keeps holds whole pages, and ranges are split as long as they hold a couple of
 * pages — the tail stays parallel. Ranges never overlap, and a finished range is never fetched again (the
 * checkpoint lists only what remains).
 */
export class RangePlanner {
  private readonly slots: Slot[];
  private fetched = 0;
  private coveredSeconds = 0;

  constructor(
    ranges: PendingRange[],
    private readonly now: () => number,
    /** Don't split a range expected to hold fewer objects than this (each range ends in a partial page). */
    private readonly minSplitObjects = 2 * PAGE_SIZE,
  ) {
    this.slots = ranges.map((range) => ({ range: { ...range }, busy: false, fetched: 0, coveredSeconds: 0 }));
  }

  static fresh(lo: number): Checkpoint {
    return { ranges: [{ lo, hi: null, after: null, afterCreated: null }] };
  }

  get done(): boolean {
    return this.slots.length === 0;
  }

  /** Objects per second of `created`, learnt from the pages so far (null before the first page). */
  get density(): number | null {
    return this.coveredSeconds > 0 ? this.fetched / this.coveredSeconds : this.fetched > 0 ? this.fetched : null;
  }

  /** Estimated objects still to fetch (null while unknown). */
  estimatedRemaining(): number | null {
    if (this.density === null) return null;
    return Math.round(this.slots.reduce((sum, s) => sum + this.estimate(s), 0));
  }

  checkpoint(): Checkpoint {
    return { ranges: this.slots.map((s) => ({ ...s.range })) };
  }

  /** A range nobody is paging (at start, or released by a stopped worker). */
  takeIdle(): PendingRange | null {
    const idle = this.slots.find((s) => !s.busy);
    if (!idle) return null;
    idle.busy = true;
    return idle.range;
  }

  /** Estimated objects in the biggest range that may be split (0 when none may). */
  splittable(): number {
    const best = this.biggest();
    return best && this.canSplit(best) ? this.estimate(best) : 0;
  }

  /** Splits the biggest range; its lower part becomes a new range, taken by the caller. */
  split(): PendingRange | null {
    const best = this.biggest();
    if (!best || !this.canSplit(best)) return null;
    const range = best.range;
    const top = this.top(range);
    const density = this.densityOf(best);
    // The busy worker keeps the newer half, rounded to whole pages; the older part goes to the caller.
    const keepObjects = Math.max(PAGE_SIZE, Math.round(this.estimate(best) / 2 / PAGE_SIZE) * PAGE_SIZE);
    const cut = Math.max(range.lo + 1, Math.min(top, Math.round(top + 1 - keepObjects / density)));
    const lower: PendingRange = { lo: range.lo, hi: cut, after: null, afterCreated: null };
    range.lo = cut;
    this.slots.push({ range: lower, busy: true, fetched: 0, coveredSeconds: 0 });
    return lower;
  }

  /** Records a page of a range: its last object, and whether the range has more below it. */
  advance(
    range: PendingRange,
    page: { count: number; last: { id: string; created: number } | null; hasMore: boolean },
  ): void {
    const slot = this.slots.find((s) => s.range === range);
    if (page.last) {
      const seconds = Math.max(0, this.top(range) - page.last.created);
      this.fetched += page.count;
      this.coveredSeconds += seconds;
      if (slot) {
        slot.fetched += page.count;
        slot.coveredSeconds += seconds;
      }
      range.after = page.last.id;
      range.afterCreated = page.last.created;
    }
    // Below the range's floor means a split moved the floor while this page was in flight: the rest is someone else's.
    if (!page.hasMore || !page.last || page.last.created < range.lo) this.finish(range);
  }

  /** A worker stops (abort, error): its range waits for the next one. */
  release(range: PendingRange): void {
    const slot = this.slots.find((s) => s.range === range);
    if (slot) slot.busy = false;
  }

  isFinished(range: PendingRange): boolean {
    return !this.slots.some((s) => s.range === range);
  }

  private finish(range: PendingRange): void {
    const index = this.slots.findIndex((s) => s.range === range);
    if (index >= 0) this.slots.splice(index, 1);
  }

  private biggest(): Slot | null {
    let best: Slot | null = null;
    for (const slot of this.slots) if (!best || this.estimate(slot) > this.estimate(best)) best = slot;
    return best;
  }

  private canSplit(slot: Slot): boolean {
    // Learn from a first page before guessing; a range of a second or less can't be cut.
    return (
      this.density !== null && this.remainingSeconds(slot.range) >= 2 && this.estimate(slot) >= this.minSplitObjects
    );
  }

  /** A range's own density once it has a page or two; the resource's until then. */
  private densityOf(slot: Slot): number {
    const own = slot.fetched >= PAGE_SIZE && slot.coveredSeconds > 0 ? slot.fetched / slot.coveredSeconds : null;
    return own ?? this.density ?? 0;
  }

  private estimate(slot: Slot): number {
    return this.remainingSeconds(slot.range) * this.densityOf(slot);
  }

  private top(range: PendingRange): number {
    return range.afterCreated ?? range.hi ?? Math.floor(this.now() / 1000);
  }

  private remainingSeconds(range: PendingRange): number {
    return Math.max(0, this.top(range) - range.lo);
  }
}
