import type Database from 'better-sqlite3';
import type { Page, ReviewRow, WarningRow } from '../../../src-preload/contract';
import { keysetPage, prepared } from '../keyset';
import { toReviewRow, toWarningRow, type JoinedRow } from '../rows/radar-rows';

type RadarTable = 'early_fraud_warnings' | 'reviews';

/** `<table> r` joined with its charge and that charge's customer. */
const joined = (table: RadarTable, flag: 'actionable' | 'open') =>
  `SELECT r.id AS id, r.created AS created, r.${flag} AS ${flag}, r.data AS data, c.data AS charge_data,
          cu.id AS customer_id, cu.name AS customer_name, cu.email AS customer_email
   FROM ${table} r
   LEFT JOIN charges c ON c.id = r.charge AND c.deleted = 0
   LEFT JOIN customers cu ON cu.id = c.customer AND cu.deleted = 0`;

/** Radar's queues in one cache: early fraud warnings and reviews, each with its charge and customer. */
export class RadarRepo {
  constructor(private readonly db: Database.Database) {}

  /** Actionable warnings first (they can still be refunded before a dispute), each group newest first. */
  warnings(q: { actionableOnly: boolean; cursor?: string | null | undefined; limit: number }): Page<WarningRow> {
    const where = ['r.deleted = 0', ...(q.actionableOnly ? ['r.actionable = 1'] : [])];
    const page = keysetPage<JoinedRow & Record<string, unknown>>(this.db, {
      select: joined('early_fraud_warnings', 'actionable'),
      where,
      order: { columns: ['r.actionable', 'r.created', 'r.id'], direction: 'desc' },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    const total = q.cursor ? null : this.count('early_fraud_warnings', where, []);
    return { items: page.rows.map(toWarningRow), nextCursor: page.nextCursor, total };
  }

  warning(id: string): WarningRow | null {
    const row = prepared(this.db, `${joined('early_fraud_warnings', 'actionable')} WHERE r.id = ?`).get(id) as
      | JoinedRow
      | undefined;
    return row ? toWarningRow(row) : null;
  }

  /** Open or closed reviews, newest first. */
  reviews(q: { open: boolean; cursor?: string | null | undefined; limit: number }): Page<ReviewRow> {
    const where = ['r.deleted = 0', 'r.open = ?'];
    const params = [q.open ? 1 : 0];
    const page = keysetPage<JoinedRow & Record<string, unknown>>(this.db, {
      select: joined('reviews', 'open'),
      where,
      params,
      order: { columns: ['r.created', 'r.id'], direction: 'desc' },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    const total = q.cursor ? null : this.count('reviews', where, params);
    return { items: page.rows.map(toReviewRow), nextCursor: page.nextCursor, total };
  }

  review(id: string): ReviewRow | null {
    const row = prepared(this.db, `${joined('reviews', 'open')} WHERE r.id = ?`).get(id) as JoinedRow | undefined;
    return row ? toReviewRow(row) : null;
  }

  private count(table: RadarTable, where: string[], params: unknown[]): number {
    return prepared(this.db, `SELECT count(*) FROM ${table} r WHERE ${where.join(' AND ')}`)
      .pluck()
      .get(...params) as number;
  }
}
