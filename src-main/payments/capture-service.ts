import type Stripe from 'stripe';
import { ConsoleError, type PaymentRow, type Scope } from '../../src-preload/contract';
import type { MutationLedger } from '../mutations/mutation-ledger';
import { PaymentQueries } from './payment-queries';
import type { SupportDeps } from './support-deps';
import { idOf, int, str, type Json } from './stripe-json';
import { WriteBack } from './write-back';

export const PAYMENT_CAPTURE = 'payment_intent.capture';
export const PAYMENT_CANCEL = 'payment_intent.cancel';

type CancelReason = Stripe.PaymentIntentCancelParams.CancellationReason;

interface IntentParams {
  accountId: string;
  mode: Scope['mode'];
  paymentIntent: string;
  /** Capture: the amount to capture (null = all). Cancel: unused. */
  amount: number | null;
  reason: CancelReason | null;
}

export interface CaptureServiceOptions {
  ledger: MutationLedger;
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
    private readonly deps: SupportDeps,
  ) {
    this.writeBack = new WriteBack(deps.applyObject, options.now);
    options.ledger.register<IntentParams, Stripe.PaymentIntent>(PAYMENT_CAPTURE, (stripe, p, key) =>
      this.send(stripe, p, () =>
        stripe.paymentIntents.capture(p.paymentIntent, p.amount === null ? {} : { amount_to_capture: p.amount }, {
          idempotencyKey: key,
        }),
      ),
    );
    options.ledger.register<IntentParams, Stripe.PaymentIntent>(PAYMENT_CANCEL, (stripe, p, key) =>
      this.send(stripe, p, () =>
        stripe.paymentIntents.cancel(p.paymentIntent, p.reason ? { cancellation_reason: p.reason } : {}, {
          idempotencyKey: key,
        }),
      ),
    );
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
    return this.run(scope, PAYMENT_CAPTURE, intent, {
      paymentIntentId,
      intentId,
      amount: amount ?? capturable,
      params: { amount: amount ?? null, reason: null },
    });
  }

  async cancel(
    scope: Scope,
    paymentIntentId: string,
    reason: CancelReason | undefined,
    intentId: string,
  ): Promise<PaymentRow> {
    const intent = this.uncaptured(scope, paymentIntentId, intentId);
    return this.run(scope, PAYMENT_CANCEL, intent, {
      paymentIntentId,
      intentId,
      amount: int(intent?.amount),
      params: { amount: null, reason: reason ?? null },
    });
  }

  private async run(
    scope: Scope,
    kind: string,
    intent: Json | null,
    a: {
      paymentIntentId: string;
      intentId: string;
      amount: number | null;
      params: Pick<IntentParams, 'amount' | 'reason'>;
    },
  ): Promise<PaymentRow> {
    await this.options.ledger.run<IntentParams, Stripe.PaymentIntent>({
      scope,
      kind,
      targetId: a.paymentIntentId,
      intentId: a.intentId,
      amount: a.amount,
      currency: str(intent?.currency),
      agent: this.options.agent(),
      params: { accountId: scope.accountId, mode: scope.mode, paymentIntent: a.paymentIntentId, ...a.params },
    });
    const row = new PaymentQueries(this.deps.caches.open(scope)).row(a.paymentIntentId);
    if (!row) throw new ConsoleError('internal', 'The payment was updated in Stripe but could not be read back.');
    return row;
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

  private async send(stripe: Stripe, p: IntentParams, request: () => Promise<Stripe.Response<Stripe.PaymentIntent>>) {
    const scope = { accountId: p.accountId, mode: p.mode };
    const intent = await this.writeBack.fetch(scope, request);
    const chargeId = idOf(intent.latest_charge);
    if (chargeId) await this.writeBack.refresh(scope, () => stripe.charges.retrieve(chargeId));
    return { id: intent.id, status: intent.status, requestId: intent.lastResponse?.requestId ?? null, object: intent };
  }
}
