/** The emulator's notion of "now": a base clock plus a test-controlled offset. */
export class Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  nowMs(): number {
    return this.base() + this.offsetMs;
  }

  /** Stripe timestamps are whole seconds. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(ms: number): void {
    this.offsetMs = ms - this.base();
  }
}
