/**
 * Stripe's enum values (statuses, reasons, event types, decline codes) in words for people. The raw value stays
 * available: callers show it on hover (`title`) and in inspectors, so an agent can still quote it to Stripe.
 * Views never turn a code into words themselves (no `replaceAll('_', ' ')`): test/ui/labels.test.ts checks every
 * enum the contract lists, and that no view humanises on its own.
 */
import type { BalanceCategory, PayoutFailureCode, PayoutStatus } from '../../src-preload/contract/balance';
import type { FraudType, ReviewReason, RiskLevel } from '../../src-preload/contract/radar';

/** Values whose words differ from the value itself; everything else is derived by `sentence()`. */
const WORDS: Record<string, string> = {
  // PaymentIntent
  requires_payment_method: 'Needs payment method',
  requires_confirmation: 'Needs confirmation',
  requires_action: 'Needs customer action',
  requires_capture: 'Uncaptured',
  // Disputes
  warning_needs_response: 'Inquiry — respond',
  warning_under_review: 'Inquiry under review',
  warning_closed: 'Inquiry closed',
  needs_response: 'Respond now',
  under_review: 'Under review',
  product_not_received: 'Product not received',
  product_unacceptable: 'Product unacceptable',
  credit_not_processed: 'Credit not processed',
  subscription_canceled: 'Subscription canceled',
  bank_cannot_process: 'Bank can’t process',
  check_returned: 'Check returned',
  customer_initiated: 'Customer initiated',
  debit_not_authorized: 'Debit not authorized',
  incorrect_account_details: 'Wrong account details',
  insufficient_funds: 'Insufficient funds',
  // Invoices and subscriptions
  uncollectible: 'Uncollectible',
  incomplete_expired: 'Expired before first payment',
  past_due: 'Past due',
  keep_as_draft: 'Keep as draft',
  mark_uncollectible: 'Mark uncollectible',
  create_prorations: 'Prorate on next invoice',
  always_invoice: 'Prorate and invoice now',
  prorate: 'Prorate',
  invoice_now: 'Invoice now',
  none: 'None',
  // Refunds
  requested_by_customer: 'Requested by customer',
  expired_uncaptured_charge: 'Uncaptured charge expired',
  // Decline codes and outcomes
  generic_decline: 'Declined by the bank',
  do_not_honor: 'Declined by the bank (do not honor)',
  card_declined: 'Card declined',
  expired_card: 'Card expired',
  incorrect_cvc: 'Wrong security code',
  incorrect_number: 'Wrong card number',
  lost_card: 'Card reported lost',
  stolen_card: 'Card reported stolen',
  fraudulent: 'Fraudulent',
  processing_error: 'Processing error',
  authentication_required: 'Needs 3-D Secure',
  approved_by_network: 'Approved',
  declined_by_network: 'Declined by the card network',
  not_sent_to_network: 'Blocked before the network',
  reversed_after_approval: 'Reversed after approval',
  issuer_declined: 'Declined by the bank',
  blocked: 'Blocked by Radar',
  manual_review: 'Held for review',
  elevated: 'Elevated risk',
  highest: 'Highest risk',
  normal: 'Normal risk',
  // Payouts
  in_transit: 'In transit',
  // Subscriptions
  charge_automatically: 'Charge automatically',
  send_invoice: 'Send invoice',
  cancellation_requested: 'Customer asked to cancel',
  payment_disputed: 'Payment disputed',
  payment_failed: 'Payment failed',
  // Credit notes and refunds
  order_change: 'Order changed',
  product_unsatisfactory: 'Product unsatisfactory',
  lost_or_stolen_card: 'Card lost or stolen',
  expired_or_canceled_card: 'Card expired or canceled',
  charge_for_pending_refund_disputed: 'Payment disputed while the refund was pending',
  merchant_request: 'Canceled by us',
  abandoned: 'Abandoned',
  // Card checks and brands
  pass: 'Passed',
  fail: 'Failed',
  unchecked: 'Not checked',
  unavailable: 'Unavailable',
  amex: 'American Express',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  cartes_bancaires: 'Cartes Bancaires',
};

/** What a payout's status means to someone reconciling it. */
export const PAYOUT_STATUS_LABELS: Record<PayoutStatus, string> = {
  paid: 'Paid out',
  pending: 'Pending',
  in_transit: 'In transit',
  canceled: 'Canceled',
  failed: 'Failed',
};

