/** Objects per second over a sliding window, for the status bar's rate and ETA. */
export class RateMeter {
  private readonly samples: { at: number; count: number }[] = [];

  constructor(
    private readonly now: () => number,
    private readonly windowMs = 10_000,
  ) {}

  add(count: number): void {
    this.samples.push({ at: this.now(), count });
    this.trim();
  }

  perSecond(): number {
    this.trim();
    if (this.samples.length === 0) return 0;
    const span = Math.max(1000, this.now() - this.samples[0]!.at);
    return this.samples.reduce((sum, s) => sum + s.count, 0) / (span / 1000);
  }

  private trim(): void {
    const from = this.now() - this.windowMs;
    while (this.samples.length > 0 && this.samples[0]!.at < from) this.samples.shift();
  }
}
