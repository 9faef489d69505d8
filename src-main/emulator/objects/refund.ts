import type Stripe from 'stripe';

export type RefundStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';
export const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

export interface RefundInput {
  id: string;
  created: number;
  amount: number;
  currency: string;
  charge: string;
  paymentIntent: string | null;
  customer: string | null;
  paymentMethod: string | null;
  reason: Stripe.Refund.Reason | null;
  status: RefundStatus;
  balanceTransaction: string | null;
  metadata: Record<string, string>;
}

/** The fields a refund takes from the charge it refunds. */
export function refundedCharge(
  charge: Stripe.Charge,
): Pick<RefundInput, 'currency' | 'charge' | 'paymentIntent' | 'customer' | 'paymentMethod'> {
  return {
    currency: charge.currency,
    charge: charge.id,
    paymentIntent: typeof charge.payment_intent === 'string' ? charge.payment_intent : null,
    customer: typeof charge.customer === 'string' ? charge.customer : null,
    paymentMethod: charge.payment_method,
  };
}

export function buildRefund(r: RefundInput): Stripe.Refund {
  return {
    id: r.id,
    object: 'refund',
    amount: r.amount,
    balance_transaction: r.balanceTransaction,
    charge: r.charge,
    created: r.created,
    currency: r.currency,
    customer: r.customer,
    customer_account: null,
    destination_details: {
      card: {
        reference_status: r.status === 'succeeded' ? 'available' : 'pending',
        reference_type: 'acquirer_reference_number',
        reference: r.status === 'succeeded' ? r.id.slice(-12).toUpperCase() : undefined,
        type: 'refund',
      },
      type: 'card',
    },
    metadata: r.metadata,
    payment_intent: r.paymentIntent,
    payment_method: r.paymentMethod,
    reason: r.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: r.status,
    transfer_reversal: null,
    ...(r.status === 'pending' ? { pending_reason: 'insufficient_funds' as const } : {}),
    ...(r.status === 'failed' ? { failure_reason: 'expired_or_canceled_card' } : {}),
  } satisfies Stripe.Refund;
}
