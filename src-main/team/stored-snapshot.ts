import { isDeepStrictEqual } from 'node:util';
import type { Freshness, StripeObjectLike } from '../cache';
import { compareFreshness } from '../cache/freshness';

/** A stored object as the freshness rule sees it. */
export interface StoredSnapshot {
  created: number;
  deleted: boolean;
  lo: number;
  hi: number;
  data: unknown;
}

export type Decision = 'write' | 'skip' | 'doubt';

/** The freshness rule of cache/freshness.ts on a stored row: deletion is final; overlapping and equal is nothing new. */
export function decide(stored: StoredSnapshot | undefined, object: StripeObjectLike, freshness: Freshness): Decision {
  if (!stored) return 'write';
  if (stored.deleted) return 'skip';
  if (object.deleted) return 'write';
  const ordering = compareFreshness(freshness, stored);
  if (ordering === 'newer') return 'write';
  if (ordering === 'older') return 'skip';
  return isDeepStrictEqual(stored.data, object) ? 'skip' : 'doubt';
}
