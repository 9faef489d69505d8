import {
  ConsoleError,
  type RefundReason,
  type RefundResult,
  type RefundRow,
  type Scope,
  type ChargeSummary,
} from '../../src-preload/contract';
import type { MutationLedger } from '../mutations/mutation-ledger';
import type { StripeGateway } from '../stripe/gateway';
import { refundableOf, toChargeSummary } from '../cache/rows/payment-rows';
import type { CacheAccess } from '../cache/cache-access';
import { bool, idOf, int, str, type Json } from '../stripe/stripe-json';
import { WriteBack, answerOf, toJson } from '../mutations/write-back';
import { toRefundRow } from '../cache/rows/refund-rows';
import { REFUND_CANCEL, REFUND_CREATE } from '../mutations/refund-kind';

/** The metadata key that carries the ledger's intent id on every refund the console creates. */
export const INTENT_METADATA = 'console_intent';

export interface RefundRequest {
  chargeId: string;
  amount: number;
  reason?: RefundReason | undefined;
  note?: string | undefined;
  intentId: string;
}

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
    private readonly deps: CacheAccess,
  ) {
    this.writeBack = new WriteBack(deps.applyObject, options.now);
    options.ledger.register(REFUND_CREATE, {
      send: async (stripe, p, context) =>
        answerOf(
          await stripe.refunds.create(
            {
              charge: p.charge,
              amount: p.amount,
              ...(p.reason ? { reason: p.reason } : {}),
              // The intent id on the refund lets a later look-up find it without the idempotency key.
              metadata: { [INTENT_METADATA]: context.intentId, ...(p.note ? { note: p.note } : {}) },
            },
            context.requestOptions,
          ),
        ),
      find: async (stripe, p, context) => {
        const refunds = await stripe.refunds
          .list({ charge: p.charge, limit: 100 })
          .autoPagingToArray({ limit: 10_000 });
        const mine = refunds.find((r) => r.metadata?.[INTENT_METADATA] === context.intentId);
        return mine ? answerOf(mine) : null;
      },
      settle: async (scope, outcome, sentAt) => {
        this.writeBack.apply(scope, outcome.object, sentAt);
        const stripe = await this.options.gateway.client(scope);
        const chargeId = idOf(outcome.object.charge);
        if (chargeId) await this.writeBack.refresh(scope, () => stripe.charges.retrieve(chargeId));
      },
    });
    options.ledger.register(REFUND_CANCEL, {
      send: async (stripe, p, context) => answerOf(await stripe.refunds.cancel(p.refund, {}, context.requestOptions)),
      // Cancelling is a state change: a canceled refund is the effect, whoever asked for it.
      find: async (stripe, p) => {
        const refund = await stripe.refunds.retrieve(p.refund);
        return refund.status === 'canceled' ? answerOf(refund) : null;
      },
      settle: (scope, outcome, sentAt) => this.writeBack.apply(scope, outcome.object, sentAt),
    });
  }

  async refund(scope: Scope, request: RefundRequest): Promise<RefundResult> {
    // A resend of a recorded intent skips the checks (the cache may already show its own refund) and lets the
    // ledger judge whether it is the same request.
    const recorded = this.options.ledger.find(request.intentId);
    const currency = recorded ? recorded.currency : await this.checked(scope, request);
    const outcome = await this.options.ledger.run({
      scope,
      kind: REFUND_CREATE,
      targetId: request.chargeId,
      intentId: request.intentId,
      amount: request.amount,
      currency,
      agent: this.options.agent(),
      params: {
        charge: request.chargeId,
        amount: request.amount,
        reason: request.reason ?? null,
        note: request.note || null,
      },
    });
    return { refund: toRefundRow(toJson(outcome.object)), charge: this.cachedCharge(scope, request.chargeId) };
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
    const outcome = await this.options.ledger.run({
      scope,
      kind: REFUND_CANCEL,
      targetId: refundId,
      intentId,
      amount: cached ? int(cached.amount) : null,
      currency: cached ? str(cached.currency) : null,
      agent: this.options.agent(),
      params: { refund: refundId },
    });
    return toRefundRow(toJson(outcome.object));
  }

  /** Re-reads a refund whose status may have moved on (pending → succeeded, requires_action → canceled…). */
  async refresh(scope: Scope, refundId: string): Promise<RefundRow> {
    const stripe = await this.options.gateway.client(scope);
    const refund = await this.writeBack.fetch(scope, () => stripe.refunds.retrieve(refundId));
    return toRefundRow(toJson(refund));
  }

  /** The charge as the cache has it after the refund (best effort: a failed read leaves the view to sync). */
  private cachedCharge(scope: Scope, chargeId: string): ChargeSummary | null {
    try {
      const charge = this.deps.caches.open(scope).get<Json>('charges', chargeId);
      return charge ? toChargeSummary(charge) : null;
    } catch {
      return null;
    }
  }

  /** Checks a new refund against its charge; answers the charge's currency. */
  private async checked(scope: Scope, request: RefundRequest): Promise<string | null> {
    const charge = await this.charge(scope, request.chargeId);
    this.check(scope, charge, request.amount);
    return str(charge.currency);
  }

  /** The charge from the cache, or from Stripe when sync hasn't fetched it yet. */
  private async charge(scope: Scope, chargeId: string): Promise<Json> {
    const cached = this.deps.caches.open(scope).get<Json>('charges', chargeId);
    if (cached) return cached;
    const stripe = await this.options.gateway.client(scope);
    return toJson(await this.writeBack.fetch(scope, () => stripe.charges.retrieve(chargeId)));
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
    return this.deps.caches.open(scope).disputes.allowsRefund(chargeId) !== false;
  }
}
