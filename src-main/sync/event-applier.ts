import {
  eventFreshness,
  resourceOf,
  type CacheStore,
  type EventRecord,
  type EventSource,
  type Resource,
  type StripeObjectLike,
} from '../cache';

export interface StaleObject {
  resource: Resource;
  id: string;
}

export type ApplyOutcome = { status: 'applied'; refetch: StaleObject[] } | { status: 'duplicate' };

/**
 * Applies one event to the cache, at most once per event id whoever delivers it (poller or webhook inbox).
 * The event's object snapshot replaces the cached one only if it is newer; when the two fall in the same
 * second and differ, the object is returned for a refetch from Stripe instead of guessing.
 * `<object>.deleted` events (customer.deleted, product.deleted, …) mark the object deleted;
 * customer.subscription.deleted is a cancellation and is applied as a snapshot like any other.
 */
export function applyEvent(
  store: CacheStore,
  event: EventRecord,
  source: EventSource,
  receivedAt: number,
): ApplyOutcome {
  return store.transaction(() => {
    if (!store.recordEvent(event, source, receivedAt)) return { status: 'duplicate' } as const;
    const object = (event.data as { object?: StripeObjectLike } | undefined)?.object;
    const resource = object ? resourceOf(object.object) : null;
    const refetch: StaleObject[] = [];
    if (object && resource && resource !== 'events') {
      const freshness = eventFreshness(event.created, receivedAt);
      if (event.type === `${object.object}.deleted`) store.markDeleted(resource, object.id, freshness);
      else for (const id of store.upsert(resource, [object], freshness).doubtful) refetch.push({ resource, id });
    }
    store.markEventApplied(event.id, receivedAt);
    return { status: 'applied', refetch } as const;
  });
}
