import type Database from 'better-sqlite3';
import {
  ConsoleError,
  type Page,
  type PaymentDetail,
  type PaymentRow,
  type PaymentStatus,
} from '../../../src-preload/contract';
import { parse, str } from '../../stripe/stripe-json';
import { keysetPage, prepared, type KeysetPage } from '../keyset';
import { toChargeSummary, toDispute, toPaymentRow } from '../rows/payment-rows';
import { toRefundRow } from '../rows/refund-rows';
import type { SearchIndex, SearchOptions } from '../search-index';
import { prefixPhrase, type PaymentSearchField } from '../search-text';
import { storedObjects } from './stored-objects';

export interface PaymentListQuery {
  query?: string | undefined;
  statuses?: PaymentStatus[] | undefined;
  customerId?: string | undefined;
  createdFrom?: number | undefined;
  createdTo?: number | undefined;
  currency?: string | undefined;
  amountMin?: number | undefined;
  amountMax?: number | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

export interface PaymentMatch {
  kind: 'payment_intent' | 'charge';
  id: string;
  /** The payment intent a charge belongs to, so views can fold both into one payment. */
  paymentIntent: string | null;
}

/** A payment with everything the cache holds about it; the view adds its Dashboard link. */
export type PaymentRecord = Omit<PaymentDetail, 'dashboardUrl'>;

interface JoinedRow {
  id: string;
  created: number;
  pi: string;
  ch: string | null;
  email: string | null;
  dispute_status: string | null;
}

/** A payment intent with its latest charge, its customer's email and that charge's newest dispute. */
const JOINED_SELECT = `SELECT pi.id AS id, pi.created AS created, pi.data AS pi, ch.data AS ch,
    (SELECT c.email FROM customers c WHERE c.id = pi.customer) AS email,
    (SELECT d.status FROM disputes d WHERE d.charge = pi.latest_charge AND d.deleted = 0 ORDER BY d.created DESC LIMIT 1) AS dispute_status
  FROM payment_intents pi LEFT JOIN charges ch ON ch.id = pi.latest_charge`;

/** Search pages are topped up from the index at most this many times when filters drop matches. */
const MAX_SEARCH_ROUNDS = 8;

/** Payments (intents folded with their charges, refunds and disputes) in one account+mode's cache. */
export class PaymentRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly index: SearchIndex,
  ) {}

  /** Newest first, filtered and keyset-paged; with `query`, the payments the typed text matches. */
  list(q: PaymentListQuery): Page<PaymentRow> {
    if (q.query?.trim()) return this.search(q.query, q);
    const { where, params } = filterSql(q);
    const page = keysetPage<JoinedRow & Record<string, unknown>>(this.db, {
      select: JOINED_SELECT,
      where: ['pi.deleted = 0', ...where],
      params,
      order: { columns: ['pi.created', 'pi.id'], direction: 'desc' },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    const total = q.cursor ? null : this.count(where, params);
    return { items: page.rows.map(toRow), nextCursor: page.nextCursor, total };
  }

  /** Payment intents and charges whose ids, email, card last4 or amount ("19.99" or "1999") start with the text. */
  matches(text: string, options: SearchOptions<PaymentSearchField>): KeysetPage<PaymentMatch> {
    const page = this.index.matches('payments_fts', text, options);
    const pi = prepared(this.db, 'SELECT id FROM payment_intents WHERE rowid = ? AND deleted = 0').pluck();
    const charge = prepared(this.db, 'SELECT id, payment_intent FROM charges WHERE rowid = ? AND deleted = 0');
    const rows: PaymentMatch[] = [];
    for (const rowid of page.rowids) {
      if (rowid % 2 === 0) {
        const id = pi.get(rowid / 2) as string | undefined;
        if (id) rows.push({ kind: 'payment_intent', id, paymentIntent: id });
      } else {
        const row = charge.get((rowid - 1) / 2) as { id: string; payment_intent: string | null } | undefined;
        if (row) rows.push({ kind: 'charge', id: row.id, paymentIntent: row.payment_intent });
      }
    }
    return { rows, nextCursor: page.nextCursor };
  }

  /** The payment with all its charges, refunds and disputes, newest first; null when not cached (or deleted). */
  detail(paymentIntentId: string): PaymentRecord | null {
    const row = prepared(this.db, `${JOINED_SELECT} WHERE pi.id = ? AND pi.deleted = 0`).get(paymentIntentId) as
      | JoinedRow
      | undefined;
    if (!row) return null;
    const charges = storedObjects(
      this.db,
      `SELECT data FROM charges WHERE payment_intent = ? AND deleted = 0 ORDER BY created DESC`,
      paymentIntentId,
    );
    const chargeIds = JSON.stringify(charges.map((c) => str(c.id)));
    const refunds = storedObjects(
      this.db,
      `SELECT data FROM refunds WHERE deleted = 0 AND (payment_intent = ? OR charge IN (SELECT value FROM json_each(?))) ORDER BY created DESC`,
      paymentIntentId,
      chargeIds,
    );
    const disputes = storedObjects(
      this.db,
      `SELECT data FROM disputes WHERE deleted = 0 AND charge IN (SELECT value FROM json_each(?)) ORDER BY created DESC`,
      chargeIds,
    );
    return {
      payment: toRow(row),
      charges: charges.map(toChargeSummary),
      refunds: refunds.map(toRefundRow),
      disputes: disputes.map(toDispute),
    };
  }

  /** One payment row as the cache holds it now (after a mutation wrote to it), deleted or not. */
  row(paymentIntentId: string): PaymentRow | null {
    const row = prepared(this.db, `${JOINED_SELECT} WHERE pi.id = ?`).get(paymentIntentId) as JoinedRow | undefined;
    return row ? toRow(row) : null;
  }

  private search(text: string, q: PaymentListQuery): Page<PaymentRow> {
    const match = prefixPhrase(text);
    if (!match) return { items: [], nextCursor: null, total: 0 };
    const { where, params } = filterSql(q);
    const load = prepared(
      this.db,
      `${JOINED_SELECT} WHERE pi.deleted = 0 AND pi.id = ?${where.map((w) => ` AND ${w}`).join('')}`,
    );
    const intentAlsoMatches = prepared(
      this.db,
      `SELECT 1 FROM payment_intents pi JOIN payments_fts f ON f.rowid = pi.rowid * 2 WHERE pi.id = ? AND payments_fts MATCH ?`,
    );
    const items: PaymentRow[] = [];
    let cursor = q.cursor ?? null;
    for (let round = 0; round < MAX_SEARCH_ROUNDS && items.length < q.limit; round++) {
      const page = this.matches(text, { limit: q.limit, cursor });
      for (const m of page.rows) {
        if (!m.paymentIntent) continue;
        // A charge match whose intent matches too is listed at the intent's own place, once.
        if (m.kind === 'charge' && intentAlsoMatches.get(m.paymentIntent, match)) continue;
        const row = load.get(m.paymentIntent, ...params) as JoinedRow | undefined;
        if (row) items.push(toRow(row));
      }
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return { items, nextCursor: cursor, total: null };
  }

  private count(where: string[], params: unknown[]): number {
    return prepared(
      this.db,
      `SELECT count(*) FROM payment_intents pi WHERE ${['pi.deleted = 0', ...where].join(' AND ')}`,
    )
      .pluck()
      .get(...params) as number;
  }
}

function filterSql(q: PaymentListQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.statuses?.length) {
    where.push(`pi.status IN (${q.statuses.map(() => '?').join(', ')})`);
    params.push(...q.statuses);
  }
  if (q.customerId) {
    where.push('pi.customer = ?');
    params.push(q.customerId);
  }
  const ranges: [string, unknown][] = [
    ['pi.created >= ?', q.createdFrom],
    ['pi.created < ?', q.createdTo],
    ['pi.currency = ?', q.currency],
    ['pi.amount >= ?', q.amountMin],
    ['pi.amount <= ?', q.amountMax],
  ];
  for (const [sql, value] of ranges) {
    if (value === undefined) continue;
    where.push(sql);
    params.push(value);
  }
  if ((q.amountMin !== undefined || q.amountMax !== undefined) && !q.currency)
    throw new ConsoleError(
      'invalid_input',
      'An amount filter needs a currency: 100 means different money in JPY and USD.',
    );
  return { where, params };
}

function toRow(row: JoinedRow): PaymentRow {
  return toPaymentRow(parse(row.pi), row.ch ? parse(row.ch) : null, {
    email: row.email,
    disputeStatus: row.dispute_status,
  });
}
