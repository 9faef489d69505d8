import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import { closedReview } from '../objects/review';
import { columnFilters, listObjects } from './shared/list';
import { emitEvent, loadObject, saveObject } from './shared/objects';

const warningsRead = { resource: 'radar_early_fraud_warning', access: 'read' } as const;
const reviewRead = { resource: 'review', access: 'read' } as const;
const reviewWrite = { resource: 'review', access: 'write' } as const;

type Warning = Stripe.Radar.EarlyFraudWarning & { [k: string]: unknown };
type Review = Stripe.Review & { [k: string]: unknown };

function onCharge<T extends { [k: string]: unknown; id: string; object: string }>(
  ctx: RequestContext,
  type: 'early_fraud_warning' | 'review',
  chargeId: string,
): T[] {
  return ctx.env.store.list<T>({ mode: ctx.mode, type, filters: [{ column: 'ref1', values: [chargeId] }], limit: 100 })
    .data;
}

function closeReview(ctx: RequestContext, review: Review, reason: Stripe.Review.ClosedReason): Stripe.Review {
  const after = closedReview(review, reason);
  saveObject(ctx, 'review', after);
  emitEvent(ctx, 'review.closed', after, review);
  return after;
}

function settleWarnings(ctx: RequestContext, chargeId: string): void {
  for (const warning of onCharge<Warning>(ctx, 'early_fraud_warning', chargeId)) {
    if (!warning.actionable) continue;
    const after = { ...warning, actionable: false };
    saveObject(ctx, 'early_fraud_warning', after);
    emitEvent(ctx, 'radar.early_fraud_warning.updated', after, warning);
  }
}

/**
 * What a refund does to Radar: any refund closes the charge's open review (`refunded`, or `refunded_as_fraud`
 * with reason `fraudulent`); a full refund leaves its early fraud warnings nothing to act on.
 */
export function radarAfterRefund(ctx: RequestContext, chargeId: string, reason: string | undefined): void {
  for (const review of onCharge<Review>(ctx, 'review', chargeId))
    if (review.open) closeReview(ctx, review, reason === 'fraudulent' ? 'refunded_as_fraud' : 'refunded');
  const charge = loadObject<Stripe.Charge>(ctx, 'charge', chargeId);
  if (charge.refunded) settleWarnings(ctx, chargeId);
}

/** A dispute closes the charge's review (`disputed`) and its warnings stop being actionable. */
export function radarAfterDispute(ctx: RequestContext, chargeId: string): void {
  for (const review of onCharge<Review>(ctx, 'review', chargeId)) if (review.open) closeReview(ctx, review, 'disputed');
  settleWarnings(ctx, chargeId);
}

function approve(ctx: RequestContext): Stripe.Review {
  const review = loadObject<Review>(ctx, 'review', ctx.pathParams.id as string);
  if (!review.open) throw invalidRequest(`This review (${review.id}) is already closed.`, 'review');
  return closeReview(ctx, review, 'approved');
}

export const radarRoutes = [
  route('GET', '/v1/radar/early_fraud_warnings', warningsRead, (ctx) =>
    listObjects(ctx, 'early_fraud_warning', '/v1/radar/early_fraud_warnings', {
      filters: columnFilters(ctx.params, { charge: 'ref1', payment_intent: 'ref2' }),
    }),
  ),
  route('GET', '/v1/radar/early_fraud_warnings/:id', warningsRead, (ctx) =>
    loadObject(ctx, 'early_fraud_warning', ctx.pathParams.id as string),
  ),
  route('GET', '/v1/reviews', reviewRead, (ctx) => listObjects(ctx, 'review', '/v1/reviews')),
  route('GET', '/v1/reviews/:id', reviewRead, (ctx) => loadObject(ctx, 'review', ctx.pathParams.id as string)),
  route('POST', '/v1/reviews/:id/approve', reviewWrite, approve),
];
