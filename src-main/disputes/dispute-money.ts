import type Stripe from 'stripe';
import type { DisputeMoneyMovement } from '../../src-preload/contract';

/**
 * The money a dispute moved, from its balance transactions: the debit when it opened (amount and dispute fee
 * withdrawn) and any reversal when the bank sided with the business. Oldest first.
 */
export function disputeMoneyMovements(dispute: Stripe.Dispute): DisputeMoneyMovement[] {
  return (dispute.balance_transactions ?? [])
    .filter((t): t is Stripe.BalanceTransaction => typeof t === 'object' && t !== null)
    .map((t) => ({
      id: t.id,
      kind: t.amount < 0 ? ('debit' as const) : ('reversal' as const),
      amount: t.amount,
      fee: t.fee,
      net: t.net,
      currency: t.currency,
      created: t.created,
    }))
    .sort((a, b) => a.created - b.created);
}
