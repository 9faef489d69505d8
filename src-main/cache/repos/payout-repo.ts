import type Database from 'better-sqlite3';
import type { Page, PayoutRow } from '../../../src-preload/contract';
import { parse } from '../../stripe/stripe-json';
import { keysetPage, prepared } from '../keyset';
import { toPayoutRow } from '../rows/payout-rows';

/** The payouts table of one cache. */
export class PayoutRepo {
  constructor(private readonly db: Database.Database) {}

  /** Newest first; the total comes with the first page only. */
  page(q: { cursor?: string | null | undefined; limit: number }): Page<PayoutRow> {
    const page = keysetPage<{ id: string; created: number; data: string }>(this.db, {
      select: 'SELECT id, created, data FROM payouts',
      where: ['deleted = 0'],
      order: { columns: ['created', 'id'], direction: 'desc' },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    const total = q.cursor
      ? null
      : (prepared(this.db, 'SELECT count(*) FROM payouts WHERE deleted = 0').pluck().get() as number);
    return { items: page.rows.map((r) => toPayoutRow(parse(r.data))), nextCursor: page.nextCursor, total };
  }
}
