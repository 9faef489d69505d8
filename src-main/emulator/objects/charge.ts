import type Stripe from 'stripe';
import { billingDetails, type BillingInput, type CardInput } from './common';

export type RiskLevel = 'normal' | 'elevated' | 'highest';

export interface ChargeFailure {
  code: string;
  declineCode: string;
  message: string;
}

export interface ChargeInput {
  id: string;
  created: number;
  livemode: boolean;
  amount: number;
  currency: string;
  customer: string | null;
  paymentIntent: string | null;
  paymentMethod: string;
  card: CardInput;
  billing: BillingInput;
  description: string | null;
  /** Undefined for a successful authorisation. */
  failure?: ChargeFailure;
  captured: boolean;
  balanceTransaction: string | null;
  riskLevel: RiskLevel;
  riskScore: number;
  receiptEmail: string | null;
  metadata: Record<string, string>;
}

function outcome(c: ChargeInput): Stripe.Charge.Outcome {
  const base = {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    risk_level: c.riskLevel,
    risk_score: c.riskScore,
  };
  if (c.failure) {
    const blocked = c.failure.declineCode === 'fraudulent' && c.riskLevel === 'highest';
    return {
      ...base,
      network_status: blocked ? 'not_sent_to_network' : 'declined_by_network',
      reason: blocked ? 'highest_risk_level' : c.failure.declineCode,
      seller_message: blocked
        ? 'Stripe blocked this payment as too risky.'
        : 'The bank did not return any further details with this decline.',
      type: blocked ? 'blocked' : 'issuer_declined',
    };
  }
  return {
    ...base,
    network_status: 'approved_by_network',
    reason: c.riskLevel === 'elevated' ? 'elevated_risk_level' : null,
    seller_message: 'Payment complete.',
    type: c.riskLevel === 'normal' ? 'authorized' : 'manual_review',
  };
}

export function buildCharge(c: ChargeInput): Stripe.Charge {
  const succeeded = c.failure === undefined;
  return {
    id: c.id,
    object: 'charge',
    amount: c.amount,
    amount_captured: succeeded && c.captured ? c.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: c.balanceTransaction,
    billing_details: billingDetails(c.billing),
    calculated_statement_descriptor: 'STRIPE CONSOLE DEMO',
    captured: succeeded && c.captured,
    created: c.created,
    currency: c.currency,
    customer: c.customer,
    description: c.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: c.failure?.code ?? null,
    failure_message: c.failure?.message ?? null,
    fraud_details: {},
    livemode: c.livemode,
    metadata: c.metadata,
    on_behalf_of: null,
    outcome: outcome(c),
    paid: succeeded,
    payment_intent: c.paymentIntent,
    payment_method: c.paymentMethod,
    payment_method_details: {
      card: {
        amount_authorized: succeeded ? c.amount : null,
        authorization_code: succeeded ? String(100000 + ((c.riskScore * 7919) % 900000)) : null,
        brand: c.card.brand,
        capture_before: succeeded && !c.captured ? c.created + 7 * 86400 : undefined,
        checks: { address_line1_check: 'pass', address_postal_code_check: 'pass', cvc_check: c.card.cvc_check },
        country: c.card.country,
        electronic_commerce_indicator: null,
        exp_month: c.card.exp_month,
        exp_year: c.card.exp_year,
        extended_authorization: { status: 'disabled' },
        fingerprint: c.card.fingerprint,
        funding: c.card.funding,
        incremental_authorization: { status: 'unavailable' },
        installments: null,
        last4: c.card.last4,
        mandate: null,
        multicapture: { status: 'unavailable' },
        network: c.card.brand,
        network_token: { used: false },
        network_transaction_id: succeeded ? c.id.slice(-15).toUpperCase() : null,
        overcapture: { maximum_amount_capturable: c.amount, status: 'unavailable' },
        regulated_status: 'unregulated',
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: c.receiptEmail,
    receipt_number: null,
    receipt_url: succeeded ? `https://pay.stripe.com/receipts/payment/${c.id}` : null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: succeeded ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  } satisfies Stripe.Charge;
}
