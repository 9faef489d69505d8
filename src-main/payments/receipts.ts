import type Stripe from 'stripe';
import { ConsoleError, type Scope } from '../../src-preload/contract';
import type { CacheAccess } from '../cache/cache-access';
import type { MutationLedger } from '../mutations/mutation-ledger';
import { int, str, type Json } from '../stripe/stripe-json';
import { WriteBack, answerOf } from '../mutations/write-back';

export const RECEIPT_RESEND = 'charge.resend_receipt';
/** The ledger's intent id on the charge, so a look-up can tell this resend happened without the idempotency key. */
const RECEIPT_METADATA = 'console_receipt';

interface ReceiptParams {
  charge: string;
  email: string;
}

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    [RECEIPT_RESEND]: { params: ReceiptParams; result: Stripe.Charge };
  }
}

export interface ReceiptsDeps extends CacheAccess {
  ledger: MutationLedger;
  agent: () => string;
  now: () => number;
}

export interface ReceiptSent {
  chargeId: string;
  email: string;
  receiptNumber: string | null;
}

/**
 * Resends a payment's receipt. Stripe has no "resend" call: setting the charge's `receipt_email` emails a new
 * receipt there, so the request also stamps the intent id on the charge for the look-up. Exactly once per intent.
 */
export class Receipts {
  private readonly writeBack: WriteBack;

  constructor(private readonly deps: ReceiptsDeps) {
    this.writeBack = new WriteBack(deps.applyObject, deps.now);
    deps.ledger.register(RECEIPT_RESEND, {
      send: async (stripe, p, context) =>
        answerOf(
          await stripe.charges.update(
            p.charge,
            { receipt_email: p.email, metadata: { [RECEIPT_METADATA]: context.intentId } },
            context.requestOptions,
          ),
        ),
      find: async (stripe, p, context) => {
        const charge = await stripe.charges.retrieve(p.charge);
        return charge.metadata?.[RECEIPT_METADATA] === context.intentId ? answerOf(charge) : null;
      },
      settle: (scope, outcome, sentAt) => this.writeBack.apply(scope, outcome.object, sentAt),
    });
  }

  async resend(scope: Scope, chargeId: string, email: string, intentId: string): Promise<ReceiptSent> {
    const { ledger } = this.deps;
    const charge = this.deps.caches.open(scope).get<Json>('charges', chargeId);
    if (!ledger.find(intentId)) this.check(charge, chargeId);
    const outcome = await ledger.run({
      scope,
      kind: RECEIPT_RESEND,
      targetId: chargeId,
      intentId,
      amount: int(charge?.amount),
      currency: str(charge?.currency),
      params: { charge: chargeId, email },
      agent: this.deps.agent(),
    });
    return { chargeId, email: outcome.object.receipt_email ?? email, receiptNumber: outcome.object.receipt_number };
  }

  /** Only a payment that went through has a receipt. */
  private check(charge: Json | null, chargeId: string): void {
    if (!charge)
      throw new ConsoleError(
        'not_found',
        `Payment ${chargeId} isn’t in the local copy yet. It appears once sync has fetched it.`,
      );
    if (str(charge.status) !== 'succeeded')
      throw new ConsoleError('conflict', 'Only a payment that went through has a receipt to send.', {
        details: { status: str(charge.status) },
      });
  }
}
