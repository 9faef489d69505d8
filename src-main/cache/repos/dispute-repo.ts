import type Database from 'better-sqlite3';
import type Stripe from 'stripe';
import {
  RESPONDABLE_STATUSES,
  type DisputeCharts,
  type DisputeRow,
  type DisputeStatus,
  type DisputeTotal,
  type UrgentDisputes,
} from '../../../src-preload/contract/disputes';
import { keysetPage, prepared, type KeysetPage } from '../keyset';

/** A queue row as the cache knows it; the review state and draft flag live in app.db and are added by the feature. */
export type CachedDisputeRow = Omit<DisputeRow, 'review' | 'drafted'>;

/** Which disputes a queue shows. Amounts are minor units. */
export interface DisputeQueueFilter {
  statuses?: readonly string[] | undefined;
  reasons?: readonly string[] | undefined;
  currency?: string | undefined;
  amountMin?: number | undefined;
  amountMax?: number | undefined;
  /** Only these ids, or every id but these (matches on state kept outside the cache, e.g. reviews). */
  ids?: { only: readonly string[] } | { except: readonly string[] } | undefined;
}

/** Disputes without a deadline sort after every real one (year 9999). */
const NO_DEADLINE = 253_402_300_799;
const URGENT_WINDOW_SECONDS = 48 * 3600;
const RESPONDABLE_SQL = `(${RESPONDABLE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

interface QueueSqlRow {
  id: string;
  created: number;
  status: DisputeStatus;
  reason: string | null;
  amount: number;
  currency: string;
  charge: string | null;
  data: string;
  open_rank: number;
  due_key: number;
  customer_id: string | null;
  customer_name: string | null;
  customer_email: string | null;
}

interface Where {
  where: string[];
  params: unknown[];
}

/**
 * The disputes table of one cache: the queue (disputes that can still be answered first, soonest deadline first,
 * then overdue ones, then the rest), its totals and chart series computed by SQLite, and the reads a dispute's
 * detail and other features need. `nowSeconds` (unix seconds) is what counts as overdue.
 */
export class DisputeRepo {
  constructor(private readonly db: Database.Database) {}

  queuePage(
    filter: DisputeQueueFilter,
    nowSeconds: number,
    cursor: string | null,
    limit: number,
  ): KeysetPage<CachedDisputeRow> {
    const { where, params } = filterSql(filter);
    const page = keysetPage<QueueSqlRow & Record<string, unknown>>(this.db, {
      select: `SELECT * FROM (${rowSelect(where)}) q`,
      params: [Math.floor(nowSeconds), ...params],
      order: { columns: ['open_rank', 'due_key', 'id'], direction: 'asc' },
      cursor,
      limit,
    });
    return { rows: page.rows.map(toRow), nextCursor: page.nextCursor };
  }

  queueCount(filter: DisputeQueueFilter): number {
    const { where, params } = filterSql(filter);
    return prepared(this.db, `SELECT count(*) FROM disputes d WHERE ${where.join(' AND ')}`)
      .pluck()
      .get(...params) as number;
  }

  /** Every row of the filtered queue, in queue order (for export). */
  queueAll(filter: DisputeQueueFilter, nowSeconds: number): CachedDisputeRow[] {
    const { where, params } = filterSql(filter);
    const rows = prepared(this.db, `${rowSelect(where)} ORDER BY open_rank, due_key, d.id`).all(
      Math.floor(nowSeconds),
      ...params,
    ) as QueueSqlRow[];
    return rows.map(toRow);
  }

  /** The rows for these ids, newest first. */
  byIds(ids: readonly string[]): CachedDisputeRow[] {
    if (ids.length === 0) return [];
    const sql = `${rowSelect(['d.deleted = 0', 'd.id IN (SELECT value FROM json_each(?))'])} ORDER BY d.created DESC`;
    // The open rank plays no part in this order.
    return (prepared(this.db, sql).all(0, JSON.stringify(ids)) as QueueSqlRow[]).map(toRow);
  }

  totals(filter: DisputeQueueFilter): DisputeTotal[] {
    const { where, params } = filterSql(filter);
    return prepared(
      this.db,
      `SELECT d.status AS status, d.currency AS currency, count(*) AS count, coalesce(sum(d.amount), 0) AS amount
       FROM disputes d WHERE ${where.join(' AND ')} GROUP BY d.status, d.currency ORDER BY d.status, d.currency`,
    ).all(...params) as DisputeTotal[];
  }

  charts(filter: DisputeQueueFilter): DisputeCharts {
    const { where, params } = filterSql(filter);
    const sqlWhere = where.join(' AND ');
    const overTime = prepared(
      this.db,
      `SELECT strftime('%Y-%m', d.created, 'unixepoch') AS month, d.currency AS currency, count(*) AS count, coalesce(sum(d.amount), 0) AS amount
       FROM disputes d WHERE ${sqlWhere} GROUP BY month, d.currency ORDER BY month, d.currency`,
    ).all(...params) as DisputeCharts['overTime'];
    const byReason = prepared(
      this.db,
      `SELECT coalesce(d.reason, 'general') AS reason, d.status AS status, d.currency AS currency, count(*) AS count, coalesce(sum(d.amount), 0) AS amount
       FROM disputes d WHERE ${sqlWhere} GROUP BY reason, d.status, d.currency ORDER BY reason, d.status, d.currency`,
    ).all(...params) as DisputeCharts['byReason'];
    return { overTime, byReason };
  }

  /** Disputes that need a response and are due within 48 hours (not yet overdue), soonest first. */
  urgent(nowSeconds: number): UrgentDisputes {
    const where = `deleted = 0 AND status IN ${RESPONDABLE_SQL} AND due_by >= ? AND due_by <= ?`;
    const args = [nowSeconds, nowSeconds + URGENT_WINDOW_SECONDS];
    const count = prepared(this.db, `SELECT count(*) FROM disputes WHERE ${where}`)
      .pluck()
      .get(...args) as number;
    const first = prepared(
      this.db,
      `SELECT id, due_by AS dueBy, amount, currency FROM disputes WHERE ${where} ORDER BY due_by, id LIMIT 1`,
    ).get(...args) as UrgentDisputes['mostUrgent'] | undefined;
    const overdue = prepared(
      this.db,
      `SELECT count(*) FROM disputes WHERE deleted = 0 AND status IN ${RESPONDABLE_SQL} AND due_by > 0 AND due_by < ?`,
    )
      .pluck()
      .get(nowSeconds) as number;
    return { count, overdue, mostUrgent: first ?? null };
  }

  /** Disputes needing a response with a deadline up to `until` (unix seconds), overdue ones included, soonest first. */
  respondableDueBy(until: number): NonNullable<UrgentDisputes['mostUrgent']>[] {
    return prepared(
      this.db,
      `SELECT id, due_by AS dueBy, amount, currency FROM disputes
       WHERE deleted = 0 AND status IN ${RESPONDABLE_SQL} AND due_by > 0 AND due_by <= ? ORDER BY due_by`,
    ).all(until) as NonNullable<UrgentDisputes['mostUrgent']>[];
  }

  /** Whether the newest dispute on a charge still lets the charge be refunded (null when no dispute is cached). */
  allowsRefund(chargeId: string): boolean | null {
    const flag = prepared(
      this.db,
      'SELECT is_charge_refundable FROM disputes WHERE charge = ? AND deleted = 0 ORDER BY created DESC LIMIT 1',
    )
      .pluck()
      .get(chargeId) as number | null | undefined;
    return flag === undefined || flag === null ? null : flag !== 0;
  }

  /** The customer's other disputes (through their charges), newest first. */
  otherDisputeIdsOf(customerId: string, exceptId: string, limit: number): string[] {
    return prepared(
      this.db,
      `SELECT d.id FROM disputes d JOIN charges c ON c.id = d.charge
       WHERE c.customer = ? AND d.id != ? AND d.deleted = 0 ORDER BY d.created DESC LIMIT ?`,
    )
      .pluck()
      .all(customerId, exceptId, limit) as string[];
  }

  /** A disputed customer's latest charges, newest first: the payment history finance weighs. */
  customerCharges(customerId: string, limit: number): Stripe.Charge[] {
    const rows = prepared(
      this.db,
      'SELECT data FROM charges WHERE customer = ? AND deleted = 0 ORDER BY created DESC LIMIT ?',
    )
      .pluck()
      .all(customerId, limit) as string[];
    return rows.map((data) => JSON.parse(data) as Stripe.Charge);
  }

  /** Refunds on any of these charges, newest first. */
  refundsOf(chargeIds: readonly string[], limit: number): Stripe.Refund[] {
    const rows = prepared(
      this.db,
      'SELECT data FROM refunds WHERE deleted = 0 AND charge IN (SELECT value FROM json_each(?)) ORDER BY created DESC LIMIT ?',
    )
      .pluck()
      .all(JSON.stringify(chargeIds), limit) as string[];
    return rows.map((data) => JSON.parse(data) as Stripe.Refund);
  }
}

/** Queue rows; the open rank's "now" is the statement's first parameter. */
function rowSelect(where: string[]): string {
  return `SELECT d.id, d.created, d.status, d.reason, d.amount, d.currency, d.charge, d.data,
      CASE WHEN d.status NOT IN ${RESPONDABLE_SQL} THEN 2 WHEN d.due_by >= ? THEN 0 ELSE 1 END AS open_rank,
      coalesce(nullif(d.due_by, 0), ${NO_DEADLINE}) AS due_key,
      c.customer AS customer_id, cu.name AS customer_name, cu.email AS customer_email
    FROM disputes d LEFT JOIN charges c ON c.id = d.charge LEFT JOIN customers cu ON cu.id = c.customer
    WHERE ${where.join(' AND ')}`;
}

function filterSql(filter: DisputeQueueFilter): Where {
  const where = ['d.deleted = 0'];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly string[], negate = false) => {
    where.push(`${column} ${negate ? 'NOT IN' : 'IN'} (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(values));
  };
  if (filter.statuses?.length) inList('d.status', filter.statuses);
  if (filter.reasons?.length) inList('d.reason', filter.reasons);
  if (filter.currency) {
    where.push('d.currency = ?');
    params.push(filter.currency);
  }
  if (filter.amountMin !== undefined) {
    where.push('d.amount >= ?');
    params.push(filter.amountMin);
  }
  if (filter.amountMax !== undefined) {
    where.push('d.amount <= ?');
    params.push(filter.amountMax);
  }
  if (filter.ids && 'only' in filter.ids) inList('d.id', filter.ids.only);
  if (filter.ids && 'except' in filter.ids) inList('d.id', filter.ids.except, true);
  return { where, params };
}

function toRow(r: QueueSqlRow): CachedDisputeRow {
  const details = (
    JSON.parse(r.data) as {
      evidence_details?: { due_by?: number | null; has_evidence?: boolean; submission_count?: number };
    }
  ).evidence_details;
  return {
    id: r.id,
    status: r.status,
    reason: r.reason ?? 'general',
    amount: r.amount,
    currency: r.currency,
    dueBy: details?.due_by || null,
    created: r.created,
    charge: r.charge,
    customer: r.customer_id ? { id: r.customer_id, name: r.customer_name, email: r.customer_email } : null,
    hasEvidence: details?.has_evidence ?? false,
    submissionCount: details?.submission_count ?? 0,
  };
}
