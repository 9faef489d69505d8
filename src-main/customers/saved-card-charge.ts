import type Stripe from 'stripe';
import { ConsoleError, type SavedCardCharge, type Scope } from '../../src-preload/contract';
import { minorUnitDigits } from '../../src-preload/contract/money';
import type { CacheAccess } from '../cache/cache-access';
import type { MutationLedger } from '../mutations/mutation-ledger';
import { declineInWords } from '../stripe/decline-words';
import { idOf, type Json } from '../stripe/stripe-json';

export const SAVED_CARD_CHARGE = 'payment_intent.charge_saved_card';
/** The ledger's intent id on the PaymentIntent, so a look-up finds it without the idempotency key. */
const INTENT_METADATA = 'console_intent';

interface ChargeParams {
  customer: string;
  paymentMethod: string;
  amount: number;
  currency: string;
  description: string | null;
}

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    [SAVED_CARD_CHARGE]: { params: ChargeParams; result: Stripe.PaymentIntent };
  }
}

export interface SavedCardChargesDeps extends CacheAccess {
  ledger: MutationLedger;
  agent: () => string;
}

/**
 * A one-off charge of a customer's saved card while they are away: one PaymentIntent, created and confirmed
 * off-session, exactly once. A decline is Stripe's refusal (nothing charged), said in plain words.
 */
export class SavedCardCharges {
  constructor(private readonly deps: SavedCardChargesDeps) {
    deps.ledger.register(SAVED_CARD_CHARGE, {
      send: async (stripe, p, context) => {
        const pi = await stripe.paymentIntents.create(
          {
            amount: p.amount,
            currency: p.currency,
            customer: p.customer,
            payment_method: p.paymentMethod,
            off_session: true,
            confirm: true,
            ...(p.description ? { description: p.description } : {}),
            metadata: { [INTENT_METADATA]: context.intentId },
          },
          context.requestOptions,
        );
        return { id: pi.id, status: pi.status, requestId: pi.lastResponse?.requestId ?? null, object: pi };
      },
      find: async (stripe, p, context) => {
        const recent = await stripe.paymentIntents.list({ customer: p.customer, limit: 100 });
        const mine = recent.data.find((pi) => pi.metadata?.[INTENT_METADATA] === context.intentId);
        return mine ? { id: mine.id, status: mine.status, requestId: null, object: mine } : null;
      },
      settle: (scope, outcome, sentAt) => {
        deps.applyObject(scope, outcome.object, sentAt);
      },
    });
  }

  async charge(
    scope: Scope,
    request: {
      customerId: string;
      intentId: string;
      paymentMethodId: string;
      amount: number;
      currency: string;
      description?: string | undefined;
    },
  ): Promise<SavedCardCharge> {
    const { ledger } = this.deps;
    if (!ledger.find(request.intentId)) this.check(scope, request);
    try {
      const outcome = ledger.find(request.intentId)
        ? await ledger.resend({
            scope,
            kind: SAVED_CARD_CHARGE,
            targetId: request.customerId,
            intentId: request.intentId,
          })
        : await ledger.run({
            scope,
            kind: SAVED_CARD_CHARGE,
            targetId: request.customerId,
            intentId: request.intentId,
            amount: request.amount,
            currency: request.currency,
            params: {
              customer: request.customerId,
              paymentMethod: request.paymentMethodId,
              amount: request.amount,
              currency: request.currency,
              description: request.description ?? null,
            },
            agent: this.deps.agent(),
          });
      return { paymentIntentId: outcome.id, status: outcome.object.status };
    } catch (err) {
      if (!(err instanceof ConsoleError) || err.code !== 'card_error') throw err;
      const code = (err.details?.declineCode as string | null) ?? (err.details?.stripeCode as string | null) ?? null;
      throw new ConsoleError('card_error', declineInWords(code), {
        details: { ...err.details, declineCode: code, offerInvoice: true },
      });
    }
  }

  private check(
    scope: Scope,
    r: { customerId: string; paymentMethodId: string; amount: number; currency: string },
  ): void {
    const card = this.deps.caches.open(scope).get<Json>('payment_methods', r.paymentMethodId);
    if (!card || idOf(card.customer) !== r.customerId)
      throw new ConsoleError('invalid_input', 'That card isn’t saved on this customer.', {
        details: { path: 'paymentMethodId' },
      });
    const decimals = minorUnitDigits(r.currency);
    if (decimals === 3 && r.amount % 10 !== 0)
      throw new ConsoleError('invalid_input', 'Amounts in this currency must end in 0.', {
        details: { path: 'amount' },
      });
  }
}
