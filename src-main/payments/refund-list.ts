import type { ListCsvExport, Page, RefundListQuery, RefundListRow, Scope } from '../../src-preload/contract';
import { EXPORT_ROW_LIMIT } from '../../src-preload/contract/exports';
import { decimalAmount } from '../../src-preload/contract/money';
import type { CacheStore } from '../cache';
import { allPages, exportFilename, toCsv, type CsvCell } from '../platform/csv';

type RefundFilters = Omit<RefundListQuery, 'scope' | 'cursor' | 'limit'>;

const HEADERS = [
  'id',
  'created_utc',
  'status',
  'amount_minor',
  'amount',
  'currency',
  'reason',
  'failure_reason',
  'charge',
  'payment_intent',
  'customer',
  'email',
  'note',
] as const;

function cells(r: RefundListRow): CsvCell[] {
  return [
    r.id,
    new Date(r.created * 1000).toISOString(),
    r.status ?? '',
    r.amount,
    decimalAmount(r.amount, r.currency),
    r.currency,
    r.reason ?? '',
    r.failureReason ?? '',
    r.chargeId ?? '',
    r.paymentIntentId ?? '',
    r.customerId ?? '',
    r.email ?? '',
    r.note ?? '',
  ];
}

/** The Refunds list: every refund of one account+mode, newest first, pending and failed ones included. */
export class RefundList {
  constructor(private readonly store: CacheStore) {}

  list(q: RefundFilters & { cursor?: string | null | undefined; limit: number }): Page<RefundListRow> {
    return this.store.refunds.list(q);
  }

  /** The list exactly as the view filters it, as CSV. */
  csv(filters: RefundFilters, scope: Scope, nowMs: number): ListCsvExport {
    const { rows, truncated } = allPages((cursor) => this.list({ ...filters, cursor, limit: 500 }), EXPORT_ROW_LIMIT);
    return {
      filename: exportFilename('refunds', scope.accountId, scope.mode, nowMs),
      csv: toCsv(HEADERS, rows.map(cells)),
      rows: rows.length,
      truncated,
    };
  }
}
