import type { SearchHit, SearchKind } from '../../src-preload/contract';

const ORDER: SearchKind[] = ['customer', 'payment', 'invoice', 'subscription', 'dispute'];

/** The cache's hits, then what only Stripe found (sync hasn't reached it), grouped by kind, each id once. */
export function mergeHits(cached: SearchHit[], live: SearchHit[]): SearchHit[] {
  const seen = new Set(cached.map((h) => h.id));
  const onlyLive = live.filter((h) => !seen.has(h.id) && seen.add(h.id));
  const all = [...cached, ...onlyLive];
  return ORDER.flatMap((kind) => all.filter((h) => h.kind === kind));
}
