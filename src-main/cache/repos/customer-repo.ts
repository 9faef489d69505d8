import type Database from 'better-sqlite3';
import type {
  CustomerDetail,
  CustomerFilters,
  CustomerRow,
  CustomerSortField,
  Page,
  TimelineEntry,
} from '../../../src-preload/contract';
import { idOf, obj, parse, type Json } from '../../stripe/stripe-json';
import { keysetPage, prepared, type KeysetPage } from '../keyset';
import { countLive } from '../schema';
import { toCard, toCustomerDetail, toCustomerRow, toInvoice } from '../rows/customer-rows';
import { toTimelineEntry } from '../rows/event-rows';
import { toDispute } from '../rows/payment-rows';
import { toRefundRow } from '../rows/refund-rows';
import { cardsText, type SearchIndex, type SearchOptions } from '../search-index';
import { prefixPhrase, type CustomerSearchField } from '../search-text';
import { storedObjects } from './stored-objects';

export interface CustomerSearch {
  query?: string | undefined;
  filters: CustomerFilters;
  sort: { field: CustomerSortField; direction: 'asc' | 'desc' };
  cursor?: string | null | undefined;
  limit: number;
}

/** A customer with everything the cache holds about them but their payments (the payments repo lists those). */
export type CustomerRecord = Omit<CustomerDetail, 'payments' | 'dashboardUrl'>;

interface CustomerRowData {
  data: string;
  cards: string | null;
  [key: string]: unknown;
}

const ACTIVE_SUBSCRIPTION = `EXISTS (SELECT 1 FROM subscriptions s WHERE s.customer = c.id AND s.deleted = 0 AND s.status IN ('active', 'trialing', 'past_due'))`;
/** Disputes are few: the set of customers with an open one is built once per query, not per row. */
const OPEN_DISPUTE = `c.id IN (SELECT ch.customer FROM disputes d JOIN charges ch ON ch.id = d.charge
  WHERE d.deleted = 0 AND ch.customer IS NOT NULL AND d.status IN ('warning_needs_response', 'warning_under_review', 'needs_response', 'under_review'))`;
const CARDS = `${cardsText('c.id')} AS cards`;
/** Sort keys: email and name sorts skip customers without one (SQL row values can't page over NULLs). */
const SORT_COLUMNS: Record<CustomerSortField, string[]> = {
  created: ['c.created', 'c.id'],
  email: ['c.email', 'c.id'],
  name: ['c.name', 'c.id'],
};
const TIMELINE_RELATED_LIMIT = 1000;
/** The objects a customer's timeline follows, each found by the customer (refunds and disputes through their charge). */
const RELATED = [
  `SELECT id FROM payment_intents WHERE customer = ? ORDER BY created DESC LIMIT ?`,
  `SELECT id FROM charges WHERE customer = ? ORDER BY created DESC LIMIT ?`,
  `SELECT r.id FROM refunds r JOIN charges ch ON ch.id = r.charge WHERE ch.customer = ? ORDER BY r.created DESC LIMIT ?`,
  `SELECT d.id FROM disputes d JOIN charges ch ON ch.id = d.charge WHERE ch.customer = ? ORDER BY d.created DESC LIMIT ?`,
  `SELECT id FROM subscriptions WHERE customer = ? ORDER BY created DESC LIMIT ?`,
  `SELECT id FROM invoices WHERE customer = ? ORDER BY created DESC LIMIT ?`,
  `SELECT id FROM payment_methods WHERE customer = ? ORDER BY created DESC LIMIT ?`,
];

