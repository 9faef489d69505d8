import type Database from 'better-sqlite3';
import type { Scope } from '../../src-preload/contract';
import {
  RESPONDABLE_STATUSES,
  REVIEW_STATES,
  type DisputeCharts,
  type DisputeFilter,
  type DisputeRow,
  type DisputeStatus,
  type DisputeTotal,
  type ReviewState,
  type UrgentDisputes,
} from '../../src-preload/contract/disputes';
import { keysetPage } from '../cache/keyset';
import type { DisputeReviews } from './dispute-reviews';
import type { EvidenceDrafts } from './evidence-drafts';

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
 * The dispute queue of one account+mode, read from the cache in SQL: disputes that can still be answered first,
 * soonest deadline first, then overdue ones, then the rest; filters, totals and chart series are computed by
 * SQLite, never from what the renderer shows.
 */
export class DisputeQueue {
  constructor(
    private readonly scope: Scope,
    private readonly db: Database.Database,
    private readonly reviews: DisputeReviews,
    private readonly drafts: EvidenceDrafts,
    /** Unix seconds: what counts as overdue. */
    private readonly nowSeconds: number,
  ) {}

  page(
    filter: DisputeFilter,
    cursor: string | null | undefined,
    limit: number,
  ): { rows: DisputeRow[]; nextCursor: string | null } {
    const { where, params } = this.filterSql(filter);
    const page = keysetPage<QueueSqlRow & Record<string, unknown>>(this.db, {
      select: `SELECT * FROM (${this.rowSelect(where)}) q`,
      params,
      order: { columns: ['open_rank', 'due_key', 'id'], direction: 'asc' },
      cursor: cursor ?? null,
      limit,
    });
    return { rows: this.toRows(page.rows), nextCursor: page.nextCursor };
  }

  count(filter: DisputeFilter): number {
    const { where, params } = this.filterSql(filter);
    return this.db
      .prepare(`SELECT count(*) FROM disputes d WHERE ${where.join(' AND ')}`)
      .pluck()
      .get(...params) as number;
  }

  /** Every row of the filtered queue, in queue order (for export). */
  all(filter: DisputeFilter): DisputeRow[] {
    const { where, params } = this.filterSql(filter);
    const rows = this.db
      .prepare(`${this.rowSelect(where)} ORDER BY open_rank, due_key, d.id`)
      .all(...params) as QueueSqlRow[];
    return this.toRows(rows);
  }

  /** The rows for these ids (a customer's other disputes). */
  byIds(ids: string[]): DisputeRow[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(
        `${this.rowSelect(['d.deleted = 0', 'd.id IN (SELECT value FROM json_each(?))'])} ORDER BY d.created DESC`,
      )
      .all(JSON.stringify(ids)) as QueueSqlRow[];
    return this.toRows(rows);
  }

  totals(filter: DisputeFilter): DisputeTotal[] {
    const { where, params } = this.filterSql(filter);
    return this.db
      .prepare(
        `SELECT d.status AS status, d.currency AS currency, count(*) AS count, coalesce(sum(d.amount), 0) AS amount
         FROM disputes d WHERE ${where.join(' AND ')} GROUP BY d.status, d.currency ORDER BY d.status, d.currency`,
      )
      .all(...params) as DisputeTotal[];
  }

  charts(filter: DisputeFilter): DisputeCharts {
    const { where, params } = this.filterSql(filter);
    const sqlWhere = where.join(' AND ');
    const overTime = this.db
      .prepare(
        `SELECT strftime('%Y-%m', d.created, 'unixepoch') AS month, d.currency AS currency, count(*) AS count, coalesce(sum(d.amount), 0) AS amount
         FROM disputes d WHERE ${sqlWhere} GROUP BY month, d.currency ORDER BY month, d.currency`,
      )
      .all(...params) as DisputeCharts['overTime'];
    const byReason = this.db
      .prepare(
        `SELECT coalesce(d.reason, 'general') AS reason, d.status AS status, d.currency AS currency, count(*) AS count, coalesce(sum(d.amount), 0) AS amount
         FROM disputes d WHERE ${sqlWhere} GROUP BY reason, d.status, d.currency ORDER BY reason, d.status, d.currency`,
      )
      .all(...params) as DisputeCharts['byReason'];
    return { overTime, byReason };
  }

  /** Disputes that need a response and are due within 48 hours (not yet overdue), soonest first. */
  urgent(): UrgentDisputes {
    const where = `deleted = 0 AND status IN ${RESPONDABLE_SQL} AND due_by >= ? AND due_by <= ?`;
    const args = [this.nowSeconds, this.nowSeconds + URGENT_WINDOW_SECONDS];
    const count = this.db
      .prepare(`SELECT count(*) FROM disputes WHERE ${where}`)
      .pluck()
      .get(...args) as number;
    const first = this.db
      .prepare(`SELECT id, due_by AS dueBy, amount, currency FROM disputes WHERE ${where} ORDER BY due_by, id LIMIT 1`)
      .get(...args) as UrgentDisputes['mostUrgent'] | undefined;
    const overdue = this.db
      .prepare(
        `SELECT count(*) FROM disputes WHERE deleted = 0 AND status IN ${RESPONDABLE_SQL} AND due_by > 0 AND due_by < ?`,
      )
      .pluck()
      .get(this.nowSeconds) as number;
    return { count, overdue, mostUrgent: first ?? null };
  }

  private rowSelect(where: string[]): string {
    return `SELECT d.id, d.created, d.status, d.reason, d.amount, d.currency, d.charge, d.data,
        CASE WHEN d.status NOT IN ${RESPONDABLE_SQL} THEN 2 WHEN d.due_by >= ${Math.floor(this.nowSeconds)} THEN 0 ELSE 1 END AS open_rank,
        coalesce(nullif(d.due_by, 0), ${NO_DEADLINE}) AS due_key,
        c.customer AS customer_id, cu.name AS customer_name, cu.email AS customer_email
      FROM disputes d LEFT JOIN charges c ON c.id = d.charge LEFT JOIN customers cu ON cu.id = c.customer
      WHERE ${where.join(' AND ')}`;
  }

  private filterSql(filter: DisputeFilter): Where {
    const where = ['d.deleted = 0'];
    const params: unknown[] = [];
    const inList = (column: string, values: readonly string[]) => {
      where.push(`${column} IN (SELECT value FROM json_each(?))`);
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
    if (filter.reviews?.length) this.reviewSql(filter.reviews, where, params);
    return { where, params };
  }

  /** Review states live in app.db: match on the (hand-made, so few) ids set to the wanted — or unwanted — states. */
  private reviewSql(wanted: ReviewState[], where: string[], params: unknown[]): void {
    if (wanted.includes('unreviewed')) {
      const unwanted = REVIEW_STATES.filter((s) => !wanted.includes(s));
      where.push('d.id NOT IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(this.reviews.idsIn(this.scope, unwanted)));
    } else {
      where.push('d.id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(this.reviews.idsIn(this.scope, wanted)));
    }
  }

  private toRows(rows: QueueSqlRow[]): DisputeRow[] {
    const ids = rows.map((r) => r.id);
    const reviews = this.reviews.states(this.scope, ids);
    const drafted = this.drafts.drafted(this.scope, ids);
    return rows.map((r) => {
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
        review: reviews.get(r.id) ?? 'unreviewed',
        drafted: drafted.has(r.id),
      };
    });
  }
}
