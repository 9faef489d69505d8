import { systemClock, type Clock } from '../platform/clock';

/**
 * A token bucket shared by everything that calls Stripe for one account+mode, so a backfill, the event poller
 * and an agent's refund together stay within the share of Stripe's limit the business leaves us.
 */
export class RateBudget {
  private tokens: number;
  private lastRefill: number;
  private pausedUntil = 0;
  private readonly waiters: (() => void)[] = [];
  private timer: (() => void) | null = null;

  constructor(
    private perSecond: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = Math.max(1, perSecond);
    this.lastRefill = clock.now();
  }

  private now(): number {
    return this.clock.now();
  }

  get ratePerSecond(): number {
    return this.perSecond;
  }

  setRate(perSecond: number): void {
    this.refill();
    this.perSecond = perSecond;
    this.tokens = Math.min(this.tokens, Math.max(1, perSecond));
  }

  /** Resolves when a request may be sent. Waiters are served first come, first served. */
  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.drain();
    });
  }

  /** Stripe answered 429: nobody sends for `seconds` (Retry-After, or our own backoff). */
  pause(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + seconds * 1000);
    this.tokens = Math.min(this.tokens, 0);
    this.drain();
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - Math.max(this.lastRefill, this.pausedUntil));
    this.tokens = Math.min(Math.max(1, this.perSecond), this.tokens + (elapsed / 1000) * this.perSecond);
    this.lastRefill = Math.max(now, this.lastRefill);
  }

  private drain(): void {
    if (this.timer) return;
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1 && this.now() >= this.pausedUntil) {
      this.tokens -= 1;
      this.waiters.shift()!();
    }
    if (this.waiters.length === 0) return;
    const untilPauseEnds = this.pausedUntil - this.now();
    const untilToken = ((1 - this.tokens) / this.perSecond) * 1000;
    this.timer = this.clock.setTimer(
      () => {
        this.timer = null;
        this.drain();
      },
      Math.max(1, Math.ceil(Math.max(untilPauseEnds, untilToken))),
    );
  }
}
