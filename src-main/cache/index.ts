export { CacheRegistry, cacheFile } from './cache-registry';
export { CacheStore, type UpsertOutcome, type EventRecord, type EventSource } from './cache-store';
export type { CustomerRecord, CustomerSearch } from './repos/customer-repo';
export type { CustomerRecords } from './repos/customer-records-repo';
export type { EventQuery } from './repos/event-repo';
export type { PaymentListQuery, PaymentMatch, PaymentRecord } from './repos/payment-repo';
export { eventFreshness, type Freshness } from './freshness';
export { keysetPage, encodeCursor, decodeCursor, type KeysetPage, type KeysetQuery, type KeysetOrder } from './keyset';
export {
  RESOURCES,
  fieldsOf,
  resourceOf,
  type AnyStripeObject,
  type Resource,
  type BackfillResource,
  type StripeObjectLike,
} from './resources';
export { META, type ResourceState, type Checkpoint, type PendingRange } from './sync-state';
