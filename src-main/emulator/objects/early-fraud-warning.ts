import type Stripe from 'stripe';

/** The card networks' fraud categories Stripe passes on in `fraud_type`. */
export const FRAUD_TYPES = [
  'card_never_received',
  'fraudulent_card_application',
  'made_with_counterfeit_card',
  'made_with_lost_card',
  'made_with_stolen_card',
  'misc',
  'unauthorized_use_of_card',
] as const;

export interface EarlyFraudWarningInput {
  id: string;
  created: number;
  livemode: boolean;
  charge: string;
  paymentIntent: string | null;
  fraudType: (typeof FRAUD_TYPES)[number];
  /** False once the charge is fully refunded or disputed: nothing left to prevent. */
  actionable: boolean;
}

export function buildEarlyFraudWarning(w: EarlyFraudWarningInput): Stripe.Radar.EarlyFraudWarning {
  return {
    id: w.id,
    object: 'radar.early_fraud_warning',
    actionable: w.actionable,
    charge: w.charge,
    created: w.created,
    fraud_type: w.fraudType,
    livemode: w.livemode,
    ...(w.paymentIntent ? { payment_intent: w.paymentIntent } : {}),
  } satisfies Stripe.Radar.EarlyFraudWarning;
}
