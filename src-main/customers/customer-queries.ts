import {
  ConsoleError,
  type CustomerDetail,
  type CustomerFilters,
  type CustomerRow,
  type CustomerSortField,
  type Mode,
  type Page,
  type TimelineEntry,
} from '../../src-preload/contract';
import type { CacheStore } from '../cache';
import { keysetPage } from '../cache/keyset';
import { prefixPhrase } from '../cache/search-text';
import { dashboardUrl } from '../stripe/dashboard-links';
import { PaymentQueries } from '../payments/payment-queries';
import { toRefundRow } from '../payments/refund-rows';
import { bool, idOf, int, obj, parse, str } from '../stripe/stripe-json';
import { toCard, toCustomerDetail, toInvoice } from './customer-rows';
import { toDispute } from '../payments/payment-rows';

export interface CustomerSearch {
  query?: string | undefined;
  filters: CustomerFilters;
  sort: { field: CustomerSortField; direction: 'asc' | 'desc' };
  cursor?: string | null | undefined;
  limit: number;
}

interface CustomerRowData {
  data: string;
  cards: string | null;
  [key: string]: unknown;
}

const ACTIVE_SUBSCRIPTION = `EXISTS (SELECT 1 FROM subscriptions s WHERE s.customer = c.id AND s.deleted = 0 AND s.status IN ('active', 'trialing', 'past_due'))`;
/** Disputes are few: the set of customers with an open one is built once per query, not per row. */
const OPEN_DISPUTE = `c.id IN (SELECT ch.customer FROM disputes d JOIN charges ch ON ch.id = d.charge
  WHERE d.deleted = 0 AND ch.customer IS NOT NULL AND d.status IN ('warning_needs_response', 'warning_under_review', 'needs_response', 'under_review'))`;
const CARDS = `(SELECT group_concat(cc.last4, ' ') FROM customer_cards cc WHERE cc.customer = c.id) AS cards`;
/** Sort keys: email and name sorts skip customers without one (SQL row values can't page over NULLs). */
const SORT_COLUMNS: Record<CustomerSortField, string[]> = {
  created: ['c.created', 'c.id'],
  email: ['c.email', 'c.id'],
  name: ['c.name', 'c.id'],
};
const TIMELINE_RELATED_LIMIT = 1000;

/** Read side of the customers view and customer detail, keyset-paged in SQL over the cache. */
export class CustomerQueries {
  private readonly payments: PaymentQueries;

  constructor(private readonly store: CacheStore) {
    this.payments = new PaymentQueries(store);
  }

