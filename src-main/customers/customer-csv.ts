import type { CustomerRow, ListCsvExport, Scope } from '../../src-preload/contract';
import { EXPORT_ROW_LIMIT } from '../../src-preload/contract/exports';
import { decimalAmount } from '../../src-preload/contract/money';
import { allPages, exportFilename, toCsv, type CsvCell } from '../platform/csv';
import type { CustomerSearch } from '../cache';
import type { CustomerQueries } from './customer-queries';

const HEADERS = [
  'id',
  'email',
  'name',
  'phone',
  'created_utc',
  'currency',
  'balance_minor',
  'balance',
  'delinquent',
  'card_last4s',
] as const;

function cells(c: CustomerRow): CsvCell[] {
  const money = c.balance !== null && c.currency ? [c.balance, decimalAmount(c.balance, c.currency)] : ['', ''];
  return [
    c.id,
    c.email ?? '',
    c.name ?? '',
    c.phone ?? '',
    new Date(c.created * 1000).toISOString(),
    c.currency ?? '',
    ...money,
    c.delinquent ? 'true' : 'false',
    c.cardLast4s.join(' '),
  ];
}

/** The customers list exactly as the view pages it (same search, filters and order), as CSV. */
export function customersCsv(
  queries: CustomerQueries,
  search: Omit<CustomerSearch, 'cursor' | 'limit'>,
  scope: Scope,
  nowMs: number,
): ListCsvExport {
  const { rows, truncated } = allPages((cursor) => queries.search({ ...search, cursor, limit: 500 }), EXPORT_ROW_LIMIT);
  return {
    filename: exportFilename('customers', scope.accountId, scope.mode, nowMs),
    csv: toCsv(HEADERS, rows.map(cells)),
    rows: rows.length,
    truncated,
  };
}
