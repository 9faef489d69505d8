import type { Checkpoint, PendingRange } from '../cache';

/** A range being worked on, plus how many objects it has yielded and over how many seconds of `created`. */
interface Slot {
  range: PendingRange;
  busy: boolean;
}

/**
 * Splits one resource's `created` axis into ranges that several workers page in parallel. A range is
 * paged newest first; when a worker is idle it takes a waiting range, or splits the remaining part of the
 * biggest one (by estimated objects) in two — so skewed data still keeps every worker busy. Ranges never
 * overlap, and a finished range is never fetched again (the checkpoint lists only what remains).
 */
export class RangePlanner {
  private readonly slots: Slot[];
  private fetched = 0;
  private coveredSeconds = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(
    ranges: PendingRange[],
    private readonly now: () => number,
    /** Don't split a range expected to hold fewer objects than this (each range ends in a partial page). */
    private readonly minSplitObjects = 400,
  ) {
    this.slots = ranges.map((range) => ({ range: { ...range }, busy: false }));
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
    const density = this.density;
    if (density === null) return null;
    return Math.round(this.slots.reduce((sum, s) => sum + this.remainingSeconds(s.range) * density, 0));
  }

  checkpoint(): Checkpoint {
    return { ranges: this.slots.map((s) => ({ ...s.range })) };
  }

  /** A range for an idle worker, or null if there is nothing worth taking right now. */
  take(): PendingRange | null {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return idle.range;
    }
    const split = this.split();
    if (!split) return null;
    const slot = { range: split, busy: true };
    this.slots.push(slot);
    return slot.range;
  }

  /** Resolves when ranges changed (a page arrived, a range finished): an idle worker may find work. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Records a page of a range: its last object, and whether the range has more below it. */
  advance(range: PendingRange, page: { count: number; last: { id: string; created: number } | null; hasMore: boolean }): void {
    const top = range.afterCreated ?? range.hi ?? Math.floor(this.now() / 1000);
    if (page.last) {
      this.fetched += page.count;
      this.coveredSeconds += Math.max(0, top - page.last.created);
      range.after = page.last.id;
      range.afterCreated = page.last.created;
    }
    // Below the range's floor means a split moved the floor while this page was in flight: the rest is someone else's.
    if (!page.hasMore || !page.last || page.last.created < range.lo) this.finish(range);
    this.notify();
  }

  /** A worker stops (abort, error): its range waits for the next one. */
  release(range: PendingRange): void {
    const slot = this.slots.find((s) => s.range === range);
    if (slot) slot.busy = false;
    this.notify();
  }

  isFinished(range: PendingRange): boolean {
    return !this.slots.some((s) => s.range === range);
  }

  private finish(range: PendingRange): void {
    const index = this.slots.findIndex((s) => s.range === range);
    if (index >= 0) this.slots.splice(index, 1);
  }

  /** Halves the remaining part of the range with the most estimated objects; its lower half becomes a new range. */
  private split(): PendingRange | null {
    const density = this.density;
    if (density === null) return null; // learn from a first page before guessing
    let best: Slot | null = null;
    for (const slot of this.slots) if (!best || this.remainingSeconds(slot.range) > this.remainingSeconds(best.range)) best = slot;
    if (!best) return null;
    const range = best.range;
    const seconds = this.remainingSeconds(range);
    if (seconds < 2 || seconds * density < this.minSplitObjects) return null;
    const top = range.afterCreated ?? range.hi ?? Math.floor(this.now() / 1000);
    const mid = range.lo + Math.floor((top - range.lo + 1) / 2);
    const lower: PendingRange = { lo: range.lo, hi: mid, after: null, afterCreated: null };
    range.lo = mid;
    return lower;
  }

  private remainingSeconds(range: PendingRange): number {
    const top = range.afterCreated ?? range.hi ?? Math.floor(this.now() / 1000);
    return Math.max(0, top - range.lo);
  }

  /** Wakes every worker waiting in changed() (e.g. to notice an abort). */
  notify(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
