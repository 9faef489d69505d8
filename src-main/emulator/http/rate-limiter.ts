import type { Mode } from '../store/types';

export interface RateLimits {
  test: number;
  live: number;
  search: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { test: 25, live: 100, search: 20 };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Token buckets per mode (and a separate one for search), refilled continuously, as Stripe limits. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a token; returns false when the caller must get a 429. */
  tryTake(mode: Mode, category: 'default' | 'search'): boolean {
    const rate = category === 'search' ? this.limits.search : this.limits[mode];
    const key = `${mode}:${category}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: rate, updatedMs: now };
    bucket.tokens = Math.min(rate, bucket.tokens + (Math.max(0, now - bucket.updatedMs) / 1000) * rate);
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
