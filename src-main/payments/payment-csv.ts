import type { ListCsvExport, PaymentRow, Scope } from '../../src-preload/contract';
import { EXPORT_ROW_LIMIT } from '../../src-preload/contract/exports';
import { decimalAmount } from '../../src-preload/contract/money';
import { allPages, exportFilename, toCsv, type CsvCell } from '../platform/csv';
import type { PaymentListQuery } from '../cache';
import type { PaymentQueries } from './payment-queries';

const HEADERS = [
  'id',
  'created_utc',
  'status',
  'amount_minor',
  'amount',
  'currency',
  'amount_refunded_minor',
  'refund_state',
  'dispute_status',
  'customer',
  'email',
  'card_brand',
  'card_last4',
  'decline_code',
  'description',
] as const;

function cells(p: PaymentRow): CsvCell[] {
  return [
    p.id,
    new Date(p.created * 1000).toISOString(),
    p.status,
    p.amount,
    decimalAmount(p.amount, p.currency),
    p.currency,
    p.amountRefunded,
    p.refundState,
    p.disputeStatus ?? '',
    p.customerId ?? '',
    p.email ?? '',
    p.cardBrand ?? '',
    p.cardLast4 ?? '',
    p.failure?.declineCode ?? '',
    p.description ?? '',
  ];
}

/** The payments list exactly as the view pages it (same search and filters), as CSV. */
export function paymentsCsv(
  queries: PaymentQueries,
  filters: Omit<PaymentListQuery, 'cursor' | 'limit'>,
  scope: Scope,
  nowMs: number,
): ListCsvExport {
  const { rows, truncated } = allPages((cursor) => queries.list({ ...filters, cursor, limit: 500 }), EXPORT_ROW_LIMIT);
  return {
    filename: exportFilename('payments', scope.accountId, scope.mode, nowMs),
    csv: toCsv(HEADERS, rows.map(cells)),
    rows: rows.length,
    truncated,
  };
}