export const PAYOUT_FAILURE_LABELS: Record<PayoutFailureCode, string> = {
  account_closed: 'Bank account closed',
  account_frozen: 'Bank account frozen',
  bank_account_restricted: 'Bank account restricted',
  bank_ownership_changed: 'Bank account changed owner',
  could_not_process: 'The bank couldn’t process it',
  debit_not_authorized: 'Debit not authorized',
  declined: 'Declined by the bank',
  incorrect_account_holder_address: 'Wrong account holder address',
  incorrect_account_holder_name: 'Wrong account holder name',
  incorrect_account_holder_tax_id: 'Wrong account holder tax ID',
  insufficient_funds: 'Not enough funds',
  invalid_account_number: 'Invalid account number',
  invalid_currency: 'The account can’t take this currency',
  no_account: 'No such bank account',
  unsupported_card: 'Card can’t receive payouts',
};

/** A settled balance transaction's kind, as a bookkeeper would name it. */
export const BALANCE_CATEGORY_LABELS: Record<BalanceCategory, string> = {
  charge: 'Payment',
  refund: 'Refund',
  refund_failure: 'Failed refund returned',
  dispute: 'Dispute withdrawal',
  dispute_reversal: 'Dispute reinstated',
  fee: 'Stripe fee',
  payout: 'Payout',
  payout_reversal: 'Payout reversed',
  partial_capture_reversal: 'Uncaptured part released',
  other_adjustment: 'Adjustment',
  risk_reserved_funds: 'Held in reserve',
  transfer: 'Transfer',
  transfer_reversal: 'Transfer reversed',
  tax: 'Tax',
  topup: 'Top-up',
  topup_reversal: 'Top-up reversed',
};

export const FRAUD_TYPE_LABELS: Record<FraudType, string> = {
  card_never_received: 'Card never received',
  fraudulent_card_application: 'Fraudulent card application',
  made_with_counterfeit_card: 'Counterfeit card',
  made_with_lost_card: 'Lost card',
  made_with_stolen_card: 'Stolen card',
  misc: 'Other fraud',
  unauthorized_use_of_card: 'Unauthorized use of card',
};

export const REVIEW_REASON_LABELS: Record<ReviewReason, string> = {
  rule: 'A Radar rule held it',
  manual: 'Sent to review by hand',
  approved: 'Approved',
  refunded: 'Refunded',
  refunded_as_fraud: 'Refunded as fraud',
  disputed: 'Disputed',
  redacted: 'Redacted',
  canceled: 'Canceled',
  payment_never_settled: 'Payment never settled',
  acknowledged: 'Acknowledged',
};

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  normal: 'Normal risk',
  elevated: 'Elevated risk',
  highest: 'Highest risk',
  not_assessed: 'Risk not assessed',
  unknown: 'Risk unknown',
};

/**
 * What an agent did, as the Activity log names it: the mutation ledger's kinds (and the dispute review note, which
 * is recorded without the ledger). Keyed exactly: test/ui/labels.test.ts checks the keys are every kind src-main
 * registers, so a new kind can't reach the log without words.
 */
export const ACTION_LABELS = {
  'refund.create': 'Refund',
  'refund.cancel': 'Cancel refund',
  'payment_intent.capture': 'Capture payment',
  'payment_intent.cancel': 'Cancel payment',
  'payment_intent.retry_with_card': 'Retry payment with another card',
  'payment_intent.charge_saved_card': 'Charge saved card',
  'charge.resend_receipt': 'Resend receipt',
  'customer.create': 'Create customer',
  'customer.update': 'Update customer',
  'customer.delete': 'Delete customer',
  'payment_method.detach': 'Remove payment method',
  'invoice.pay': 'Pay invoice',
  'invoice.send': 'Send invoice',
  'invoice.finalize': 'Finalize invoice',
  'invoice.void': 'Void invoice',
  'invoice.mark_uncollectible': 'Mark invoice uncollectible',
  'invoice.for_amount.create': 'Invoice instead of charge: create',
  'invoice.for_amount.finalize': 'Invoice instead of charge: finalize',
  'invoice.for_amount.send': 'Invoice instead of charge: send',
  'credit_note.create': 'Issue credit note',
  'subscription.cancel_at_period_end': 'Cancel at period end',
  'subscription.undo_cancel_at_period_end': 'Don’t cancel at period end',
  'subscription.cancel_now': 'Cancel subscription now',
  'subscription.pause_collection': 'Pause collection',
  'subscription.resume_collection': 'Resume collection',
  'subscription.resume': 'Resume subscription',
  'subscription.change': 'Change subscription',
  'subscription.discounts': 'Change subscription discount',
  'dispute.evidence_stage': 'Save dispute evidence',
  'dispute.evidence_submit': 'Submit dispute evidence',
  'dispute.file_upload': 'Upload evidence file',
  'dispute.close': 'Accept dispute',
  'dispute.review': 'Dispute review note',
  'early_fraud_warning.refund': 'Refund after fraud warning',
  'review.refund': 'Refund after Radar review',
  'review.approve': 'Approve Radar review',
} as const satisfies Record<string, string>;

