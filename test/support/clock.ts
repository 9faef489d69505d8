import type { Clock } from '../../src-main/platform/clock';

interface Timer {
  due: number;
  seq: number;
  fire: () => void;
}

/**
 * A clock that moves only when told: `advance(ms)` fires every timer falling due, in order, each seeing the
 * time it was due at. Waits in the app (rate budget, backoff, poll interval) cost the test no real time.
 */
export class TestClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(fire: () => void, ms: number): () => void {
    const timer = { due: this.current + Math.max(0, ms), seq: this.seq++, fire };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.timers.length;
  }

  /**
   * Moves time to the next timer's due time (at most `maxMs` ahead): time passes only as far as the app waits.
   * Returns how many timers fired.
   */
  advanceToNext(maxMs: number): number {
    const next = Math.min(...this.timers.map((t) => t.due));
    return this.advance(Number.isFinite(next) ? Math.min(maxMs, Math.max(0, next - this.current)) : maxMs);
  }

  /**
   * The machine was asleep for `ms` (a laptop lid, a suspended VM): time moves at once, and every timer due by then
   * fires once, late, at the new time, as setTimeout's do on waking; a periodic timer re-armed by its firing counts
   * from the new time. A 25 h jump so costs one deadline check, not the 1,500 `advance` would run.
   */
  wake(ms: number): void {
    this.current += ms;
    const due = this.timers.filter((t) => t.due <= this.current).sort((a, b) => a.due - b.due || a.seq - b.seq);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const timer of due) timer.fire();
  }

  /** Moves time forward by `ms`, firing due timers (including ones they set) in due order; returns how many fired. */
  advance(ms: number): number {
    const target = this.current + ms;
    let fired = 0;
    for (; ; fired++) {
      const next = this.timers.reduce<Timer | null>(
        (a, t) => (t.due <= target && (!a || t.due < a.due || (t.due === a.due && t.seq < a.seq)) ? t : a),
        null,
      );
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.due);
      next.fire();
    }
    this.current = target;
    return fired;
  }
}
