import type { ChargeSummary, RefundRow } from '../../src-preload/contract';

/** Refund statuses whose money hasn't reached the customer yet (Stripe already counts it as refunded). */
const NOT_BACK_YET: readonly (string | null)[] = ['pending', 'requires_action'];

/**
 * What a charge with nothing left to refund says. Stripe's `amount_refunded` includes refunds still on their way,
 * so "Fully refunded" would tell an agent the money is back when it isn't: any refund of the charge not done yet
 * makes it "Refund pending". A refund without a charge id belongs to the payment's only charge.
 */
export function refundedLabel(charge: Pick<ChargeSummary, 'id'>, refunds: readonly RefundRow[]): string {
  const pending = refunds.some(
    (r) => (r.chargeId === charge.id || r.chargeId === null) && NOT_BACK_YET.includes(r.status),
  );
  return pending ? 'Refund pending' : 'Fully refunded';
}
