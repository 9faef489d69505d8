import type { ChargeSummary, DisputeSummary, PaymentFailure, PaymentRow } from '../../../src-preload/contract';
import { bool, idOf, int, obj, str, type Json } from '../../stripe/stripe-json';

/** What Stripe recorded about a failed attempt: the intent's last error and the charge's network outcome. */
export function failureOf(intent: Json | null, charge: Json | null): PaymentFailure | null {
  const error = obj(intent?.last_payment_error);
  const outcome = obj(charge?.outcome);
  const chargeFailed = charge !== null && str(charge.status) === 'failed';
  const outcomeBlocked = ['issuer_declined', 'blocked', 'invalid'].includes(str(outcome.type) ?? '');
  if (!intent?.last_payment_error && !chargeFailed && !outcomeBlocked) return null;
  return {
    message: str(error.message) ?? str(charge?.failure_message),
    code: str(error.code) ?? str(charge?.failure_code),
    declineCode: str(error.decline_code) ?? str(outcome.reason),
    networkStatus: str(outcome.network_status),
    sellerMessage: str(outcome.seller_message),
    riskLevel: str(outcome.risk_level),
    outcomeType: str(outcome.type),
    outcomeReason: str(outcome.reason),
  };
}

/** What can still be refunded. A partial capture releases the rest as "refunded", so amount − refunded holds either way. */
export function refundableOf(charge: Json): number {
  if (!bool(charge.captured)) return 0;
  return Math.max(0, (int(charge.amount) ?? 0) - (int(charge.amount_refunded) ?? 0));
}

/** Money actually given back: Stripe's amount_refunded less an uncaptured (released) remainder. */
export function refundedOf(charge: Json): number {
  if (!bool(charge.captured)) return 0;
  const released = (int(charge.amount) ?? 0) - (int(charge.amount_captured) ?? int(charge.amount) ?? 0);
  return Math.max(0, (int(charge.amount_refunded) ?? 0) - Math.max(0, released));
}

const cardOf = (charge: Json | null) => obj(obj(charge?.payment_method_details).card);

export function toChargeSummary(charge: Json): ChargeSummary {
  const card = cardOf(charge);
  return {
    id: str(charge.id) ?? '',
    created: int(charge.created) ?? 0,
    status: str(charge.status) ?? 'unknown',
    amount: int(charge.amount) ?? 0,
    amountCaptured: int(charge.amount_captured) ?? 0,
    amountRefunded: refundedOf(charge),
    refundable: refundableOf(charge),
    currency: str(charge.currency) ?? 'usd',
    captured: bool(charge.captured),
    refunded: bool(charge.refunded),
    disputed: bool(charge.disputed),
    cardBrand: str(card.brand),
    cardLast4: str(card.last4),
    failure: failureOf(null, charge),
  };
}

/** A PaymentIntent folded with its latest charge (refund state, card) and that charge's dispute. */
export function toPaymentRow(
  intent: Json,
  charge: Json | null,
  extra: { email: string | null; disputeStatus: string | null },
): PaymentRow {
  const card = cardOf(charge);
  const amountRefunded = charge ? refundedOf(charge) : 0;
  return {
    id: str(intent.id) ?? '',
    created: int(intent.created) ?? 0,
    status: str(intent.status) ?? 'unknown',
    amount: int(intent.amount) ?? 0,
    amountReceived: int(intent.amount_received) ?? 0,
    amountCapturable: int(intent.amount_capturable) ?? 0,
    currency: str(intent.currency) ?? 'usd',
    customerId: idOf(intent.customer),
    email:
      str(intent.receipt_email) ?? str(charge?.receipt_email) ?? str(obj(charge?.billing_details).email) ?? extra.email,
    description: str(intent.description),
    chargeId: idOf(intent.latest_charge) ?? str(charge?.id),
    cardBrand: str(card.brand),
    cardLast4: str(card.last4),
    amountRefunded,
    refundState: amountRefunded === 0 ? 'none' : charge && refundableOf(charge) === 0 ? 'full' : 'partial',
    disputeStatus: extra.disputeStatus,
    failure: failureOf(intent, charge),
  };
}

export function toDispute(dispute: Json): DisputeSummary {
  return {
    id: str(dispute.id) ?? '',
    charge: idOf(dispute.charge),
    paymentIntent: idOf(dispute.payment_intent),
    status: str(dispute.status) ?? 'unknown',
    reason: str(dispute.reason),
    amount: int(dispute.amount) ?? 0,
    currency: str(dispute.currency) ?? 'usd',
    dueBy: int(obj(dispute.evidence_details).due_by),
  };
}
