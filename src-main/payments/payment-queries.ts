import {
  ConsoleError,
  type Page,
  type PaymentDetail,
  type PaymentRow,
  type PaymentStatus,
} from '../../src-preload/contract';
import type { CacheStore } from '../cache';
import { keysetPage } from '../cache/keyset';
import { prefixPhrase } from '../cache/search-text';
import { toRefundRow } from './refund-rows';
import { dashboardUrl } from '../stripe/dashboard-links';
import { toChargeSummary, toDispute, toPaymentRow } from './payment-rows';
import { parse, str } from '../stripe/stripe-json';

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

/** Read side of the payments view and payment detail, all in SQL over the cache. */
export class PaymentQueries {
  constructor(private readonly store: CacheStore) {}

  list(q: PaymentListQuery): Page<PaymentRow> {
    if (q.query?.trim()) return this.search(q.query, q);
    const { where, params } = this.filters(q);
    const page = keysetPage<JoinedRow & Record<string, unknown>>(this.store.db, {
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

  /** The payments (by intent) that the typed text matches: id, email, card last4 or amount. */
  private search(text: string, q: PaymentListQuery): Page<PaymentRow> {
    const match = prefixPhrase(text);
    if (!match) return { items: [], nextCursor: null, total: 0 };
    const { where, params } = this.filters(q);
    const load = this.store.db.prepare(
      `${JOINED_SELECT} WHERE pi.deleted = 0 AND pi.id = ?${where.map((w) => ` AND ${w}`).join('')}`,
    );
    const intentAlsoMatches = this.store.db.prepare(
      `SELECT 1 FROM payment_intents pi JOIN payments_fts f ON f.rowid = pi.rowid * 2 WHERE pi.id = ? AND payments_fts MATCH ?`,
    );
    const items: PaymentRow[] = [];
    let cursor = q.cursor ?? null;
    for (let round = 0; round < MAX_SEARCH_ROUNDS && items.length < q.limit; round++) {
      const page = this.store.searchPayments(text, { limit: q.limit, cursor });
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

  get(paymentIntentId: string, mode: 'test' | 'live'): PaymentDetail {
    const row = this.store.db.prepare(`${JOINED_SELECT} WHERE pi.id = ? AND pi.deleted = 0`).get(paymentIntentId) as
      JoinedRow | undefined;
    if (!row)
      throw new ConsoleError(
        'not_found',
        `Payment ${paymentIntentId} isn’t in the local copy yet. It appears once sync has fetched it.`,
      );
    const db = this.store.db;
    const charges = (
      db
        .prepare(`SELECT data FROM charges WHERE payment_intent = ? AND deleted = 0 ORDER BY created DESC`)
        .pluck()
        .all(paymentIntentId) as string[]
    ).map(parse);
    const chargeIds = JSON.stringify(charges.map((c) => str(c.id)));
    const refunds = db
      .prepare(
        `SELECT data FROM refunds WHERE deleted = 0 AND (payment_intent = ? OR charge IN (SELECT value FROM json_each(?))) ORDER BY created DESC`,
      )
      .pluck()
      .all(paymentIntentId, chargeIds) as string[];
    const disputes = db
      .prepare(
        `SELECT data FROM disputes WHERE deleted = 0 AND charge IN (SELECT value FROM json_each(?)) ORDER BY created DESC`,
      )
      .pluck()
      .all(chargeIds) as string[];
    return {
      payment: toRow(row),
      charges: charges.map(toChargeSummary),
      refunds: refunds.map((d) => toRefundRow(parse(d))),
      disputes: disputes.map((d) => toDispute(parse(d))),
      dashboardUrl: dashboardUrl(mode, 'payments', paymentIntentId),
    };
  }

  /** One payment row, fresh from the cache (after a mutation wrote to it). */
  row(paymentIntentId: string): PaymentRow | null {
    const row = this.store.db.prepare(`${JOINED_SELECT} WHERE pi.id = ?`).get(paymentIntentId) as JoinedRow | undefined;
    return row ? toRow(row) : null;
  }

  private filters(q: PaymentListQuery): { where: string[]; params: unknown[] } {
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

  private count(where: string[], params: unknown[]): number {
    return this.store.db
      .prepare(`SELECT count(*) FROM payment_intents pi WHERE ${['pi.deleted = 0', ...where].join(' AND ')}`)
      .pluck()
      .get(...params) as number;
  }
}

function toRow(row: JoinedRow): PaymentRow {
  return toPaymentRow(parse(row.pi), row.ch ? parse(row.ch) : null, {
    email: row.email,
    disputeStatus: row.dispute_status,
  });
}
