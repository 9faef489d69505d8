import type { Page, ReviewRow, WarningRow } from '../../src-preload/contract';
import { keysetPage } from '../cache/keyset';
import type { CacheStore } from '../cache';
import { toReviewRow, toWarningRow, type JoinedRow } from './radar-rows';

/** `<table> r` joined with its charge and that charge's customer. */
const joined = (table: 'early_fraud_warnings' | 'reviews', flag: 'actionable' | 'open') =>
  `SELECT r.id AS id, r.created AS created, r.${flag} AS ${flag}, r.data AS data, c.data AS charge_data,
          cu.id AS customer_id, cu.name AS customer_name, cu.email AS customer_email
   FROM ${table} r
   LEFT JOIN charges c ON c.id = r.charge AND c.deleted = 0
   LEFT JOIN customers cu ON cu.id = c.customer AND cu.deleted = 0`;

/** Radar's queues, read from one account+mode's cache. */
export class RadarQueries {
  constructor(private readonly store: CacheStore) {}

  /** Actionable warnings first (they can still be refunded before a dispute), each group newest first. */
  warnings(q: { actionableOnly: boolean; cursor?: string | null | undefined; limit: number }): Page<WarningRow> {
    const where = ['r.deleted = 0', ...(q.actionableOnly ? ['r.actionable = 1'] : [])];
    const page = keysetPage<JoinedRow & Record<string, unknown>>(this.store.db, {
      select: joined('early_fraud_warnings', 'actionable'),
      where,
      order: { columns: ['r.actionable', 'r.created', 'r.id'], direction: 'desc' },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    const total = q.cursor ? null : this.count('early_fraud_warnings', where);
    return { items: page.rows.map(toWarningRow), nextCursor: page.nextCursor, total };
  }

  warning(id: string): WarningRow | null {
    const row = this.store.db.prepare(`${joined('early_fraud_warnings', 'actionable')} WHERE r.id = ?`).get(id) as
      JoinedRow | undefined;
    return row ? toWarningRow(row) : null;
  }

  reviews(q: { open: boolean; cursor?: string | null | undefined; limit: number }): Page<ReviewRow> {
    const where = ['r.deleted = 0', `r.open = ${q.open ? 1 : 0}`];
    const page = keysetPage<JoinedRow & Record<string, unknown>>(this.store.db, {
      select: joined('reviews', 'open'),
      where,
      order: { columns: ['r.created', 'r.id'], direction: 'desc' },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    const total = q.cursor ? null : this.count('reviews', where);
    return { items: page.rows.map(toReviewRow), nextCursor: page.nextCursor, total };
  }

  review(id: string): ReviewRow | null {
    const row = this.store.db.prepare(`${joined('reviews', 'open')} WHERE r.id = ?`).get(id) as JoinedRow | undefined;
    return row ? toReviewRow(row) : null;
  }

  private count(table: string, where: string[]): number {
    return this.store.db
      .prepare(`SELECT count(*) FROM ${table} r WHERE ${where.join(' AND ')}`)
      .pluck()
      .get() as number;
  }
}
