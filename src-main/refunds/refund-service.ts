import type Stripe from 'stripe';
import {
  ConsoleError,
  type RefundReason,
  type RefundResult,
  type RefundRow,
  type Scope,
} from '../../src-preload/contract';
import type { MutationLedger } from '../mutations/mutation-ledger';
import type { StripeGateway } from '../stripe/gateway';
import { refundableOf, toChargeSummary } from '../payments/payment-rows';
import type { SupportDeps } from '../payments/support-deps';
import { bool, int, str, type Json } from '../payments/stripe-json';
import { WriteBack } from '../payments/write-back';
import { toRefundRow } from './refund-rows';

export interface RefundRequest {
  chargeId: string;
  amount: number;
  reason?: RefundReason | undefined;
  note?: string | undefined;
  intentId: string;
}

/** What the ledger persists before sending, and resends with the same key on reconcile. */
interface RefundParams {
  accountId: string;
  mode: Scope['mode'];
  charge: string;
  amount: number;
  reason: RefundReason | null;
  note: string | null;
  intentId: string;
}

interface CancelParams {
  accountId: string;
  mode: Scope['mode'];
  refund: string;
}

export const REFUND_CREATE = 'refund.create';
export const REFUND_CANCEL = 'refund.cancel';

export interface RefundServiceOptions {
  ledger: MutationLedger;
  gateway: StripeGateway;
  agent: () => string;
  now: () => number;
}

/**
 * Refunds exactly once. Checks against the cache first (clear messages, no wasted request), then hands the
 * request to the ledger, which persists the intent and its idempotency key before it leaves and resends it with
 * the same key after a crash. Registers its executors on construction, so build it before `ledger.reconcile()`.
 */
export class RefundService {
  private readonly writeBack: WriteBack;

  constructor(
    private readonly options: RefundServiceOptions,
    private readonly deps: SupportDeps,
  ) {
    this.writeBack = new WriteBack(deps.applyObject, options.now);
    options.ledger.register<RefundParams, Stripe.Refund>(REFUND_CREATE, (stripe, p, key) =>
      this.sendRefund(stripe, p, key),
    );
    options.ledger.register<CancelParams, Stripe.Refund>(REFUND_CANCEL, async (stripe, p, key) => {
      const scope = { accountId: p.accountId, mode: p.mode };
      const refund = await this.writeBack.fetch(scope, () =>
        stripe.refunds.cancel(p.refund, {}, { idempotencyKey: key }),
      );
      return {
        id: refund.id,
        status: refund.status ?? null,
        requestId: refund.lastResponse?.requestId ?? null,
        object: refund,
      };
    });
  }

  async refund(scope: Scope, request: RefundRequest): Promise<RefundResult> {
    const resend = this.options.ledger.find(request.intentId);
    const charge = await this.charge(scope, request.chargeId);
    // A resend of an intent already sent skips the checks: the cache may already show its own refund.
    if (!resend) this.check(scope, charge, request.amount);
    const currency = str(charge.currency) ?? 'usd';
    const outcome = await this.options.ledger.run<RefundParams, Stripe.Refund>({
      scope,
      kind: REFUND_CREATE,
      targetId: request.chargeId,
      intentId: request.intentId,
      amount: request.amount,
      currency,
      agent: this.options.agent(),
      params: {
        accountId: scope.accountId,
        mode: scope.mode,
        charge: request.chargeId,
        amount: request.amount,
        reason: request.reason ?? null,
        note: request.note || null,
        intentId: request.intentId,
      },
    });
    const updated = this.deps.caches.open(scope).get<Json>('charges', request.chargeId);
    return {
      refund: toRefundRow(outcome.object as unknown as Json),
      charge: updated ? toChargeSummary(updated) : null,
    };
  }

