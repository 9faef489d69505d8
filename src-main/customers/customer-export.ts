import Papa from 'papaparse';
import type { CustomerExport } from '../../src-preload/contract';
import type { CustomerRecords } from '../cache';

const HEADERS = ['table', 'id', 'created_utc', 'object', 'data_json'] as const;

/**
 * A data-subject export of everything cached about one customer: JSON grouped by table, and CSV with one row per
 * object (its full JSON in the last column, so nothing is left out). Spreadsheet formulae are escaped.
 */
export function exportCustomer(customerId: string, records: CustomerRecords, now: Date): CustomerExport {
  const grouped: Record<string, unknown[]> = {};
  const rows: string[][] = [];
  const counts: Record<string, number> = {};
  for (const [table, list] of Object.entries(records)) {
    grouped[table] = list.map((r) => JSON.parse(r.data) as unknown);
    counts[table] = list.length;
    for (const r of list) {
      const object = JSON.parse(r.data) as { created?: unknown; object?: unknown };
      const created = typeof object.created === 'number' ? new Date(object.created * 1000).toISOString() : '';
      rows.push([table, r.id, created, typeof object.object === 'string' ? object.object : '', r.data]);
    }
  }
  const stamp = now.toISOString();
  return {
    filename: `customer-${customerId}-${stamp.slice(0, 10)}`,
    json: JSON.stringify({ customerId, exportedAt: stamp, source: 'local cache', records: grouped }, null, 2),
    csv: Papa.unparse({ fields: [...HEADERS], data: rows }, { escapeFormulae: true, newline: '\r\n' }),
    counts,
  };
}