/** An Activity action in words; a kind this version doesn't know (a newer teammate's) still reads as words. */
export function actionLabel(code: string): string {
  return labelIn(ACTION_LABELS, code);
}

/** A code from one of the maps above in words; a value Stripe added since still reads as words; none is "—". */
export function labelIn(labels: Readonly<Record<string, string>>, code: string | null | undefined): string {
  return (code && labels[code]) ?? optionalLabel(code);
}

/** "Visa •••• 4242": a card as people say it. */
export function cardLabel(brand: string | null | undefined, last4: string | null | undefined): string {
  // No-break spaces: a narrow table cell must not split a card's name into "Mastercard ••••" over "9107".
  return `${humanLabel(brand ?? 'card')}\u00a0••••\u00a0${last4 ?? '????'}`;
}

/** "1 transaction", "2 transactions", "1,204 customers": the count in the OS locale, the noun agreeing with it. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? singular : plural}`;
}

/** Abbreviations that stay capitals inside field names. */
const ACRONYMS = new Set(['ip', 'id', 'url', 'cvc', 'pdf', 'iban', 'ssn']);

/** A Stripe field name as a form label: "customer_purchase_ip" → "Customer purchase IP". */
export function fieldLabel(name: string): string {
  return sentence(name)
    .split(' ')
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w))
    .join(' ');
}

/** Nouns of event types, so `customer.subscription.updated` reads "Subscription updated". */
const OBJECT_NOUNS: Record<string, string> = {
  payment_intent: 'Payment',
  charge: 'Charge',
  'charge.dispute': 'Dispute',
  'charge.refund': 'Refund',
  refund: 'Refund',
  customer: 'Customer',
  'customer.subscription': 'Subscription',
  'customer.source': 'Card',
  'customer.discount': 'Discount',
  invoice: 'Invoice',
  invoiceitem: 'Invoice item',
  payment_method: 'Payment method',
  radar: 'Radar',
  'radar.early_fraud_warning': 'Early fraud warning',
  review: 'Review',
  payout: 'Payout',
  balance: 'Balance',
  subscription_schedule: 'Subscription schedule',
  setup_intent: 'Card setup',
  checkout: 'Checkout',
  'checkout.session': 'Checkout',
  product: 'Product',
  price: 'Price',
};

const EVENT_VERBS: Record<string, string> = {
  succeeded: 'succeeded',
  payment_failed: 'payment failed',
  payment_succeeded: 'paid',
  amount_capturable_updated: 'ready to capture',
  requires_action: 'needs customer action',
  funds_withdrawn: 'funds withdrawn',
  funds_reinstated: 'funds returned',
  trial_will_end: 'trial ends soon',
  finalization_failed: 'could not be finalized',
  upcoming: 'coming up',
  marked_uncollectible: 'marked uncollectible',
  pending_update_applied: 'change applied',
  pending_update_expired: 'change expired',
};

/** "past_due" → "Past due". */
export function sentence(value: string): string {
  const words = value.replace(/[_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A status, reason or code in words. */
export function humanLabel(value: string): string {
  return WORDS[value] ?? sentence(value);
}

/** A code that may be absent in words, or "—". */
export function optionalLabel(value: string | null | undefined): string {
  return value ? humanLabel(value) : '—';
}

/** An event type in words: "charge.dispute.funds_withdrawn" → "Dispute funds withdrawn". */
export function eventLabel(type: string): string {
  const parts = type.split('.');
  for (let cut = parts.length - 1; cut > 0; cut--) {
    const noun = OBJECT_NOUNS[parts.slice(0, cut).join('.')];
    if (!noun) continue;
    const verb = parts.slice(cut).join(' ');
    const tail = parts.slice(cut).join('.');
    return `${noun} ${EVENT_VERBS[tail] ?? verb.replaceAll('_', ' ')}`;
  }
  return sentence(type);
}

/**
 * Network error codes as people would say them. Neutral about who is far away: the message around the code already
 * names it (Stripe, the team database), and "Stripe's address" read wrongly under a team database error.
 */
const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'nothing is answering at that address',
  ECONNRESET: 'the connection was cut',
  ETIMEDOUT: 'no answer in time',
  ESOCKETTIMEDOUT: 'no answer in time',
  ENOTFOUND: 'the address couldn’t be found — check the network or DNS',
  EAI_AGAIN: 'the address couldn’t be looked up — check the network or DNS',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  EPIPE: 'the connection was cut',
  CERT_HAS_EXPIRED: 'the server’s certificate couldn’t be verified (check the computer’s clock)',
};

/** A message with raw system error codes (ECONNREFUSED…) replaced by plain words. */
export function plainWords(message: string): string {
  return message.replace(/\b[A-Z][A-Z_]{4,}\b/g, (code) => NETWORK_WORDS[code] ?? code);
}
