import type { RefundRow } from '../../../src-preload/contract';
import { idOf, int, obj, str, type Json } from '../../stripe/stripe-json';

export function toRefundRow(refund: Json): RefundRow {
  return {
    id: str(refund.id) ?? '',
    created: int(refund.created) ?? 0,
    amount: int(refund.amount) ?? 0,
    currency: str(refund.currency) ?? 'usd',
    status: str(refund.status),
    reason: str(refund.reason),
    note: str(obj(refund.metadata).note),
    chargeId: idOf(refund.charge),
    paymentIntentId: idOf(refund.payment_intent),
    failureReason: str(refund.failure_reason),
  };
}
