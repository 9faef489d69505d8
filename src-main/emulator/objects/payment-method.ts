import type Stripe from 'stripe';
import { billingDetails, type BillingInput, type CardInput } from './common';

export interface PaymentMethodInput {
  id: string;
  created: number;
  livemode: boolean;
  customer: string | null;
  card: CardInput;
  billing: BillingInput;
}

export function buildPaymentMethod(p: PaymentMethodInput): Stripe.PaymentMethod {
  return {
    id: p.id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: billingDetails(p.billing),
    card: {
      brand: p.card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: p.card.cvc_check },
      country: p.card.country,
      display_brand: p.card.brand,
      exp_month: p.card.exp_month,
      exp_year: p.card.exp_year,
      fingerprint: p.card.fingerprint,
      funding: p.card.funding,
      generated_from: null,
      last4: p.card.last4,
      networks: { available: [p.card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: p.created,
    customer: p.customer,
    customer_account: null,
    livemode: p.livemode,
    metadata: {},
    type: 'card',
  } satisfies Stripe.PaymentMethod;
}
