import type Stripe from 'stripe';
import { ConsoleError, type PaymentRow, type Scope } from '../../src-preload/contract';
import { toPaymentRow } from '../cache/rows/payment-rows';
import { declineInWords } from '../stripe/decline-words';
import { idOf, int, str, type Json } from '../stripe/stripe-json';
import { WriteBack, answerOf, toJson, type WriteServiceDeps } from '../mutations/write-back';

export const PAYMENT_RETRY = 'payment_intent.retry_with_card';

interface RetryParams {
  paymentIntent: string;
  paymentMethod: string;
}

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    [PAYMENT_RETRY]: { params: RetryParams; result: Stripe.PaymentIntent };
  }
}

export type PaymentRetryDeps = WriteServiceDeps;

/** Statuses after which the retry took (or is taking) money: Stripe won't confirm the payment again. */
const TAKEN: readonly string[] = ['succeeded', 'processing', 'requires_capture'];

/**
 * A failed payment (Stripe left it waiting for a payment method) confirmed again, off-session, with another of the
 * customer's saved cards: the same PaymentIntent, so the customer can't end up paying twice. Exactly once.
 */
export class PaymentRetries {
  private readonly writeBack: WriteBack;

  constructor(private readonly deps: PaymentRetryDeps) {
    this.writeBack = new WriteBack(deps.applyObject, deps.now);
    deps.ledger.register(PAYMENT_RETRY, {
      send: async (stripe, p, context) =>
        answerOf(
          await stripe.paymentIntents.confirm(
            p.paymentIntent,
            { payment_method: p.paymentMethod, off_session: true },
            context.requestOptions,
          ),
        ),
      // The intent is paid with this card: that is the retry's effect (a paid intent can't be confirmed again).
      find: async (stripe, p) => {
        const intent = await stripe.paymentIntents.retrieve(p.paymentIntent);
        return TAKEN.includes(intent.status) && idOf(intent.payment_method) === p.paymentMethod
          ? answerOf(intent)
          : null;
      },
      settle: async (scope, outcome, sentAt) => {
        this.writeBack.apply(scope, outcome.object, sentAt);
        const chargeId = idOf(outcome.object.latest_charge);
        const stripe = await deps.gateway.client(scope);
        if (chargeId) await this.writeBack.refresh(scope, () => stripe.charges.retrieve(chargeId));
      },
    });
  }

  async retry(scope: Scope, paymentIntentId: string, paymentMethodId: string, intentId: string): Promise<PaymentRow> {
    const { ledger } = this.deps;
    const cached = this.deps.caches.open(scope).get<Json>('payment_intents', paymentIntentId);
    if (!ledger.find(intentId)) this.check(scope, cached, paymentIntentId, paymentMethodId);
    try {
      const outcome = await ledger.run({
        scope,
        kind: PAYMENT_RETRY,
        targetId: paymentIntentId,
        intentId,
        amount: int(cached?.amount),
        currency: str(cached?.currency),
        params: { paymentIntent: paymentIntentId, paymentMethod: paymentMethodId },
        agent: this.deps.agent(),
      });
      return this.row(scope, outcome.object);
    } catch (err) {
      if (!(err instanceof ConsoleError) || err.code !== 'card_error') throw err;
      const code = (err.details?.declineCode as string | null) ?? (err.details?.stripeCode as string | null) ?? null;
      throw new ConsoleError('card_error', declineInWords(code), {
        details: { ...err.details, declineCode: code, offerInvoice: true },
      });
    }
  }

  /** Only a failed payment is retried, and only with a card saved on its own customer. */
  private check(scope: Scope, intent: Json | null, paymentIntentId: string, paymentMethodId: string): void {
    if (!intent)
      throw new ConsoleError(
        'not_found',
        `Payment ${paymentIntentId} isn’t in the local copy yet. It appears once sync has fetched it.`,
      );
    const status = str(intent.status);
    if (status !== 'requires_payment_method')
      throw new ConsoleError(
        'conflict',
        `Only a failed payment can be retried with another card; this one is ${(status ?? 'unknown').replaceAll('_', ' ')}.`,
        { details: { status } },
      );
    const card = this.deps.caches.open(scope).get<Json>('payment_methods', paymentMethodId);
    const customer = idOf(intent.customer);
    if (!customer || !card || card.deleted || idOf(card.customer) !== customer)
      throw new ConsoleError('invalid_input', 'That card isn’t saved on this payment’s customer.', {
        details: { path: 'paymentMethodId' },
      });
  }

  /** The payment as the cache has it after the write-back; Stripe's answer alone if the cache can't be read. */
  private row(scope: Scope, answer: Stripe.PaymentIntent): PaymentRow {
    try {
      const cached = this.deps.caches.open(scope).payments.row(answer.id);
      if (cached) return cached;
    } catch {
      // Stripe already said yes: the row from its answer will do, and sync fills in the rest.
    }
    return toPaymentRow(toJson(answer), null, { email: null, disputeStatus: null });
  }
}
