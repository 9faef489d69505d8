import Papa from 'papaparse';
import type { PayoutDetail } from '../../src-preload/contract';
import { decimalAmount } from '../../src-preload/contract/money';

const HEADERS = [
  'payout_id',
  'balance_transaction_id',
  'type',
  'reporting_category',
  'source',
  'created_utc',
  'currency',
  'amount_minor',
  'fee_minor',
  'net_minor',
  'amount',
  'fee',
  'net',
  'description',
] as const;

/** A cell such as "=HYPERLINK(…)" must not run in a spreadsheet; plain negative numbers stay numbers. */
const FORMULA = /^(?:[=+@\t\r]|-(?!\d+(?:\.\d+)?$))/;

/** What a payout settled, for reconciliation: one row per balance transaction, exact minor units and decimals. */
export function payoutCsv(detail: PayoutDetail): { csv: string; rows: number } {
  const data = detail.transactions.map((t) => [
    detail.payout.id,
    t.id,
    t.type,
    t.category,
    t.source ?? '',
    new Date(t.created * 1000).toISOString(),
    t.currency,
    t.amount,
    t.fee,
    t.net,
    decimalAmount(t.amount, t.currency),
    decimalAmount(t.fee, t.currency),
    decimalAmount(t.net, t.currency),
    t.description ?? '',
  ]);
  const csv = Papa.unparse({ fields: [...HEADERS], data }, { escapeFormulae: FORMULA, newline: '\r\n' });
  return { csv, rows: data.length };
}
