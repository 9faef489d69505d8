import type Stripe from 'stripe';

export interface PayoutInput {
  id: string;
  created: number;
  livemode: boolean;
  amount: number;
  currency: string;
  arrivalDate: number;
  status: 'paid' | 'pending' | 'in_transit' | 'failed' | 'canceled';
  balanceTransaction: string;
  failure: { code: string; message: string; balanceTransaction: string } | null;
  destination: string;
}

/** An automatic payout of the available balance to the account's bank account. */
export function buildPayout(p: PayoutInput): Stripe.Payout {
  return {
    id: p.id,
    object: 'payout',
    amount: p.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: p.arrivalDate,
    automatic: true,
    balance_transaction: p.balanceTransaction,
    created: p.created,
    currency: p.currency,
    description: 'STRIPE PAYOUT',
    destination: p.destination,
    failure_balance_transaction: p.failure?.balanceTransaction ?? null,
    failure_code: p.failure?.code ?? null,
    failure_message: p.failure?.message ?? null,
    livemode: p.livemode,
    metadata: {},
    method: 'standard',
    original_payout: null,
    payout_method: null,
    reconciliation_status: p.status === 'paid' ? 'completed' : 'not_applicable',
    reversed_by: null,
    source_type: 'card',
    statement_descriptor: null,
    status: p.status,
    trace_id: null,
    type: 'bank_account',
  } satisfies Stripe.Payout;
}
