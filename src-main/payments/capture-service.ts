import type Stripe from 'stripe';
import { ConsoleError, type PaymentRow, type Scope } from '../../src-preload/contract';
import type { MutationLedger, MutationOutcome } from '../mutations/mutation-ledger';
import type { StripeGateway } from '../stripe/gateway';
import type { CacheAccess } from '../cache/cache-access';
import { toPaymentRow } from '../cache/rows/payment-rows';
import { idOf, int, str, type Json } from '../stripe/stripe-json';
import { WriteBack, answerOf, toJson } from '../mutations/write-back';

export const PAYMENT_CAPTURE = 'payment_intent.capture';
export const PAYMENT_CANCEL = 'payment_intent.cancel';

type CancelReason = Stripe.PaymentIntentCancelParams.CancellationReason;

interface CaptureParams {
  paymentIntent: string;
  /** The amount to capture; null = all that is capturable. */
  amount: number | null;
}

interface CancelParams {
  paymentIntent: string;
  reason: CancelReason | null;
}

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    [PAYMENT_CAPTURE]: { params: CaptureParams; result: Stripe.PaymentIntent };
    [PAYMENT_CANCEL]: { params: CancelParams; result: Stripe.PaymentIntent };
  }
}

export interface CaptureServiceOptions {
  ledger: MutationLedger;
  gateway: StripeGateway;
  agent: () => string;
  now: () => number;
}

/**
 * Captures (fully or partly) or cancels an uncaptured payment, exactly once through the ledger.
 * Registers its executors on construction, so build it before `ledger.reconcile()`.
 */
export class CaptureService {
  private readonly writeBack: WriteBack;

  constructor(
    private readonly options: CaptureServiceOptions,
    private readonly deps: CacheAccess,
  ) {
    this.writeBack = new WriteBack(deps.applyObject, options.now);
    const settle = async (scope: Scope, outcome: MutationOutcome<Stripe.PaymentIntent>, sentAt: number) => {
      this.writeBack.apply(scope, outcome.object, sentAt);
      const chargeId = idOf(outcome.object.latest_charge);
      const stripe = await this.options.gateway.client(scope);
      if (chargeId) await this.writeBack.refresh(scope, () => stripe.charges.retrieve(chargeId));
    };
    options.ledger.register(PAYMENT_CAPTURE, {
      send: async (stripe, p, context) =>
        answerOf(
          await stripe.paymentIntents.capture(
            p.paymentIntent,
            p.amount === null ? {} : { amount_to_capture: p.amount },
            context.requestOptions,
          ),
        ),
      // A payment captures once at most; once it has, that capture is the effect (Stripe refuses a second).
      find: async (stripe, p) => {
        const intent = await stripe.paymentIntents.retrieve(p.paymentIntent);
        return intent.status === 'succeeded' ? answerOf(intent) : null;
      },
      settle,
    });
    options.ledger.register(PAYMENT_CANCEL, {
      send: async (stripe, p, context) =>
        answerOf(
          await stripe.paymentIntents.cancel(
            p.paymentIntent,
            p.reason ? { cancellation_reason: p.reason } : {},
            context.requestOptions,
          ),
        ),
      find: async (stripe, p) => {
        const intent = await stripe.paymentIntents.retrieve(p.paymentIntent);
        return intent.status === 'canceled' ? answerOf(intent) : null;
      },
      settle,
    });
  }

  async capture(
    scope: Scope,
    paymentIntentId: string,
    amount: number | undefined,
    intentId: string,
  ): Promise<PaymentRow> {
    const intent = this.uncaptured(scope, paymentIntentId, intentId);
    const capturable = int(intent?.amount_capturable);
    if (amount !== undefined && capturable !== null && amount > capturable && !this.options.ledger.find(intentId)) {
      throw new ConsoleError('invalid_input', 'That is more than this payment has authorised for capture.', {
        details: { capturable, currency: str(intent?.currency) },
      });
    }
    const outcome = await this.options.ledger.run({
      ...this.intent(scope, paymentIntentId, intentId, intent),
      kind: PAYMENT_CAPTURE,
      amount: amount ?? capturable,
      params: { paymentIntent: paymentIntentId, amount: amount ?? null },
    });
    return this.row(scope, outcome.object);
  }

  async cancel(
    scope: Scope,
    paymentIntentId: string,
    reason: CancelReason | undefined,
    intentId: string,
  ): Promise<PaymentRow> {
    const intent = this.uncaptured(scope, paymentIntentId, intentId);
    const outcome = await this.options.ledger.run({
      ...this.intent(scope, paymentIntentId, intentId, intent),
      kind: PAYMENT_CANCEL,
      amount: int(intent?.amount),
      params: { paymentIntent: paymentIntentId, reason: reason ?? null },
    });
    return this.row(scope, outcome.object);
  }

  private intent(scope: Scope, paymentIntentId: string, intentId: string, cached: Json | null) {
    return { scope, targetId: paymentIntentId, intentId, currency: str(cached?.currency), agent: this.options.agent() };
  }

  /**
   * The payment as the cache shows it after the write. Stripe already said yes, so a cache that can't be read
   * is not an error: the row is made from Stripe's answer alone, and sync fills in the rest.
   */
  private row(scope: Scope, answer: Stripe.PaymentIntent): PaymentRow {
    try {
      const cached = this.deps.caches.open(scope).payments.row(answer.id);
      if (cached) return cached;
    } catch {
      // Falls through to Stripe's answer.
    }
    return toPaymentRow(toJson(answer), null, { email: null, disputeStatus: null });
  }

  /** The cached intent, which must still be waiting for capture (unless this is a resend of a sent intent). */
  private uncaptured(scope: Scope, paymentIntentId: string, intentId: string): Json | null {
    const intent = this.deps.caches.open(scope).get<Json>('payment_intents', paymentIntentId);
    const status = intent ? str(intent.status) : null;
    if (status && status !== 'requires_capture' && !this.options.ledger.find(intentId)) {
      throw new ConsoleError(
        'conflict',
        `Only a payment waiting for capture can be captured or cancelled here; this one is ${status.replaceAll('_', ' ')}.`,
      );
    }
    return intent;
  }
}
