import type Stripe from 'stripe';
import {
  ConsoleError,
  type Page,
  type SubscriptionDetail,
  type SubscriptionRow,
  type SubscriptionStatus,
} from '../../src-preload/contract';
import type { CacheStore } from '../cache';
import type { SubscriptionListQuery } from '../cache/repos/subscription-repo';
import { toSubscriptionDetail, toSubscriptionRow, type SubscriptionLookups } from './subscription-view';

export interface SubscriptionSearch {
  statuses?: SubscriptionStatus[] | undefined;
  search?: string | undefined;
  customerId?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** Customers matched by an email/name search: enough for an agent's query, bounded so the IN list stays small. */
const CUSTOMER_MATCH_LIMIT = 500;
const LATEST_INVOICES = 5;

/** Read side of the subscriptions view and the customer page, from the cache's subscriptions. */
export class SubscriptionQueries {
  constructor(private readonly store: CacheStore) {}

  list({ search, ...q }: SubscriptionSearch): Page<SubscriptionRow> {
    const text = search?.trim();
    const matched = text ? this.searchFilter(text) : {};
    if (!matched) return { items: [], nextCursor: null, total: 0 };
    const page = this.store.subscriptions.page({ ...q, ...matched });
    const lookups = new CacheLookups(this.store);
    return { ...page, items: page.items.map((sub) => toSubscriptionRow(sub, lookups)) };
  }

  get(id: string): SubscriptionDetail {
    const sub = this.store.get<Stripe.Subscription>('subscriptions', id);
    if (!sub) throw new ConsoleError('not_found', `Subscription ${id} is not in the local cache (yet).`);
    return this.detailOf(sub);
  }

  /** A detail built from a snapshot (e.g. the one Stripe just returned), with the rest from the cache. */
  detailOf(sub: Stripe.Subscription): SubscriptionDetail {
    const invoices = this.store.invoices.ofSubscription(sub.id, LATEST_INVOICES);
    return toSubscriptionDetail(sub, new CacheLookups(this.store), invoices);
  }

  /** A subscription id or customer id prefix, else the customers whose email/name/… start with the text (null: none). */
  private searchFilter(text: string): Partial<SubscriptionListQuery> | null {
    if (/^sub_/i.test(text)) return { idPrefix: text };
    if (/^cus_/i.test(text)) return { customerPrefix: text };
    const customers = this.store.customers
      .matching<{ id: string }>(text, { limit: CUSTOMER_MATCH_LIMIT })
      .rows.map((c) => c.id);
    return customers.length ? { customers } : null;
  }
}

/** Lookups for one page of rows: each customer and product is read once. */
class CacheLookups implements SubscriptionLookups {
  private readonly customers = new Map<string, { name: string | null; email: string | null } | null>();
  private readonly products = new Map<string, string | null>();

  constructor(private readonly store: CacheStore) {}

  customer(id: string) {
    if (!this.customers.has(id)) {
      const customer = this.store.get<Stripe.Customer>('customers', id);
      this.customers.set(id, customer ? { name: customer.name ?? null, email: customer.email } : null);
    }
    return this.customers.get(id)!;
  }

  productName(id: string): string | null {
    if (!this.products.has(id)) this.products.set(id, this.store.get<Stripe.Product>('products', id)?.name ?? null);
    return this.products.get(id)!;
  }

  draftInvoice(subscriptionId: string): Stripe.Invoice | null {
    return this.store.invoices.draftOf(subscriptionId);
  }
}
