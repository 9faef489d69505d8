import type Stripe from 'stripe';
import {
  ConsoleError,
  type Page,
  type SubscriptionDetail,
  type SubscriptionRow,
  type SubscriptionStatus,
} from '../../src-preload/contract';
import type { CacheStore } from '../cache';
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

/** Read side of the subscriptions view and the customer page: filtered and keyset-paged in SQL over the cache. */
export class SubscriptionQueries {
  constructor(private readonly store: CacheStore) {}

  list(q: SubscriptionSearch): Page<SubscriptionRow> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.statuses?.length) {
      where.push(`status IN (${q.statuses.map(() => '?').join(', ')})`);
      params.push(...q.statuses);
    }
    if (q.customerId) {
      where.push('customer = ?');
      params.push(q.customerId);
    }
    const text = q.search?.trim();
    if (text) {
      const condition = this.searchCondition(text);
      if (!condition) return { items: [], nextCursor: null, total: 0 };
      where.push(condition.sql);
      params.push(...condition.params);
    }
    const page = this.store.newestFirst<Stripe.Subscription>('subscriptions', {
      where,
      params,
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    const lookups = new CacheLookups(this.store);
    return {
      items: page.rows.map((sub) => toSubscriptionRow(sub, lookups)),
      nextCursor: page.nextCursor,
      total: q.cursor ? null : this.count(where, params),
    };
  }

  get(id: string): SubscriptionDetail {
    const sub = this.store.get<Stripe.Subscription>('subscriptions', id);
    if (!sub) throw new ConsoleError('not_found', `Subscription ${id} is not in the local cache (yet).`);
    return this.detailOf(sub);
  }

  /** A detail built from a snapshot (e.g. the one Stripe just returned), with the rest from the cache. */
  detailOf(sub: Stripe.Subscription): SubscriptionDetail {
    const invoices = this.store.newestFirst<Stripe.Invoice>('invoices', {
      where: ['subscription = ?'],
      params: [sub.id],
      limit: LATEST_INVOICES,
    });
    return toSubscriptionDetail(sub, new CacheLookups(this.store), invoices.rows);
  }

  /** A subscription id or customer id prefix, else the customers whose email/name/… start with the text. */
  private searchCondition(text: string): { sql: string; params: unknown[] } | null {
    if (/^sub_/i.test(text)) return prefixRange('id', text);
    if (/^cus_/i.test(text)) return prefixRange('customer', text);
    const customers = this.store
      .searchCustomers<{ id: string }>(text, { limit: CUSTOMER_MATCH_LIMIT })
      .rows.map((c) => c.id);
    if (customers.length === 0) return null;
    return { sql: `customer IN (${customers.map(() => '?').join(', ')})`, params: customers };
  }

  private count(where: string[], params: unknown[]): number {
    const sql = `SELECT count(*) FROM subscriptions WHERE ${['deleted = 0', ...where].join(' AND ')}`;
    return this.store.db
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  }
}

/** Ids are case-sensitive: an index range instead of LIKE (which SQLite can't serve from the index here). */
function prefixRange(column: 'id' | 'customer', prefix: string): { sql: string; params: unknown[] } {
  return { sql: `${column} >= ? AND ${column} < ?`, params: [prefix, `${prefix}\uffff`] };
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
    const page = this.store.newestFirst<Stripe.Invoice>('invoices', {
      where: ['subscription = ?', "status = 'draft'"],
      params: [subscriptionId],
      limit: 1,
    });
    return page.rows[0] ?? null;
  }
}
