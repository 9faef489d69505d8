import {
  eventFreshness,
  resourceOf,
  type EventRecord,
  type EventSource,
  type Resource,
  type StripeObjectLike,
} from '../cache';
import type { SyncStore, SyncWrites } from './sync-store';

export interface StaleObject {
  resource: Resource;
  id: string;
}

export type ApplyOutcome = { status: 'applied'; refetch: StaleObject[] } | { status: 'duplicate' };

/**
 * Applies one event to the store, at most once per event id whoever delivers it (poller or webhook inbox).
 * The event's object snapshot replaces the stored one only if it is newer; when the two fall in the same
 * second and differ, the object is returned for a refetch from Stripe instead of guessing.
 * `<object>.deleted` events (customer.deleted, product.deleted, …) mark the object deleted;
 * customer.subscription.deleted is a cancellation and is applied as a snapshot like any other.
 */
export function applyEvent(
  store: SyncStore,
  event: EventRecord,
  source: EventSource,
  receivedAt: number,
): Promise<ApplyOutcome> {
  return store.transaction((tx) => applyEventIn(tx, event, source, receivedAt));
}

/** The same, inside a transaction the caller holds (a batch of events committed together). */
export async function applyEventIn(
  tx: SyncWrites,
  event: EventRecord,
  source: EventSource,
  receivedAt: number,
): Promise<ApplyOutcome> {
  if (!(await tx.recordEvent(event, source, receivedAt))) return { status: 'duplicate' };
  const object = (event.data as { object?: StripeObjectLike } | undefined)?.object;
  const resource = object ? resourceOf(object.object) : null;
  const refetch: StaleObject[] = [];
  if (object && resource && resource !== 'events') {
    const freshness = eventFreshness(event.created, receivedAt);
    if (event.type === `${object.object}.deleted`) await tx.markDeleted(resource, object.id, freshness);
    else for (const id of (await tx.upsert(resource, [object], freshness)).doubtful) refetch.push({ resource, id });
  }
  await tx.markEventApplied(event.id, receivedAt);
  return { status: 'applied', refetch };
}
