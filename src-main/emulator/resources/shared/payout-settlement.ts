import type Stripe from 'stripe';
import type { RawCondition } from '../../store/object-store';
import type { ObjectStore } from '../../store/object-store';
import type { Mode } from '../../store/types';

const MODE_CODE: Record<Mode, number> = { test: 0, live: 1 };

/**
 * Which balance transactions an automatic payout settled: those of its currency that became available after the
 * previous payout in that currency was made and up to this one, plus the payout's own transaction. Derived from
 * the objects themselves (Stripe's balance transactions carry no payout field), so generator and API agree.
 */
export function settlementConditions(store: ObjectStore, mode: Mode, payout: Stripe.Payout): RawCondition[] {
  const previous = store.db
    .prepare(
      `SELECT max(created) FROM objects WHERE mode = ? AND type = 'payout' AND created < ?
       AND json_extract(json, '$.currency') = ?`,
    )
    .pluck()
    .get(MODE_CODE[mode], payout.created, payout.currency) as number | null;
  return [
    {
      sql: `(status != 'payout' AND json_extract(json, '$.currency') = ?
             AND json_extract(json, '$.available_on') > ? AND json_extract(json, '$.available_on') <= ?)
            OR id = ?`,
      params: [payout.currency, previous ?? 0, payout.created, payout.balance_transaction],
    },
  ];
}
