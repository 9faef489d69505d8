/**
 * Caps how many sync requests wait in the rate budget at once: enough to keep the budget busy (rate ×
 * a generous latency), few enough that an agent's refund, queued behind them, waits well under a second.
 */
export class ConcurrencyGate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limitFn: () => number) {}

  /** How many requests may wait in the budget at once right now. */
  get limit(): number {
    return this.limitFn();
  }

  static forRate(ratePerSecond: () => number, latencySeconds = 1): ConcurrencyGate {
    return new ConcurrencyGate(() => Math.min(32, Math.ceil(ratePerSecond() * latencySeconds) + 2));
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      if (this.queue.length > 0 && this.active < this.limit) this.queue.shift()!();
    }
  }
}