  async cancel(scope: Scope, refundId: string, intentId: string): Promise<RefundRow> {
    const cached = this.deps.caches.open(scope).get<Json>('refunds', refundId);
    const status = cached ? str(cached.status) : null;
    if (status && status !== 'requires_action' && !this.options.ledger.find(intentId)) {
      throw new ConsoleError(
        'conflict',
        `Only a refund waiting for customer action can be cancelled; this one is ${status}.`,
      );
    }
    const outcome = await this.options.ledger.run<CancelParams, Stripe.Refund>({
      scope,
      kind: REFUND_CANCEL,
      targetId: refundId,
      intentId,
      amount: cached ? int(cached.amount) : null,
      currency: cached ? str(cached.currency) : null,
      agent: this.options.agent(),
      params: { accountId: scope.accountId, mode: scope.mode, refund: refundId },
    });
    return toRefundRow(outcome.object as unknown as Json);
  }

  /** Re-reads a refund whose status may have moved on (pending → succeeded, requires_action → canceled…). */
  async refresh(scope: Scope, refundId: string): Promise<RefundRow> {
    const stripe = await this.options.gateway.client(scope);
    const refund = await this.writeBack.fetch(scope, () => stripe.refunds.retrieve(refundId));
    return toRefundRow(refund as unknown as Json);
  }

  private async sendRefund(stripe: Stripe, p: RefundParams, idempotencyKey: string) {
    const scope = { accountId: p.accountId, mode: p.mode };
    const metadata: Record<string, string> = { console_intent: p.intentId, ...(p.note ? { note: p.note } : {}) };
    const refund = await this.writeBack.fetch(scope, () =>
      stripe.refunds.create(
        { charge: p.charge, amount: p.amount, ...(p.reason ? { reason: p.reason } : {}), metadata },
        { idempotencyKey },
      ),
    );
    await this.writeBack.refresh(scope, () => stripe.charges.retrieve(p.charge));
    return {
      id: refund.id,
      status: refund.status ?? null,
      requestId: refund.lastResponse?.requestId ?? null,
      object: refund,
    };
  }

  /** The charge from the cache, or from Stripe when sync hasn't fetched it yet. */
  private async charge(scope: Scope, chargeId: string): Promise<Json> {
    const cached = this.deps.caches.open(scope).get<Json>('charges', chargeId);
    if (cached) return cached;
    const stripe = await this.options.gateway.client(scope);
    return (await this.writeBack.fetch(scope, () => stripe.charges.retrieve(chargeId))) as unknown as Json;
  }

  /** The checks Stripe would make, done locally first so the agent gets a clear answer without a request. */
  private check(scope: Scope, charge: Json, amount: number): void {
    const currency = str(charge.currency) ?? 'usd';
    if (!bool(charge.captured)) {
      throw new ConsoleError(
        'conflict',
        'This payment hasn’t been captured, so there is nothing to refund. Cancel the payment instead.',
      );
    }
    const refundable = refundableOf(charge);
    if (bool(charge.refunded) || refundable === 0) {
      throw new ConsoleError('conflict', 'This payment is already fully refunded.', {
        details: { refundable: 0, currency },
      });
    }
    if (amount > refundable) {
      throw new ConsoleError('invalid_input', 'That is more than is still refundable on this payment.', {
        details: { refundable, currency },
      });
    }
    if (bool(charge.disputed) && !this.disputeAllowsRefund(scope, str(charge.id) ?? '')) {
      throw new ConsoleError(
        'conflict',
        'This payment was charged back in a dispute, so it can no longer be refunded. Handle it in Disputes.',
      );
    }
  }

  private disputeAllowsRefund(scope: Scope, chargeId: string): boolean {
    const flag = this.deps.caches
      .open(scope)
      .db.prepare(
        `SELECT is_charge_refundable FROM disputes WHERE charge = ? AND deleted = 0 ORDER BY created DESC LIMIT 1`,
      )
      .pluck()
      .get(chargeId) as number | null | undefined;
    return flag !== 0;
  }
}
