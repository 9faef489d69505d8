import Papa from 'papaparse';
import type { Page } from '../../src-preload/contract';

export type CsvCell = string | number;

/** A cell such as "=HYPERLINK(…)" in a Stripe message must not run in a spreadsheet; plain negative numbers stay numbers. */
export const FORMULA = /^(?:[=+@\t\r]|-(?!\d+(?:\.\d+)?$))/;

/** RFC 4180 CSV (CRLF) with formulas neutralised. */
export function toCsv(headers: readonly string[], rows: CsvCell[][]): string {
  return Papa.unparse({ fields: [...headers], data: rows }, { escapeFormulae: FORMULA, newline: '\r\n' });
}

/** Follows a keyset-paged query to its end or to `limit` rows; `truncated` says more matched. */
export function allPages<T>(
  page: (cursor: string | null) => Page<T>,
  limit: number,
): { rows: T[]; truncated: boolean } {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const next = page(cursor);
    for (const row of next.items) {
      if (rows.length === limit) return { rows, truncated: true };
      rows.push(row);
    }
    cursor = next.nextCursor;
  } while (cursor);
  return { rows, truncated: false };
}

/** "customers-acct_x-test-2026-12-01.csv" */
export function exportFilename(kind: string, accountId: string, mode: string, nowMs: number): string {
  return `${kind}-${accountId}-${mode}-${new Date(nowMs).toISOString().slice(0, 10)}.csv`;
}
