import type Stripe from 'stripe';
import {
  ConsoleError,
  type RadarCharge,
  type ReviewRow,
  type Scope,
  type WarningRow,
} from '../../src-preload/contract';
import type { MutationLedger } from '../mutations/mutation-ledger';
import type { StripeGateway } from '../stripe/gateway';
import type { CacheAccess } from '../cache/cache-access';
import { WriteBack, answerOf } from '../mutations/write-back';
import type { RadarRepo } from '../cache/repos/radar-repo';

/** The metadata key that carries the ledger's intent id on every refund the console creates. */
const INTENT_METADATA = 'console_intent';

export const WARNING_REFUND = 'early_fraud_warning.refund';
export const REVIEW_APPROVE = 'review.approve';
export const REVIEW_REFUND = 'review.refund';

interface RadarRefundParams {
  charge: string;
  amount: number;
  fraudulent: boolean;
  /** The warning or review the refund answers, stamped on the refund for whoever reads it in Stripe. */
  source: string;
}

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    [WARNING_REFUND]: { params: RadarRefundParams; result: Stripe.Refund };
    [REVIEW_REFUND]: { params: RadarRefundParams; result: Stripe.Refund };
    [REVIEW_APPROVE]: { params: { review: string }; result: Stripe.Review };
  }
}

export interface RadarServiceOptions {
  ledger: MutationLedger;
  gateway: StripeGateway;
  agent: () => string;
  now: () => number;
}

/**
 * Acting on Radar, exactly once through the ledger: refunding a warned charge before it becomes a dispute, and
 * closing a review by approving or refunding its payment. Checks run against the cache first, for plain answers
 * without a request; a resend of a recorded intent skips them (the cache may already show its own effect).
 */
export class RadarService {
  private readonly writeBack: WriteBack;

  constructor(
    private readonly options: RadarServiceOptions,
    private readonly deps: CacheAccess,
  ) {
    this.writeBack = new WriteBack(deps.applyObject, options.now);
    for (const kind of [WARNING_REFUND, REVIEW_REFUND] as const) {
      options.ledger.register(kind, {
        send: async (stripe, p, context) =>
          answerOf(
            await stripe.refunds.create(
              {
                charge: p.charge,
                amount: p.amount,
                ...(p.fraudulent ? { reason: 'fraudulent' as const } : {}),
                metadata: { [INTENT_METADATA]: context.intentId, radar: p.source },
              },
              context.requestOptions,
            ),
          ),
        find: async (stripe, p, context) => {
          const refunds = await stripe.refunds.list({ charge: p.charge, limit: 100 });
          const mine = refunds.data.find((r) => r.metadata?.[INTENT_METADATA] === context.intentId);
          return mine ? answerOf(mine) : null;
        },
        settle: (scope, outcome, sentAt) => this.afterRefund(scope, outcome.object, sentAt),
      });
    }
    options.ledger.register(REVIEW_APPROVE, {
      send: async (stripe, p, context) => answerOf(await stripe.reviews.approve(p.review, {}, context.requestOptions)),
      // Approval is a state change: an approved review is the effect, whoever approved it.
      find: async (stripe, p) => {
        const review = await stripe.reviews.retrieve(p.review);
        return review.closed_reason === 'approved' ? answerOf(review) : null;
      },
      settle: (scope, outcome, sentAt) => this.writeBack.apply(scope, outcome.object, sentAt),
    });
  }

  queries(scope: Scope): RadarRepo {
    return this.deps.caches.open(scope).radar;
  }

  async refundWarning(scope: Scope, warningId: string, intentId: string): Promise<WarningRow> {
    const warning = this.queries(scope).warning(warningId);
    if (!warning) throw new ConsoleError('not_found', 'This warning is not in the local copy yet. Let sync finish.');
    const resend = this.options.ledger.find(intentId);
    if (!resend && !warning.actionable) {
      throw new ConsoleError('conflict', 'Nothing left to prevent: this payment was already refunded or disputed.');
    }
    await this.refund(scope, WARNING_REFUND, warningId, warning.charge, intentId, true);
    return this.queries(scope).warning(warningId) ?? warning;
  }

  async refundReview(scope: Scope, reviewId: string, intentId: string, fraudulent: boolean): Promise<ReviewRow> {
    const review = this.openReview(scope, reviewId, intentId);
    await this.refund(scope, REVIEW_REFUND, reviewId, review.charge, intentId, fraudulent);
    return this.queries(scope).review(reviewId) ?? review;
  }

  async approveReview(scope: Scope, reviewId: string, intentId: string): Promise<ReviewRow> {
    const review = this.openReview(scope, reviewId, intentId);
    await this.options.ledger.run({
      scope,
      kind: REVIEW_APPROVE,
      targetId: reviewId,
      intentId,
      amount: review.charge?.amount ?? null,
      currency: review.charge?.currency ?? null,
      agent: this.options.agent(),
      params: { review: reviewId },
    });
    return this.queries(scope).review(reviewId) ?? review;
  }

  private openReview(scope: Scope, reviewId: string, intentId: string): ReviewRow {
    const review = this.queries(scope).review(reviewId);
    if (!review) throw new ConsoleError('not_found', 'This review is not in the local copy yet. Let sync finish.');
    if (!review.open && !this.options.ledger.find(intentId)) {
      throw new ConsoleError('conflict', `This review is already closed (${review.closedReason ?? review.reason}).`);
    }
    return review;
  }

  /** Refunds what is left of the charge: one step, no amount to type. */
  private async refund(
    scope: Scope,
    kind: typeof WARNING_REFUND | typeof REVIEW_REFUND,
    source: string,
    charge: RadarCharge | null,
    intentId: string,
    fraudulent: boolean,
  ): Promise<void> {
    if (!charge) throw new ConsoleError('not_found', 'The payment is not in the local copy yet. Let sync finish.');
    const recorded = this.options.ledger.find(intentId);
    const amount = recorded ? (recorded.params as RadarRefundParams).amount : charge.amount - charge.amountRefunded;
    if (!recorded && (charge.disputed || amount <= 0)) {
      throw new ConsoleError(
        'conflict',
        charge.disputed
          ? 'This payment is already disputed: answer the dispute in Disputes instead.'
          : 'This payment is already fully refunded.',
      );
    }
    await this.options.ledger.run({
      scope,
      kind,
      targetId: source,
      intentId,
      amount,
      currency: charge.currency,
      agent: this.options.agent(),
      params: { charge: charge.id, amount, fraudulent, source },
    });
  }

  /** The refund, then what it changed: the charge, its warnings (no longer actionable) and its review (closed). */
  private async afterRefund(scope: Scope, refund: Stripe.Refund, sentAt: number): Promise<void> {
    this.writeBack.apply(scope, refund, sentAt);
    const chargeId = typeof refund.charge === 'string' ? refund.charge : (refund.charge?.id ?? null);
    if (!chargeId) return;
    const stripe = await this.options.gateway.client(scope);
    await this.writeBack.refresh(scope, () => stripe.charges.retrieve(chargeId));
    for (const w of (await stripe.radar.earlyFraudWarnings.list({ charge: chargeId }).catch(() => null))?.data ?? [])
      this.writeBack.apply(scope, w, sentAt);
    const charge = await stripe.charges.retrieve(chargeId).catch(() => null);
    const reviewId = typeof charge?.review === 'string' ? charge.review : (charge?.review?.id ?? null);
    if (reviewId) await this.writeBack.refresh(scope, () => stripe.reviews.retrieve(reviewId));
  }
}
