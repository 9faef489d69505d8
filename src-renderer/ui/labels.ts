/**
 * Stripe's enum values (statuses, reasons, event types, decline codes) in words for people. The raw value stays
 * available: callers show it on hover (`title`) and in inspectors, so an agent can still quote it to Stripe.
 */

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
};

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

/** Network error codes as people would say them. */
const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'nothing is answering at Stripe’s address',
  ECONNRESET: 'the connection was cut',
  ETIMEDOUT: 'Stripe didn’t answer in time',
  ESOCKETTIMEDOUT: 'Stripe didn’t answer in time',
  ENOTFOUND: 'Stripe’s address couldn’t be found — check the network or DNS',
  EAI_AGAIN: 'Stripe’s address couldn’t be looked up — check the network or DNS',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'Stripe’s host is unreachable',
  EPIPE: 'the connection was cut',
  CERT_HAS_EXPIRED: 'Stripe’s certificate couldn’t be verified (check the computer’s clock)',
};

/** A message with raw system error codes (ECONNREFUSED…) replaced by plain words. */
export function plainWords(message: string): string {
  return message.replace(/\b[A-Z][A-Z_]{4,}\b/g, (code) => NETWORK_WORDS[code] ?? code);
}
