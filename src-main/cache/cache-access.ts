import type { Scope } from '../../src-preload/contract';
import type { CacheStore } from './cache-store';
import type { AnyStripeObject } from './resources';

/**
 * What a feature gets of the cache: each account+mode's store to read, and the one way to write what Stripe just
 * answered (SyncService.applyObject, which also queues a refetch when the snapshot is in doubt).
 */
export interface CacheAccess {
  caches: { open(scope: Scope): CacheStore };
  /** Upserts an object Stripe just returned (`sentAt` = when its request left), so every view shows it at once. */
  applyObject(scope: Scope, object: AnyStripeObject, sentAt: number): unknown;
}