  search(q: CustomerSearch): Page<CustomerRow> {
    const { where, params } = filterSql(q.filters);
    const text = q.query?.trim();
    if (text) {
      const match = prefixPhrase(text);
      if (!match) return { items: [], nextCursor: null, total: 0 };
      // The full-text index drives the query in its own (rowid) order; filters apply as it streams.
      const page = keysetPage<CustomerRowData>(this.store.db, {
        select: `SELECT f.rowid AS rowid, c.data AS data, ${CARDS} FROM customers_fts f JOIN customers c ON c.rowid = f.rowid`,
        where: ['customers_fts MATCH ?', 'c.deleted = 0', ...where],
        params: [match, ...params],
        order: { columns: ['f.rowid'], direction: 'desc' },
        cursor: q.cursor ?? null,
        limit: q.limit,
      });
      return { items: page.rows.map(toCustomerRow), nextCursor: page.nextCursor, total: null };
    }
    const columns = SORT_COLUMNS[q.sort.field];
    const sortWhere = q.sort.field === 'created' ? [] : [`${columns[0]} IS NOT NULL`];
    const page = keysetPage<CustomerRowData>(this.store.db, {
      select: `SELECT c.id AS id, c.created AS created, c.email AS email, c.name AS name, c.data AS data, ${CARDS} FROM customers c`,
      where: ['c.deleted = 0', ...sortWhere, ...where],
      params,
      order: { columns, direction: q.sort.direction },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    const unfiltered = where.length === 0 && sortWhere.length === 0;
    const total = !q.cursor && unfiltered ? this.store.count('customers') : null;
    return { items: page.rows.map(toCustomerRow), nextCursor: page.nextCursor, total };
  }

  detail(customerId: string, mode: Mode): CustomerDetail {
    const db = this.store.db;
    const row = db
      .prepare(`SELECT c.data AS data, ${CARDS} FROM customers c WHERE c.id = ? AND c.deleted = 0`)
      .get(customerId) as CustomerRowData | undefined;
    if (!row)
      throw new ConsoleError(
        'not_found',
        `Customer ${customerId} isn’t in the local copy. It appears once sync has fetched it.`,
      );
    const customer = parse(row.data);
    const defaultMethod = idOf(obj(customer.invoice_settings).default_payment_method) ?? idOf(customer.default_source);
    const all = (sql: string, ...params: unknown[]) =>
      (
        db
          .prepare(sql)
          .pluck()
          .all(...params) as string[]
      ).map(parse);
    return {
      customer: toCustomerDetail(toCustomerRow(row), customer),
      paymentMethods: all(
        `SELECT data FROM payment_methods WHERE customer = ? AND deleted = 0 ORDER BY created DESC`,
        customerId,
      ).map((pm) => toCard(pm, defaultMethod)),
      payments: this.payments.list({ customerId, limit: 100 }).items,
      refunds: all(
        `SELECT r.data FROM refunds r JOIN charges ch ON ch.id = r.charge WHERE ch.customer = ? AND r.deleted = 0 ORDER BY r.created DESC LIMIT 200`,
        customerId,
      ).map(toRefundRow),
      invoices: all(
        `SELECT data FROM invoices WHERE customer = ? AND deleted = 0 ORDER BY created DESC LIMIT 50`,
        customerId,
      ).map(toInvoice),
      disputes: all(
        `SELECT d.data FROM disputes d JOIN charges ch ON ch.id = d.charge WHERE ch.customer = ? AND d.deleted = 0 ORDER BY d.created DESC`,
        customerId,
      ).map(toDispute),
      dashboardUrl: dashboardUrl(mode, 'customers', customerId),
    };
  }

  /** Events about the customer or any of their objects, newest first. */
  timeline(customerId: string, cursor: string | null | undefined, limit: number): Page<TimelineEntry> {
    const page = keysetPage<{ id: string; created: number; data: string }>(this.store.db, {
      select: 'SELECT id, created, data FROM events',
      where: ['deleted = 0', 'object_id IN (SELECT value FROM json_each(?))'],
      params: [JSON.stringify(this.relatedIds(customerId))],
      order: { columns: ['created', 'id'], direction: 'desc' },
      cursor: cursor ?? null,
      limit,
    });
    return { items: page.rows.map((r) => toTimelineEntry(parse(r.data))), nextCursor: page.nextCursor, total: null };
  }

  private relatedIds(customerId: string): string[] {
    const ids = (sql: string) => this.store.db.prepare(sql).pluck().all(customerId, TIMELINE_RELATED_LIMIT) as string[];
    return [
      customerId,
      ...ids(`SELECT id FROM payment_intents WHERE customer = ? ORDER BY created DESC LIMIT ?`),
      ...ids(`SELECT id FROM charges WHERE customer = ? ORDER BY created DESC LIMIT ?`),
      ...ids(
        `SELECT r.id FROM refunds r JOIN charges ch ON ch.id = r.charge WHERE ch.customer = ? ORDER BY r.created DESC LIMIT ?`,
      ),
      ...ids(
        `SELECT d.id FROM disputes d JOIN charges ch ON ch.id = d.charge WHERE ch.customer = ? ORDER BY d.created DESC LIMIT ?`,
      ),
      ...ids(`SELECT id FROM subscriptions WHERE customer = ? ORDER BY created DESC LIMIT ?`),
      ...ids(`SELECT id FROM invoices WHERE customer = ? ORDER BY created DESC LIMIT ?`),
      ...ids(`SELECT id FROM payment_methods WHERE customer = ? ORDER BY created DESC LIMIT ?`),
    ];
  }
}

function filterSql(filters: CustomerFilters): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filters.delinquent !== undefined) {
    where.push('c.delinquent = ?');
    params.push(filters.delinquent ? 1 : 0);
  }
  if (filters.currency) {
    where.push('c.currency = ?');
    params.push(filters.currency);
  }
  if (filters.createdFrom !== undefined) {
    where.push('c.created >= ?');
    params.push(filters.createdFrom);
  }
  if (filters.createdTo !== undefined) {
    where.push('c.created < ?');
    params.push(filters.createdTo);
  }
  if (filters.hasActiveSubscription !== undefined)
    where.push(filters.hasActiveSubscription ? ACTIVE_SUBSCRIPTION : `NOT ${ACTIVE_SUBSCRIPTION}`);
  if (filters.hasOpenDispute !== undefined) where.push(filters.hasOpenDispute ? OPEN_DISPUTE : `NOT ${OPEN_DISPUTE}`);
  return { where, params };
}

function toCustomerRow(row: CustomerRowData): CustomerRow {
  const c = parse(row.data);
  return {
    id: str(c.id) ?? '',
    email: str(c.email),
    name: str(c.name),
    phone: str(c.phone),
    created: int(c.created) ?? 0,
    currency: str(c.currency),
    balance: int(c.balance),
    delinquent: bool(c.delinquent),
    cardLast4s: row.cards ? row.cards.split(' ') : [],
  };
}

/** The money the event moved: a refund on a charge is the part refunded by it, not the charge's amount. */
function movedAmount(type: string, object: Record<string, unknown>, previous: Record<string, unknown>): number | null {
  if (type === 'charge.refunded') return (int(object.amount_refunded) ?? 0) - (int(previous.amount_refunded) ?? 0);
  if (type === 'charge.captured') return int(object.amount_captured) ?? int(object.amount);
  return int(object.amount);
}

function toTimelineEntry(event: Record<string, unknown>): TimelineEntry {
  const data = obj(event.data);
  const object = obj(data.object);
  const type = str(event.type) ?? 'unknown';
  return {
    id: str(event.id) ?? '',
    type,
    created: int(event.created) ?? 0,
    objectId: str(object.id),
    objectType: str(object.object),
    amount: movedAmount(type, object, obj(data.previous_attributes)),
    currency: str(object.currency),
    status: str(object.status),
    requestId: str(obj(event.request).id),
  };
}
