import type Stripe from 'stripe';
import type { ChargeFailure } from './charge';

export interface PaymentIntentInput {
  id: string;
  created: number;
  livemode: boolean;
  amount: number;
  currency: string;
  customer: string | null;
  paymentMethod: string | null;
  status: Stripe.PaymentIntent.Status;
  captureMethod: 'automatic' | 'manual';
  latestCharge: string | null;
  description: string | null;
  failure?: ChargeFailure & { charge: string | null };
  canceledAt: number | null;
  cancellationReason: Stripe.PaymentIntent.CancellationReason | null;
  receiptEmail: string | null;
  metadata: Record<string, string>;
  clientSecretSuffix: string;
}

export function buildPaymentIntent(p: PaymentIntentInput): Stripe.PaymentIntent {
  return {
    id: p.id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: p.amount,
    amount_capturable: p.status === 'requires_capture' ? p.amount : 0,
    amount_details: { tip: {} },
    amount_received: p.status === 'succeeded' ? p.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: { allow_redirects: 'always', enabled: true },
    canceled_at: p.canceledAt,
    cancellation_reason: p.cancellationReason,
    capture_method: p.captureMethod,
    client_secret: `${p.id}_secret_${p.clientSecretSuffix}`,
    confirmation_method: 'automatic',
    created: p.created,
    currency: p.currency,
    customer: p.customer,
    customer_account: null,
    description: p.description,
    excluded_payment_method_types: null,
    last_payment_error: p.failure
      ? {
          charge: p.failure.charge ?? undefined,
          code: p.failure.code,
          decline_code: p.failure.declineCode,
          doc_url: `https://stripe.com/docs/error-codes/${p.failure.code.replace(/_/g, '-')}`,
          message: p.failure.message,
          type: 'card_error',
        }
      : null,
    latest_charge: p.latestCharge,
    livemode: p.livemode,
    managed_payments: null,
    metadata: p.metadata,
    next_action: p.status === 'requires_action' ? { type: 'use_stripe_sdk', use_stripe_sdk: {} } : null,
    on_behalf_of: null,
    payment_method: p.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: ['card'],
    payment_record: null,
    processing: p.status === 'processing' ? { type: 'card', card: {} } : null,
    receipt_email: p.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: p.status,
    transfer_data: null,
    transfer_group: null,
  } satisfies Stripe.PaymentIntent;
}
