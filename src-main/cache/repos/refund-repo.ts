import type Database from 'better-sqlite3';
import type { Page, RefundListQuery, RefundListRow } from '../../../src-preload/contract';
import { parse } from '../../stripe/stripe-json';
import { keysetPage, prepared } from '../keyset';
import { toRefundRow } from '../rows/refund-rows';

type RefundFilters = Omit<RefundListQuery, 'scope' | 'cursor' | 'limit'>;

interface JoinedRow {
  id: string;
  created: number;
  data: string;
  customer: string | null;
  email: string | null;
}

/** A refund with its charge's customer and that customer's email. */
const JOINED_SELECT = `SELECT r.id AS id, r.created AS created, r.data AS data, ch.customer AS customer,
    (SELECT c.email FROM customers c WHERE c.id = ch.customer) AS email
  FROM refunds r LEFT JOIN charges ch ON ch.id = r.charge`;

/** Every refund in one account+mode's cache, newest first, for the Refunds list. */
export class RefundRepo {
  constructor(private readonly db: Database.Database) {}

  list(q: RefundFilters & { cursor?: string | null | undefined; limit: number }): Page<RefundListRow> {
    const { where, params } = filterSql(q);
    const page = keysetPage<JoinedRow & Record<string, unknown>>(this.db, {
      select: JOINED_SELECT,
      where: ['r.deleted = 0', ...where],
      params,
      order: { columns: ['r.created', 'r.id'], direction: 'desc' },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    const total = q.cursor
      ? null
      : (prepared(
          this.db,
          `SELECT count(*) FROM refunds r LEFT JOIN charges ch ON ch.id = r.charge WHERE ${['r.deleted = 0', ...where].join(' AND ')}`,
        )
          .pluck()
          .get(...params) as number);
    return {
      items: page.rows.map((row) => ({ ...toRefundRow(parse(row.data)), customerId: row.customer, email: row.email })),
      nextCursor: page.nextCursor,
      total,
    };
  }
}

/** Status, time and the typed text (a refund, payment or charge id, or the customer's email, as a prefix). */
function filterSql(q: RefundFilters): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.statuses?.length) {
    where.push(`r.status IN (${q.statuses.map(() => '?').join(', ')})`);
    params.push(...q.statuses);
  }
  if (q.createdFrom !== undefined) {
    where.push('r.created >= ?');
    params.push(q.createdFrom);
  }
  if (q.createdTo !== undefined) {
    where.push('r.created < ?');
    params.push(q.createdTo);
  }
  const text = q.query?.trim();
  if (text) {
    // GLOB: a case-sensitive prefix for ids (no LIKE wildcards to escape); emails compare lower-cased.
    const prefix = `${text.replace(/[*?[\]]/g, '')}*`;
    where.push(
      `(r.id GLOB ? OR r.charge GLOB ? OR r.payment_intent GLOB ? OR lower((SELECT c.email FROM customers c WHERE c.id = ch.customer)) GLOB ?)`,
    );
    params.push(prefix, prefix, prefix, prefix.toLowerCase());
  }
  return { where, params };
}
