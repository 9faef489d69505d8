import type Database from 'better-sqlite3';
import type { SearchHit } from '../../../src-preload/contract';
import { parse } from '../../stripe/stripe-json';
import { customerHit, disputeHit, invoiceHit, paymentHit, subscriptionHit } from '../rows/search-hits';
import { prepared } from '../keyset';
import { storedObjects } from './stored-objects';
import type { CustomerRepo } from './customer-repo';
import type { PaymentRepo } from './payment-repo';

/** The header search's look-ups, one kind at a time, each newest first (bar the full-text ones, in index order). */
export class SearchRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly customers: CustomerRepo,
    private readonly payments: PaymentRepo,
  ) {}

  customerHits(text: string, limit: number): SearchHit[] {
    return this.customers.matching(text, { limit }).rows.map((c) => customerHit(c, 'cache'));
  }

  /** One hit per payment intent, whether the text matched the intent or one of its charges. */
  paymentHits(text: string, limit: number): SearchHit[] {
    const matches = this.payments.matches(text, { limit: limit * 2 });
    const load = prepared(
      this.db,
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

  /** By id or number prefix, or belonging to one of the customers. */
  invoiceHits(text: string, customerIds: readonly string[], limit: number): SearchHit[] {
    return storedObjects(
      this.db,
      `SELECT data FROM invoices WHERE deleted = 0 AND (id LIKE ? ESCAPE '\\' OR number LIKE ? ESCAPE '\\'
         OR customer IN (SELECT value FROM json_each(?))) ORDER BY created DESC LIMIT ?`,
      likePrefix(text),
      likePrefix(text),
      JSON.stringify(customerIds),
      limit,
    ).map((d) => invoiceHit(d, 'cache'));
  }

  /** By id prefix, or belonging to one of the customers. */
  subscriptionHits(text: string, customerIds: readonly string[], limit: number): SearchHit[] {
    return storedObjects(
      this.db,
      `SELECT data FROM subscriptions WHERE deleted = 0 AND (id LIKE ? ESCAPE '\\'
         OR customer IN (SELECT value FROM json_each(?))) ORDER BY created DESC LIMIT ?`,
      likePrefix(text),
      JSON.stringify(customerIds),
      limit,
    ).map((d) => subscriptionHit(d, 'cache'));
  }

  /** By id prefix, or on one of the payment intents. */
  disputeHits(text: string, paymentIntentIds: readonly string[], limit: number): SearchHit[] {
    return storedObjects(
      this.db,
      `SELECT data FROM disputes WHERE deleted = 0 AND (id LIKE ? ESCAPE '\\'
         OR payment_intent IN (SELECT value FROM json_each(?))) ORDER BY created DESC LIMIT ?`,
      likePrefix(text),
      JSON.stringify(paymentIntentIds),
      limit,
    ).map((d) => disputeHit(d, 'cache'));
  }
}

/** `text%`, with LIKE's wildcards in the text taken literally. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
