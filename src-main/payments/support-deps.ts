import type { Scope } from '../../src-preload/contract';
import type { CacheStore, Freshness, StripeObjectLike } from '../cache';

/** What the support features need from the cache and the sync engine. */
export interface SupportDeps {
  caches: { open(scope: Scope): CacheStore };
  /** Upserts an object Stripe just returned, taken within `freshness`, so every view shows it at once. */
  applyObject(scope: Scope, object: StripeObjectLike, freshness: Freshness): void;
}
