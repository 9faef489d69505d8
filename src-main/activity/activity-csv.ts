import Papa from 'papaparse';
import type { ActivityEntry } from '../../src-preload/contract';
import { decimalAmount } from '../../src-preload/contract/money';
import { FORMULA } from '../platform/csv';

const HEADERS = [
  'time_utc',
  'agent',
  'account',
  'mode',
  'action',
  'object_id',
  'result_id',
  'amount_minor',
  'amount',
  'currency',
  'outcome',
  'detail',
  'stripe_request_id',
] as const;

/** The Activity log as CSV for finance: one row per entry, amounts both in minor units and as an exact decimal. */
export class ActivityCsv {
  static readonly headers = HEADERS;

  static build(entries: Iterable<ActivityEntry>): { csv: string; rows: number } {
    const data: (string | number)[][] = [];
    for (const entry of entries) data.push(ActivityCsv.row(entry));
    const csv = Papa.unparse({ fields: [...HEADERS], data }, { escapeFormulae: FORMULA, newline: '\r\n' });
    return { csv, rows: data.length };
  }

  static filename(accountId: string, mode: string, now: Date): string {
    return `activity-${accountId}-${mode}-${now.toISOString().slice(0, 10)}.csv`;
  }

  private static row(e: ActivityEntry): (string | number)[] {
    const hasMoney = e.amount !== null && e.currency !== null;
    return [
      new Date(e.at * 1000).toISOString(),
      e.agent,
      e.accountId,
      e.mode,
      e.action,
      e.objectId,
      e.resultId ?? '',
      hasMoney ? e.amount! : '',
      hasMoney ? decimalAmount(e.amount!, e.currency!) : '',
      e.currency?.toUpperCase() ?? '',
      e.outcome,
      e.detail ?? '',
      e.requestId ?? '',
    ];
  }
}
