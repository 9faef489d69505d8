import type Stripe from 'stripe';

export interface BalanceTransactionInput {
  id: string;
  created: number;
  amount: number;
  currency: string;
  source: string;
  type: 'charge' | 'refund' | 'adjustment' | 'payout' | 'payout_failure';
  description: string | null;
  /** A fee other than the card pricing, e.g. Stripe's dispute fee on a chargeback. */
  fee?: { amount: number; description: string };
  /** Whether the funds have settled by "now". */
  available: boolean;
}

/** Stripe's standard card pricing, roughly: 2.9% + 30 minor units on charges, no fee on refunds. */
function stripeFee(amount: number, type: BalanceTransactionInput['type']): number {
  return type === 'charge' ? Math.round(amount * 0.029) + 30 : 0;
}

/** Stripe's reporting categories: a chargeback debit is `dispute`, money coming back is `dispute_reversal`. */
function reportingCategory(b: BalanceTransactionInput): string {
  if (b.type === 'adjustment') return b.amount < 0 ? 'dispute' : 'dispute_reversal';
  if (b.type === 'payout_failure') return 'payout_reversal';
  return b.type;
}

export function buildBalanceTransaction(b: BalanceTransactionInput): Stripe.BalanceTransaction {
  const fee = b.fee?.amount ?? stripeFee(b.amount, b.type);
  const category = reportingCategory(b);
  return {
    id: b.id,
    object: 'balance_transaction',
    amount: b.amount,
    available_on: b.created + 2 * 86400,
    balance_type: 'payments',
    created: b.created,
    currency: b.currency,
    description: b.description,
    exchange_rate: null,
    fee,
    fee_details:
      fee > 0
        ? [
            {
              amount: fee,
              application: null,
              currency: b.currency,
              description: b.fee?.description ?? 'Stripe processing fees',
              type: 'stripe_fee',
            },
          ]
        : [],
    net: b.amount - fee,
    reporting_category: category,
    source: b.source,
    status: b.available ? 'available' : 'pending',
    type: b.type,
  } satisfies Stripe.BalanceTransaction;
}
