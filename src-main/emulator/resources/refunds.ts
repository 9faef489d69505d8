import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import { formatAmount } from '../money';
import { buildRefund, refundedCharge, REFUND_REASONS, type RefundStatus } from '../objects/refund';
import { REFUND_BEHAVIOURS } from '../objects/test-cards';
import { radarAfterRefund } from './radar';
import { recordBalanceTransaction } from './shared/balance';
import { columnFilters, listObjects } from './shared/list';
import { emitEvent, loadObject, saveObject } from './shared/objects';

const read = { resource: 'refund', access: 'read' } as const;
const write = { resource: 'refund', access: 'write' } as const;

/** Statuses whose amount counts as refunded on the charge. */
const HOLDS_AMOUNT: readonly string[] = ['pending', 'requires_action', 'succeeded'];

function chargeToRefund(ctx: RequestContext): Stripe.Charge {
  const chargeId = ctx.params.string('charge');
  const piId = ctx.params.string('payment_intent');
  if (chargeId && piId) throw invalidRequest('You can only specify one of charge or payment_intent.', 'payment_intent');
  if (chargeId) return loadObject<Stripe.Charge>(ctx, 'charge', chargeId, 'charge');
  if (!piId)
    throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.');
  const pi = loadObject<Stripe.PaymentIntent>(ctx, 'payment_intent', piId, 'payment_intent');
  if (pi.status !== 'succeeded' || typeof pi.latest_charge !== 'string') {
    throw invalidRequest(
      `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
      'payment_intent',
    );
  }
  return loadObject<Stripe.Charge>(ctx, 'charge', pi.latest_charge, 'payment_intent');
}

/** Once a dispute stops being refundable (submitted, won or lost), Stripe refuses refunds of the charge. */
function assertNotChargedBack(ctx: RequestContext, charge: Stripe.Charge): void {
  if (!charge.disputed) return;
  const disputes = ctx.env.store.list<Stripe.Dispute & { [k: string]: unknown }>({
    mode: ctx.mode,
    type: 'dispute',
    filters: [{ column: 'ref1', values: [charge.id] }],
    limit: 10,
  }).data;
  if (disputes.some((d) => !d.is_charge_refundable)) {
    throw invalidRequest(
      `Charge ${charge.id} has been charged back; cannot issue a refund.`,
      'charge',
      'charge_disputed',
    );
  }
}

/** Card test numbers (and an explicit metadata escape hatch) decide refunds that do not succeed at once. */
function initialStatus(charge: Stripe.Charge, metadata: Record<string, string>): RefundStatus {
  const requested = metadata.emulator_refund_status;
  if (requested === 'pending' || requested === 'requires_action' || requested === 'failed') return requested;
  return REFUND_BEHAVIOURS[charge.payment_method_details?.card?.last4 ?? ''] ?? 'succeeded';
}

function create(ctx: RequestContext): Stripe.Refund {
  const p = ctx.params;
  const charge = chargeToRefund(ctx);
  const reason = p.string('reason');
  if (reason !== undefined && !(REFUND_REASONS as readonly string[]).includes(reason)) {
    throw invalidRequest(`Invalid reason: must be one of ${REFUND_REASONS.join(', ')}`, 'reason');
  }
  if (charge.status !== 'succeeded')
    throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, 'charge');
  assertNotChargedBack(ctx, charge);
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0 || charge.refunded) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, 'charge', 'charge_already_refunded');
  }
  const amount = p.integer('amount') ?? remaining;
  if (amount < 1) throw invalidRequest('Invalid positive integer', 'amount');
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      'amount',
      'amount_too_large',
    );
  }
  const metadata = p.metadata({}) ?? {};
  const status = initialStatus(charge, metadata);
  const created = ctx.env.clock.nowSeconds();
  const id = ctx.env.ids.make('re', created);
  const txn =
    status === 'failed'
      ? null
      : recordBalanceTransaction(ctx, {
          amount: -amount,
          currency: charge.currency,
          source: id,
          type: 'refund',
          description: 'REFUND FOR CHARGE',
        });
  const refund = buildRefund({
    id,
    created,
    amount,
    ...refundedCharge(charge),
    reason: (reason as Stripe.Refund.Reason | undefined) ?? null,
    status,
    balanceTransaction: txn?.id ?? null,
    metadata,
  });
  saveObject(ctx, 'refund', refund);
  emitEvent(ctx, 'refund.created', refund);
  if (HOLDS_AMOUNT.includes(status)) {
    adjustCharge(ctx, charge, amount);
    radarAfterRefund(ctx, charge.id, reason);
  }
  return refund;
}

/** Moves amount_refunded on the charge and emits charge.refunded. */
function adjustCharge(ctx: RequestContext, charge: Stripe.Charge, delta: number): void {
  const amountRefunded = charge.amount_refunded + delta;
  const after: Stripe.Charge = {
    ...charge,
    amount_refunded: amountRefunded,
    refunded: amountRefunded >= charge.amount,
  };
  saveObject(ctx, 'charge', after);
  if (delta > 0) emitEvent(ctx, 'charge.refunded', after, charge);
  else emitEvent(ctx, 'charge.updated', after, charge);
}

/** Moves a refund to a new status (also used by admin helpers), keeping the charge consistent. */
export function transitionRefund(ctx: RequestContext, refund: Stripe.Refund, status: RefundStatus): Stripe.Refund {
  const after: Stripe.Refund = { ...refund, status };
  if (status !== 'pending') delete after.pending_reason;
  if (status === 'failed') after.failure_reason = 'expired_or_canceled_card';
  saveObject(ctx, 'refund', after);
  emitEvent(ctx, status === 'failed' ? 'refund.failed' : 'refund.updated', after, refund);
  emitEvent(ctx, 'charge.refund.updated', after, refund);
  const wasHolding = HOLDS_AMOUNT.includes(refund.status ?? '');
  if (wasHolding && !HOLDS_AMOUNT.includes(status) && typeof refund.charge === 'string') {
    adjustCharge(ctx, loadObject<Stripe.Charge>(ctx, 'charge', refund.charge), -refund.amount);
  }
  return after;
}

function cancel(ctx: RequestContext): Stripe.Refund {
  const refund = loadObject<Stripe.Refund>(ctx, 'refund', ctx.pathParams.id as string);
  if (refund.status !== 'requires_action') {
    throw invalidRequest(
      `You can't cancel a refund with a status of ${refund.status}. Only refunds with a status of requires_action can be canceled.`,
      'refund',
    );
  }
  return transitionRefund(ctx, refund, 'canceled');
}

function update(ctx: RequestContext): Stripe.Refund {
  const before = loadObject<Stripe.Refund>(ctx, 'refund', ctx.pathParams.id as string);
  const metadata = ctx.params.metadata(before.metadata ?? {});
  const after = metadata ? { ...before, metadata } : before;
  saveObject(ctx, 'refund', after);
  if (after !== before) emitEvent(ctx, 'refund.updated', after, before);
  return after;
}

export const refundRoutes = [
  route('GET', '/v1/refunds', read, (ctx) =>
    listObjects(ctx, 'refund', '/v1/refunds', {
      filters: columnFilters(ctx.params, { charge: 'ref1', payment_intent: 'ref2' }),
    }),
  ),
  route('POST', '/v1/refunds', write, create, {
    accepts: ['charge', 'payment_intent', 'amount', 'reason', 'metadata'],
  }),
  route('GET', '/v1/refunds/:id', read, (ctx) => loadObject(ctx, 'refund', ctx.pathParams.id as string)),
  route('POST', '/v1/refunds/:id', write, update, { accepts: ['metadata'] }),
  route('POST', '/v1/refunds/:id/cancel', write, cancel, { accepts: [] }),
];
