import type { SearchHit, SearchKind } from '../../src-preload/contract';
import type { CacheStore } from '../cache';

/** Ids start with the kind's prefix; typed text with one goes straight to that table. */
const ID_PREFIXES: Record<string, SearchKind> = {
  cus: 'customer',
  pi: 'payment',
  ch: 'payment',
  in: 'invoice',
  sub: 'subscription',
  dp: 'dispute',
  du: 'dispute',
};

/** The header search over one account+mode's local copy: every kind, a few hits each, newest first within a kind. */
export class CacheSearch {
  constructor(private readonly store: CacheStore) {}

  search(text: string, kinds: readonly SearchKind[], limit: number): SearchHit[] {
    const query = text.trim();
    const prefix = idKind(query);
    const wanted = prefix ? kinds.filter((k) => k === prefix) : kinds;
    const repo = this.store.search;
    const customers = wanted.includes('customer') ? repo.customerHits(query, limit) : [];
    const payments = wanted.includes('payment') ? repo.paymentHits(query, limit) : [];
    const customerIds = customers.map((c) => c.id);
    return [
      ...customers,
      ...payments,
      // Invoices and subscriptions of the customers the text found; disputes on the payments it found.
      ...(wanted.includes('invoice') ? repo.invoiceHits(query, customerIds, limit) : []),
      ...(wanted.includes('subscription') ? repo.subscriptionHits(query, customerIds, limit) : []),
      ...(wanted.includes('dispute')
        ? repo.disputeHits(
            query,
            payments.map((p) => p.id),
            limit,
          )
        : []),
    ];
  }
}

/** The kind an id-looking text names (`cus_…` → customer), or null. */
export function idKind(text: string): SearchKind | null {
  return ID_PREFIXES[/^([a-z]+)_/.exec(text)?.[1] ?? ''] ?? null;
}
