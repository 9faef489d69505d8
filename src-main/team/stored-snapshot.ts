import { isDeepStrictEqual } from 'node:util';
import type { Freshness, StripeObjectLike } from '../cache';
import { compareFreshness } from '../cache/freshness';

/**
 * A stored row's data that was not read: the freshness rule needs it only when two windows overlap (and a deletion
 * keeps it), so a writer that locks many rows can leave the JSON in PostgreSQL and read it for those few.
 */
export const UNREAD = Symbol('stored data not read');

/** A stored object as the freshness rule sees it. */
export interface StoredSnapshot {
  created: number;
  deleted: boolean;
  lo: number;
  hi: number;
  data: unknown;
}

/** 'read': the rule must compare with the stored data, which is UNREAD: read it and decide again. */
export type Decision = 'write' | 'skip' | 'doubt' | 'read';

/** The freshness rule of cache/freshness.ts on a stored row: deletion is final; overlapping and equal is nothing new. */
export function decide(stored: StoredSnapshot | undefined, object: StripeObjectLike, freshness: Freshness): Decision {
  if (!stored) return 'write';
  if (stored.deleted) return 'skip';
  if (object.deleted) return 'write';
  const ordering = compareFreshness(freshness, stored);
  if (ordering === 'newer') return 'write';
  if (ordering === 'older') return 'skip';
  if (stored.data === UNREAD) return 'read';
  return isDeepStrictEqual(stored.data, object) ? 'skip' : 'doubt';
}