/** Customers in one account+mode's cache: the list (filtered, sorted, searched), a customer's record and timeline. */
export class CustomerRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly index: SearchIndex,
  ) {}

  /** Keyset-paged in SQL; with `query`, the full-text index drives the page in its own (rowid) order. */
  search(q: CustomerSearch): Page<CustomerRow> {
    const { where, params } = filterSql(q.filters);
    const text = q.query?.trim();
    if (text) {
      const match = prefixPhrase(text);
      if (!match) return { items: [], nextCursor: null, total: 0 };
      // Filters apply as the index streams. Ascending, as SearchIndex.matches: FTS5 streams a doclist forwards but
      // loads all of it to walk it backwards, which cost 3× the CPU at a million customers (p95 46–75 ms against
      // 17–21 ms for a whole email). Rowids follow the backfill, which lists newest first.
      const query = (expression: string, cursor: string | null, limit: number) =>
        keysetPage<CustomerRowData & { rowid: number }>(this.db, {
          select: `SELECT f.rowid AS rowid, c.data AS data, ${CARDS} FROM customers_fts f JOIN customers c ON c.rowid = f.rowid`,
          where: ['customers_fts MATCH ?', 'c.deleted = 0', ...where],
          params: [expression, ...params],
          order: { columns: ['f.rowid'], direction: 'asc' },
          cursor,
          limit,
        });
      const cursor = q.cursor ?? null;
      const page =
        this.index.narrowedCustomerPage(text, undefined, cursor, q.limit, query) ?? query(match, cursor, q.limit);
      return { items: page.rows.map(rowOf), nextCursor: page.nextCursor, total: null };
    }
    const columns = SORT_COLUMNS[q.sort.field];
    const sortWhere = q.sort.field === 'created' ? [] : [`${columns[0]} IS NOT NULL`];
    const page = keysetPage<CustomerRowData>(this.db, {
      select: `SELECT c.id AS id, c.created AS created, c.email AS email, c.name AS name, c.data AS data, ${CARDS} FROM customers c`,
      where: ['c.deleted = 0', ...sortWhere, ...where],
      params,
      order: { columns, direction: q.sort.direction },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    // No total here: the exact count over a million customers (~200 ms on a cold disk) held up the first page.
    return { items: page.rows.map(rowOf), nextCursor: page.nextCursor, total: null };
  }

  /** Every customer not deleted: exact, one counter row kept by triggers (see countLive). */
  count(): number {
    return countLive(this.db, 'customers');
  }

  /** Stored customers whose email, name words, phone, id, card last4 or metadata values start with the text. */
  matching<T = Json>(text: string, options: SearchOptions<CustomerSearchField>): KeysetPage<T> {
    const page = this.index.matches('customers_fts', text, options);
    const load = prepared(this.db, 'SELECT data FROM customers WHERE rowid = ? AND deleted = 0').pluck();
    return {
      rows: page.rowids
        .map((rowid) => load.get(rowid) as string | undefined)
        .filter((d): d is string => !!d)
        .map((d) => JSON.parse(d) as T),
      nextCursor: page.nextCursor,
    };
  }

  /** The customer with their cards, refunds, invoices and disputes, newest first; null when not cached. */
  detail(customerId: string): CustomerRecord | null {
    const row = prepared(
      this.db,
      `SELECT c.data AS data, ${CARDS} FROM customers c WHERE c.id = ? AND c.deleted = 0`,
    ).get(customerId) as CustomerRowData | undefined;
    if (!row) return null;
    const customer = parse(row.data);
    const defaultMethod = idOf(obj(customer.invoice_settings).default_payment_method) ?? idOf(customer.default_source);
    return {
      customer: toCustomerDetail(rowOf(row), customer),
      paymentMethods: storedObjects(
        this.db,
        `SELECT data FROM payment_methods WHERE customer = ? AND deleted = 0 ORDER BY created DESC`,
        customerId,
      ).map((pm) => toCard(pm, defaultMethod)),
      refunds: storedObjects(
        this.db,
        `SELECT r.data FROM refunds r JOIN charges ch ON ch.id = r.charge WHERE ch.customer = ? AND r.deleted = 0 ORDER BY r.created DESC LIMIT 200`,
        customerId,
      ).map(toRefundRow),
      invoices: storedObjects(
        this.db,
        `SELECT data FROM invoices WHERE customer = ? AND deleted = 0 ORDER BY created DESC LIMIT 50`,
        customerId,
      ).map(toInvoice),
      disputes: storedObjects(
        this.db,
        `SELECT d.data FROM disputes d JOIN charges ch ON ch.id = d.charge WHERE ch.customer = ? AND d.deleted = 0 ORDER BY d.created DESC`,
        customerId,
      ).map(toDispute),
    };
  }

  /** Events about the customer or any of their objects, newest first. */
  timeline(customerId: string, cursor: string | null | undefined, limit: number): Page<TimelineEntry> {
    const page = keysetPage<{ id: string; created: number; data: string }>(this.db, {
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
    const ids = (sql: string) => prepared(this.db, sql).pluck().all(customerId, TIMELINE_RELATED_LIMIT) as string[];
    return [customerId, ...RELATED.flatMap(ids)];
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

function rowOf(row: CustomerRowData): CustomerRow {
  return toCustomerRow(parse(row.data), row.cards ? row.cards.split(' ') : []);
}
