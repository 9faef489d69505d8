import type Stripe from 'stripe';
import type { SearchHit, SearchKind } from '../../src-preload/contract';
import type { StripeObjectLike } from '../cache';
import type { Json } from '../stripe/stripe-json';
import { idKind } from './cache-search';
import { customerHit, disputeHit, invoiceHit, paymentHit, subscriptionHit } from '../cache/rows/search-hits';

/** A search Stripe can answer for typed text: which kind it finds, and how to ask. */
export interface StripeQuery {
  kind: SearchKind;
  run(stripe: Stripe, limit: number): Promise<StripeObjectLike[]>;
}

const quoted = (text: string) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
const asObjects = (list: { data: unknown[] }) => list.data as StripeObjectLike[];
const one = (object: unknown) => [object as StripeObjectLike];

/** Retrieving by id costs one request and answers exactly. */
const RETRIEVE: Partial<Record<SearchKind, (stripe: Stripe, id: string) => Promise<unknown>>> = {
  customer: (s, id) => s.customers.retrieve(id),
  payment: (s, id) =>
    id.startsWith('ch_')
      ? s.charges.retrieve(id).then((ch) => s.paymentIntents.retrieve(String(ch.payment_intent)))
      : s.paymentIntents.retrieve(id),
  invoice: (s, id) => s.invoices.retrieve(id),
  subscription: (s, id) => s.subscriptions.retrieve(id),
  dispute: (s, id) => s.disputes.retrieve(id),
};

/**
 * What to ask Stripe's Search API for the typed text: an id is retrieved; an email or name is searched on
 * customers (exact email when complete, else a substring of email or name); an amount on payment intents.
 * Card last4 isn't in Stripe's search fields for customers or payment intents, so only the cache answers it.
 */
export function stripeQueriesFor(text: string, kinds: readonly SearchKind[]): StripeQuery[] {
  const query = text.trim();
  const byId = idKind(query);
  if (byId) {
    const retrieve = RETRIEVE[byId];
    return retrieve && kinds.includes(byId) ? [{ kind: byId, run: (s) => retrieve(s, query).then(one) }] : [];
  }
  const queries: StripeQuery[] = [];
  if (kinds.includes('customer') && /[\p{L}@]/u.test(query) && query.length >= 3) {
    const search = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(query)
      ? `email:${quoted(query)}`
      : `email~${quoted(query)} OR name~${quoted(query)}`;
    queries.push({ kind: 'customer', run: (s, limit) => s.customers.search({ query: search, limit }).then(asObjects) });
  }
  const amount = /^\d+(?:[.,]\d{1,3})?$/.test(query) ? query.replace(',', '.') : null;
  if (kinds.includes('payment') && amount) {
    queries.push({
      kind: 'payment',
      run: async (s, limit) => {
        const clauses = amountClauses(amount);
        return s.paymentIntents.search({ query: clauses.join(' OR '), limit }).then(asObjects);
      },
    });
  }
  return queries;
}

/** "19.99" is 1999 minor units in a two-decimal currency; "1999" may be either 1999 or 199900. */
function amountClauses(amount: string): string[] {
  const [whole = '0', fraction = ''] = amount.split('.');
  const minor = new Set<number>();
  for (const digits of [0, 2, 3]) {
    if (fraction.length > digits) continue;
    minor.add(Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0'));
  }
  return [...minor].slice(0, 3).map((n) => `amount:${n}`);
}

/** Stripe's answer as search hits. */
export function hitOf(kind: SearchKind, object: Json): SearchHit {
  switch (kind) {
    case 'customer':
      return customerHit(object, 'stripe');
    case 'payment':
      return paymentHit(object, typeof object.receipt_email === 'string' ? object.receipt_email : null, null, 'stripe');
    case 'invoice':
      return invoiceHit(object, 'stripe');
    case 'subscription':
      return subscriptionHit(object, 'stripe');
    case 'dispute':
      return disputeHit(object, 'stripe');
  }
}
