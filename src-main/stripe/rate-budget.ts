import { systemClock, type Clock } from '../platform/clock';

/**
 * Who is waiting: a person (a search, a detail opened, a write) or the sync's background paging. People go first,
 * so a search never queues behind a backfill's pages.
 */
export type Lane = 'interactive' | 'background';

/** Tokens background work leaves banked for people: enough for one header search's queries (five kinds) at once. */
const MAX_INTERACTIVE_RESERVE = 5;

/**
 * A token bucket shared by everything that calls Stripe for one account+mode, so a backfill, the event poller
 * and an agent's refund together stay within the share of Stripe's limit the business leaves us.
 * Two lanes share the one rate: interactive waiters are always served before background ones, and background work
 * only spends a token when a small reserve stays banked, so a person's burst is sent at once instead of one token
 * at a time behind the backfill. The background's steady rate is unchanged (it just runs the reserve behind).
 */
export class RateBudget {
  private tokens: number;
  private lastRefill: number;
  private pausedUntil = 0;
  private readonly waiters: Record<Lane, (() => void)[]> = { interactive: [], background: [] };
  private timer: (() => void) | null = null;

  constructor(
    private perSecond: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = this.capacity;
    this.lastRefill = clock.now();
  }

  private now(): number {
    return this.clock.now();
  }

  private get capacity(): number {
    return Math.max(1, this.perSecond);
  }

  /** Kept for interactive requests; never more than half the bucket, so background work still bursts a little. */
  private get reserve(): number {
    return Math.min(MAX_INTERACTIVE_RESERVE, Math.floor(this.capacity / 2));
  }

  get ratePerSecond(): number {
    return this.perSecond;
  }

  setRate(perSecond: number): void {
    this.refill();
    this.perSecond = perSecond;
    this.tokens = Math.min(this.tokens, this.capacity);
  }

  /** Resolves when a request may be sent: interactive before background, first come first served within a lane. */
  acquire(lane: Lane = 'interactive'): Promise<void> {
    return new Promise((resolve) => {
      this.waiters[lane].push(resolve);
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
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.perSecond);
    this.lastRefill = Math.max(now, this.lastRefill);
  }

  /** The lane served next and the tokens it needs banked, or null when nobody waits. */
  private next(): { lane: Lane; needs: number } | null {
    if (this.waiters.interactive.length > 0) return { lane: 'interactive', needs: 1 };
    if (this.waiters.background.length > 0) return { lane: 'background', needs: 1 + this.reserve };
    return null;
  }

  /** Serves whoever may go now and sets one timer for the next; a newcomer (maybe in the faster lane) re-plans it. */
  private drain(): void {
    this.timer?.();
    this.timer = null;
    this.refill();
    let next = this.next();
    while (next && this.tokens >= next.needs && this.now() >= this.pausedUntil) {
      this.tokens -= 1;
      this.waiters[next.lane].shift()!();
      next = this.next();
    }
    if (!next) return;
    const untilPauseEnds = this.pausedUntil - this.now();
    const untilToken = ((next.needs - this.tokens) / this.perSecond) * 1000;
    this.timer = this.clock.setTimer(
      () => {
        this.timer = null;
        this.drain();
      },
      Math.max(1, Math.ceil(Math.max(untilPauseEnds, untilToken))),
    );
  }
}
