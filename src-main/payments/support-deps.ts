import type { Scope } from '../../src-preload/contract';
import type { CacheStore, StripeObjectLike } from '../cache';

/** What the support features need from the cache and the sync engine. */
export interface SupportDeps {
  caches: { open(scope: Scope): CacheStore };
  /** SyncService.applyObject: upserts an object Stripe just returned (`sentAt` = when its request left), so every view shows it at once. */
  applyObject(scope: Scope, object: StripeObjectLike, sentAt: number): unknown;
}
