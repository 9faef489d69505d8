export { CacheRegistry, cacheFile } from './cache-registry';
export { CacheStore, type UpsertOutcome, type PaymentMatch, type EventRecord, type EventSource } from './cache-store';
export { eventFreshness, type Freshness } from './freshness';
export { keysetPage, encodeCursor, decodeCursor, type KeysetPage, type KeysetQuery, type KeysetOrder } from './keyset';
export { RESOURCES, resourceOf, type Resource, type BackfillResource, type StripeObjectLike } from './resources';
export { META, type ResourceState, type Checkpoint, type PendingRange } from './sync-state';
