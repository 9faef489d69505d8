import type { SearchHit, SearchKind } from '../../src-preload/contract';
import type { CacheStore } from '../cache';
import { parse } from '../stripe/stripe-json';
import { customerHit, disputeHit, invoiceHit, paymentHit, subscriptionHit } from './search-hits';

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
    const customers = wanted.includes('customer') ? this.customers(query, limit) : [];
    const payments = wanted.includes('payment') ? this.payments(query, limit) : [];
    const customerIds = customers.map((c) => c.id);
    return [
      ...customers,
      ...payments,
      ...(wanted.includes('invoice') ? this.invoices(query, customerIds, limit) : []),
      ...(wanted.includes('subscription') ? this.subscriptions(query, customerIds, limit) : []),
      ...(wanted.includes('dispute')
        ? this.disputes(
            query,
            payments.map((p) => p.id),
            limit,
          )
        : []),
    ];
  }

  private customers(query: string, limit: number): SearchHit[] {
    return this.store
      .searchCustomers<Record<string, unknown>>(query, { limit })
      .rows.map((c) => customerHit(c, 'cache'));
  }

  private payments(query: string, limit: number): SearchHit[] {
    const matches = this.store.searchPayments(query, { limit: limit * 2 });
    const load = this.store.db.prepare(
      `SELECT pi.data AS pi, ch.card_last4 AS last4, (SELECT c.email FROM customers c WHERE c.id = pi.customer) AS email
       FROM payment_intents pi LEFT JOIN charges ch ON ch.id = pi.latest_charge WHERE pi.id = ? AND pi.deleted = 0`,
    );
    const seen = new Set<string>();
    const hits: SearchHit[] = [];
    for (const m of matches.rows) {
      if (!m.paymentIntent || seen.has(m.paymentIntent) || hits.length >= limit) continue;
      seen.add(m.paymentIntent);
      const row = load.get(m.paymentIntent) as { pi: string; last4: string | null; email: string | null } | undefined;
      if (row) hits.push(paymentHit(parse(row.pi), row.email, row.last4, 'cache'));
    }
    return hits;
  }

  /** By id or number prefix, or belonging to a customer the text found. */
  private invoices(query: string, customerIds: string[], limit: number): SearchHit[] {
    const rows = this.store.db
      .prepare(
        `SELECT data FROM invoices WHERE deleted = 0 AND (id LIKE ? ESCAPE '\\' OR number LIKE ? ESCAPE '\\'
           OR customer IN (SELECT value FROM json_each(?))) ORDER BY created DESC LIMIT ?`,
      )
      .pluck()
      .all(likePrefix(query), likePrefix(query), JSON.stringify(customerIds), limit) as string[];
    return rows.map((d) => invoiceHit(parse(d), 'cache'));
  }

  private subscriptions(query: string, customerIds: string[], limit: number): SearchHit[] {
    const rows = this.store.db
      .prepare(
        `SELECT data FROM subscriptions WHERE deleted = 0 AND (id LIKE ? ESCAPE '\\'
           OR customer IN (SELECT value FROM json_each(?))) ORDER BY created DESC LIMIT ?`,
      )
      .pluck()
      .all(likePrefix(query), JSON.stringify(customerIds), limit) as string[];
    return rows.map((d) => subscriptionHit(parse(d), 'cache'));
  }

  /** By id prefix, or on a payment the text found (by amount, email, last4). */
  private disputes(query: string, paymentIds: string[], limit: number): SearchHit[] {
    const rows = this.store.db
      .prepare(
        `SELECT data FROM disputes WHERE deleted = 0 AND (id LIKE ? ESCAPE '\\'
           OR payment_intent IN (SELECT value FROM json_each(?))) ORDER BY created DESC LIMIT ?`,
      )
      .pluck()
      .all(likePrefix(query), JSON.stringify(paymentIds), limit) as string[];
    return rows.map((d) => disputeHit(parse(d), 'cache'));
  }
}

/** `text%`, with LIKE's wildcards in the text taken literally. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The kind an id-looking text names (`cus_…` → customer), or null. */
export function idKind(text: string): SearchKind | null {
  return ID_PREFIXES[/^([a-z]+)_/.exec(text)?.[1] ?? ''] ?? null;
}
