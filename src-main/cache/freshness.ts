/**
 * When a snapshot of an object was taken, as a window in unix milliseconds. Stripe objects carry no
 * "updated" time and event `created` is whole seconds, so a snapshot is only known to lie in a window:
 * a request's start..end, or an event's second — cut off at the moment we received the event, since the
 * change it describes had happened by then (so a refetch sent after receiving an event is newer than it).
 */
export interface Freshness {
  lo: number;
  hi: number;
}

export function eventFreshness(createdSeconds: number, receivedAtMs: number): Freshness {
  const lo = createdSeconds * 1000;
  return { lo, hi: Math.max(lo, Math.min(lo + 999, receivedAtMs)) };
}

export type Ordering = 'newer' | 'older' | 'overlap';

/** Newer only when the incoming window starts after the stored one ends; overlapping windows are a doubt. */
export function compareFreshness(incoming: Freshness, stored: Freshness): Ordering {
  if (incoming.lo > stored.hi) return 'newer';
  if (incoming.hi < stored.lo) return 'older';
  return 'overlap';
}
