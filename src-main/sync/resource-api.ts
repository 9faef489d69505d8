import type Stripe from 'stripe';
import type { BackfillResource, StripeObjectLike } from '../cache';

export interface ListPage {
  data: StripeObjectLike[];
  has_more: boolean;
}

type ListParams = Record<string, unknown>;
type Lister = (stripe: Stripe, params: ListParams) => Promise<ListPage>;
type Retriever = (stripe: Stripe, id: string) => Promise<StripeObjectLike>;

const page = (p: Promise<unknown>) => p as Promise<ListPage>;
const one = (p: Promise<unknown>) => p as Promise<StripeObjectLike>;

/**
 * How each resource is listed for backfill. Payment methods have no account-wide list in Stripe (only per
 * customer, one request each — a million requests for a million customers), so they arrive expanded inside
 * the customers (default payment method) and payment intents (the method used) lists; charges carry the
 * card's brand and last4 themselves. A customer's other saved cards arrive through events.
 */
export const BACKFILL_LISTS: Record<
  Exclude<BackfillResource, 'payment_methods'>,
  { list: Lister; params?: ListParams; expand?: string[] }
> = {
  customers: {
    list: (s, p) => page(s.customers.list(p)),
    expand: ['data.invoice_settings.default_payment_method'],
  },
  payment_intents: { list: (s, p) => page(s.paymentIntents.list(p)), expand: ['data.payment_method'] },
  charges: { list: (s, p) => page(s.charges.list(p)) },
  refunds: { list: (s, p) => page(s.refunds.list(p)) },
  disputes: { list: (s, p) => page(s.disputes.list(p)) },
  // Without status=all Stripe leaves out canceled subscriptions.
  subscriptions: { list: (s, p) => page(s.subscriptions.list(p)), params: { status: 'all' } },
  invoices: { list: (s, p) => page(s.invoices.list(p)) },
  products: { list: (s, p) => page(s.products.list(p)) },
  prices: { list: (s, p) => page(s.prices.list(p)) },
  early_fraud_warnings: { list: (s, p) => page(s.radar.earlyFraudWarnings.list(p)) },
  reviews: { list: (s, p) => page(s.reviews.list(p)) },
  payouts: { list: (s, p) => page(s.payouts.list(p)) },
};

export type ListedResource = keyof typeof BACKFILL_LISTS;
export const LISTED_RESOURCES = Object.keys(BACKFILL_LISTS) as ListedResource[];

/** Payment methods are complete once the lists that carry them are. */
export const PAYMENT_METHOD_SOURCES: ListedResource[] = ['customers', 'payment_intents'];

export const RETRIEVERS: Record<BackfillResource, Retriever> = {
  customers: (s, id) => one(s.customers.retrieve(id)),
  payment_methods: (s, id) => one(s.paymentMethods.retrieve(id)),
  payment_intents: (s, id) => one(s.paymentIntents.retrieve(id)),
  charges: (s, id) => one(s.charges.retrieve(id)),
  refunds: (s, id) => one(s.refunds.retrieve(id)),
  disputes: (s, id) => one(s.disputes.retrieve(id)),
  subscriptions: (s, id) => one(s.subscriptions.retrieve(id)),
  invoices: (s, id) => one(s.invoices.retrieve(id)),
  products: (s, id) => one(s.products.retrieve(id)),
  prices: (s, id) => one(s.prices.retrieve(id)),
  early_fraud_warnings: (s, id) => one(s.radar.earlyFraudWarnings.retrieve(id)),
  reviews: (s, id) => one(s.reviews.retrieve(id)),
  payouts: (s, id) => one(s.payouts.retrieve(id)),
};

/**
 * Replaces objects expanded inside `object` (at dotted paths relative to one list item) by their ids, so
 * the cache stores the shape Stripe sends in events, and returns the expanded objects to store separately.
 */
export function collapseExpansions(object: StripeObjectLike, expand: readonly string[]): StripeObjectLike[] {
  const found: StripeObjectLike[] = [];
  for (const path of expand) {
    const keys = path.split('.').slice(1); // drop the leading "data"
    let parent: Record<string, unknown> | null = object;
    for (const key of keys.slice(0, -1)) {
      const next: unknown = parent?.[key];
      parent = next && typeof next === 'object' ? (next as Record<string, unknown>) : null;
    }
    const last = keys[keys.length - 1]!;
    const value = parent?.[last] as StripeObjectLike | string | null | undefined;
    if (parent && value && typeof value === 'object' && typeof value.id === 'string') {
      found.push(value);
      parent[last] = value.id;
    }
  }
  return found;
}
