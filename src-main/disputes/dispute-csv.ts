import Papa from 'papaparse';
import type { DisputeRow } from '../../src-preload/contract/disputes';
import { decimalAmount } from '../../src-preload/contract/money';

const HEADERS = [
  'dispute_id',
  'status',
  'reason',
  'amount_minor',
  'amount',
  'currency',
  'due_by_utc',
  'created_utc',
  'charge_id',
  'customer_id',
  'customer_email',
  'customer_name',
  'has_evidence',
  'submission_count',
  'review',
] as const;

/** A cell starting like a formula ("=HYPERLINK(…)" in a customer name) must not run in a spreadsheet. */
const FORMULA = /^[=+\-@\t\r]/;

/** The dispute queue as CSV: amounts both in minor units and as an exact decimal, never summed across currencies. */
export function disputesCsv(rows: readonly DisputeRow[]): string {
  const data = rows.map((r) => [
    r.id,
    r.status,
    r.reason,
    r.amount,
    decimalAmount(r.amount, r.currency),
    r.currency.toUpperCase(),
    isoTime(r.dueBy),
    isoTime(r.created),
    r.charge ?? '',
    r.customer?.id ?? '',
    cell(r.customer?.email ?? ''),
    cell(r.customer?.name ?? ''),
    r.hasEvidence ? 'yes' : 'no',
    r.submissionCount,
    r.review,
  ]);
  return Papa.unparse({ fields: [...HEADERS], data }, { newline: '\r\n' });
}

export const DISPUTES_CSV_HEADERS = HEADERS;

function isoTime(seconds: number | null): string {
  return seconds ? new Date(seconds * 1000).toISOString() : '';
}

function cell(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}
