import type Stripe from 'stripe';
import type { RefundReason } from '../../src-preload/contract';

/**
 * The refund kinds of the ledger, shared by the features that send them: payments registers their executors,
 * subscriptions sends a refund as the second half of "cancel and refund". One definition, so both send the same
 * params and a reused intent id is judged the same way.
 */
export const REFUND_CREATE = 'refund.create';
export const REFUND_CANCEL = 'refund.cancel';

/** What the ledger persists before sending, and sends again as is on a retry of the same intent. */
export interface RefundParams {
  charge: string;
  amount: number;
  reason: RefundReason | null;
  note: string | null;
}

export interface RefundCancelParams {
  refund: string;
}

declare module './mutation-ledger' {
  interface MutationKinds {
    [REFUND_CREATE]: { params: RefundParams; result: Stripe.Refund };
    [REFUND_CANCEL]: { params: RefundCancelParams; result: Stripe.Refund };
  }
}
