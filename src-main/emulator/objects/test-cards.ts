import type { ChargeFailure } from './charge';

/** Stripe's test card behaviours, keyed by last4 (the same numbers work in the generated data). */
export const DECLINES: Record<string, ChargeFailure> = {
  '0002': { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
  '9995': { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  '0069': { code: 'expired_card', declineCode: 'expired_card', message: 'Your card has expired.' },
  '0127': { code: 'incorrect_cvc', declineCode: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  '9979': { code: 'card_declined', declineCode: 'stolen_card', message: 'Your card was declined.' },
  '0019': { code: 'card_declined', declineCode: 'fraudulent', message: 'Your card was declined.' },
  // Stripe's 4000002760003184: every charge needs 3-D Secure, so an off-session one is declined.
  '3184': {
    code: 'authentication_required',
    declineCode: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  },
};

/** Refunds of charges made with these cards do not succeed at once (see docs/README in the emulator). */
export const REFUND_BEHAVIOURS: Record<string, 'pending' | 'requires_action'> = {
  '7726': 'pending',
  '5126': 'requires_action',
};

export interface TestCard {
  brand: string;
  last4: string;
  country: string;
  funding: string;
}

/** `pm_card_*` shortcuts accepted by confirm, like Stripe's test payment methods. */
export const TEST_PAYMENT_METHODS: Record<string, TestCard> = {
  pm_card_visa: { brand: 'visa', last4: '4242', country: 'US', funding: 'credit' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', country: 'US', funding: 'credit' },
  pm_card_amex: { brand: 'amex', last4: '8431', country: 'US', funding: 'credit' },
  pm_card_visa_debit: { brand: 'visa', last4: '5556', country: 'US', funding: 'debit' },
  pm_card_jp: { brand: 'jcb', last4: '0000', country: 'JP', funding: 'credit' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', country: 'US', funding: 'credit' },
  pm_card_chargeDeclinedInsufficientFunds: { brand: 'visa', last4: '9995', country: 'US', funding: 'credit' },
  pm_card_chargeDeclinedExpiredCard: { brand: 'visa', last4: '0069', country: 'US', funding: 'credit' },
  pm_card_chargeDeclinedIncorrectCvc: { brand: 'visa', last4: '0127', country: 'US', funding: 'credit' },
  pm_card_chargeDeclinedFraudulent: { brand: 'visa', last4: '0019', country: 'US', funding: 'credit' },
  pm_card_authenticationRequired: { brand: 'visa', last4: '3184', country: 'US', funding: 'credit' },
  pm_card_refundPending: { brand: 'visa', last4: '7726', country: 'US', funding: 'credit' },
  pm_card_refundRequiresAction: { brand: 'visa', last4: '5126', country: 'US', funding: 'credit' },
};
