import type { PayoutDetail, SettledTransaction } from '../../src-preload/contract';
import { toPayoutRow } from '../cache/rows/payout-rows';
import { idOf, int, str, type Json } from '../stripe/stripe-json';

export function toSettledTransaction(t: Json): SettledTransaction {
  return {
    id: str(t.id) ?? '',
    type: str(t.type) ?? 'adjustment',
    category: str(t.reporting_category) ?? str(t.type) ?? '',
    source: idOf(t.source),
    description: str(t.description),
    created: int(t.created) ?? 0,
    amount: int(t.amount) ?? 0,
    fee: int(t.fee) ?? 0,
    net: int(t.net) ?? 0,
    currency: str(t.currency) ?? 'usd',
  };
}

/**
 * A payout with what it settled. Its own `payout` transaction is left out (it is the payout itself); the rest
 * must net to the payout's amount. Currencies are never mixed: only the payout's currency is summed.
 */
export function payoutDetail(payout: Json, transactions: Json[]): PayoutDetail {
  const row = toPayoutRow(payout);
  const settled = transactions.map(toSettledTransaction).filter((t) => t.type !== 'payout');
  const same = settled.filter((t) => t.currency === row.currency);
  const totals = {
    amount: same.reduce((sum, t) => sum + t.amount, 0),
    fee: same.reduce((sum, t) => sum + t.fee, 0),
    net: same.reduce((sum, t) => sum + t.net, 0),
  };
  return { payout: row, transactions: settled, totals, addsUp: totals.net === row.amount };
}
