import type Stripe from 'stripe';
import { buildBalanceTransaction } from '../objects/balance-transaction';
import { buildCharge, type ChargeFailure } from '../objects/charge';
import type { CardInput } from '../objects/common';
import { buildDispute, DISPUTE_REASONS, DISPUTE_STATUSES } from '../objects/dispute';
import { buildPaymentIntent } from '../objects/payment-intent';
import { buildRefund, refundedCharge, type RefundStatus } from '../objects/refund';
import { DECLINES, REFUND_BEHAVIOURS } from '../objects/test-cards';
import { fromUsdCents, paymentAmount } from './amounts';
import { DAY, type CustomerDraft, type GeneratorContext } from './context';
import * as words from './vocabulary';

const PI_STATUSES: readonly (readonly [string, number])[] = [
  ['succeeded', 68],
  ['failed', 10],
  ['requires_capture', 4],
  ['canceled', 5],
  ['processing', 2],
  ['requires_action', 3],
  ['requires_confirmation', 2],
  ['requires_payment_method', 6],
];
const FAILURES = Object.entries(DECLINES);

export function generatePayment(ctx: GeneratorContext, draft: CustomerDraft, currency: string): void {
  const p = ctx.prng;
  const created = ctx.between(draft.customer.created, ctx.now);
  const { pm, card } = p.pick(draft.cards);
  const amount = paymentAmount(p, currency);
  // The first PaymentIntents cycle through every status; then they follow realistic weights.
  const status =
    ctx.counters.paymentIntents < PI_STATUSES.length
      ? (PI_STATUSES[ctx.counters.paymentIntents]?.[0] as string)
      : p.weighted(PI_STATUSES);
  ctx.counters.paymentIntents += 1;
  const piId = ctx.ids.make('pi', created);
  const description = `${p.pick(words.PAYMENT_DESCRIPTIONS)}${p.int(10000, 99999)}`;
  const failure: ChargeFailure | undefined = status === 'failed' ? (p.pick(FAILURES)[1] as ChargeFailure) : undefined;
  const charged = status === 'succeeded' || status === 'failed' || status === 'requires_capture';
  let chargeId: string | null = null;
  if (charged) {
    chargeId = generateCharge(ctx, {
      draft,
      pm,
      card,
      created,
      amount,
      currency,
      piId,
      description,
      failure,
      captured: status === 'succeeded',
    });
  }
  const piStatus: Stripe.PaymentIntent.Status =
    status === 'failed' ? 'requires_payment_method' : (status as Stripe.PaymentIntent.Status);
  const canceledAt = status === 'canceled' ? Math.min(ctx.now, created + p.int(60, 7 * DAY)) : null;
  const pi = buildPaymentIntent({
    id: piId,
    created,
    livemode: ctx.livemode,
    amount,
    currency,
    customer: draft.customer.id,
    paymentMethod: status === 'requires_payment_method' || status === 'failed' ? null : pm.id,
    status: piStatus,
    captureMethod: status === 'requires_capture' || p.chance(0.05) ? 'manual' : 'automatic',
    latestCharge: chargeId,
    description,
    ...(failure ? { failure: { ...failure, charge: chargeId } } : {}),
    canceledAt,
    cancellationReason:
      status === 'canceled' ? p.pick(['abandoned', 'requested_by_customer', 'duplicate', 'fraudulent'] as const) : null,
    receiptEmail: draft.customer.email,
    metadata: p.chance(0.2) ? { order_id: `ORD-${p.int(100000, 999999)}` } : {},
    clientSecretSuffix: p.string(25),
  });
  ctx.put('payment_intent', pi);
  if (status === 'succeeded') ctx.event('payment_intent.succeeded', pi, created + 2, true);
  if (status === 'failed') ctx.event('payment_intent.payment_failed', pi, created + 2, true);
  if (status === 'requires_capture') ctx.event('payment_intent.amount_capturable_updated', pi, created + 2, true);
  if (canceledAt) ctx.event('payment_intent.canceled', pi, canceledAt, true);
}

function generateCharge(
  ctx: GeneratorContext,
  input: {
    draft: CustomerDraft;
    pm: Stripe.PaymentMethod;
    card: CardInput;
    created: number;
    amount: number;
    currency: string;
    piId: string;
    description: string;
    failure: ChargeFailure | undefined;
    captured: boolean;
  },
): string {
  const p = ctx.prng;
  const { created, amount, currency } = input;
  const id = ctx.ids.make('ch', created);
  const succeeded = !input.failure;
  const txn =
    succeeded && input.captured
      ? buildBalanceTransaction({
          id: ctx.ids.make('txn', created),
          created,
          amount,
          currency,
          source: id,
          type: 'charge',
          description: input.description,
          available: created < ctx.now - 2 * DAY,
        })
      : null;
  if (txn) ctx.put('balance_transaction', txn);
  const riskScore =
    input.failure?.declineCode === 'fraudulent' || input.failure?.declineCode === 'stolen_card'
      ? p.int(76, 99)
      : p.chance(0.08)
        ? p.int(66, 75)
        : p.int(1, 64);
  let charge = buildCharge({
    id,
    created,
    livemode: ctx.livemode,
    amount,
    currency,
    customer: input.draft.customer.id,
    paymentIntent: input.piId,
    paymentMethod: input.pm.id,
    card: input.card,
    billing: { ...input.draft.billing, address: input.draft.billing.address },
    description: input.description,
    ...(input.failure ? { failure: input.failure } : {}),
    captured: input.captured,
    balanceTransaction: txn?.id ?? null,
    riskLevel: riskScore > 75 ? 'highest' : riskScore > 65 ? 'elevated' : 'normal',
    riskScore,
    receiptEmail: input.draft.customer.email,
    metadata: {},
  });
  ctx.event(succeeded ? 'charge.succeeded' : 'charge.failed', charge, created + 1, true);
  if (succeeded && input.captured) {
    if (p.chance(0.1)) charge = generateRefund(ctx, charge);
    if (p.chance(0.06) && !charge.refunded) charge = generateDispute(ctx, charge, input.card.brand);
  }
  ctx.put('charge', charge);
  return id;
}

function generateRefund(ctx: GeneratorContext, charge: Stripe.Charge): Stripe.Charge {
  const p = ctx.prng;
  const created = ctx.between(charge.created + 3600, ctx.now);
  const full = p.chance(0.5);
  const amount = full ? charge.amount : Math.max(1, Math.round((charge.amount * p.int(10, 90)) / 100 / 10) * 10);
  const last4 = charge.payment_method_details?.card?.last4 ?? '';
  const recent = created > ctx.now - 5 * DAY;
  const status: RefundStatus =
    REFUND_BEHAVIOURS[last4] && recent
      ? (REFUND_BEHAVIOURS[last4] as RefundStatus)
      : recent && p.chance(0.3)
        ? 'pending' // card refunds wait while the balance is short
        : p.chance(0.03)
          ? 'failed'
          : 'succeeded';
  const id = ctx.ids.make('re', created);
  // A failed refund never moved money.
  const txn =
    status === 'failed'
      ? null
      : buildBalanceTransaction({
          id: ctx.ids.make('txn', created),
          created,
          amount: -amount,
          currency: charge.currency,
          source: id,
          type: 'refund',
          description: 'REFUND FOR CHARGE',
          available: status === 'succeeded',
        });
  if (txn) ctx.put('balance_transaction', txn);
  const refund = buildRefund({
    id,
    created,
    amount,
    ...refundedCharge(charge),
    reason: p.pick(['requested_by_customer', 'requested_by_customer', 'duplicate', 'fraudulent', null] as const),
    status,
    balanceTransaction: txn?.id ?? null,
    metadata: p.chance(0.3) ? { ticket: `SUP-${p.int(1000, 9999)}` } : {},
  });
  ctx.put('refund', refund);
  ctx.event('refund.created', refund, created, true);
  if (status === 'failed') return charge;
  const refunded: Stripe.Charge = { ...charge, amount_refunded: amount, refunded: amount === charge.amount };
  ctx.event('charge.refunded', refunded, created, true);
  return refunded;
}

/** Disputes cycle through every status and reason; deadlines are spread around "now". */

function generateDispute(ctx: GeneratorContext, charge: Stripe.Charge, brand: string): Stripe.Charge {
  const p = ctx.prng;
  const k = ctx.counters.disputes++;
  const status = DISPUTE_STATUSES[k % DISPUTE_STATUSES.length] as Stripe.Dispute.Status;
  const reason = DISPUTE_REASONS[k % DISPUTE_REASONS.length] as (typeof DISPUTE_REASONS)[number];
  const open = status === 'needs_response' || status === 'warning_needs_response';
  const slot = Math.floor(k / DISPUTE_STATUSES.length) % 3;
  // Open disputes: a third due within 48 h, a third overdue, a third due in 3–15 days.
  const dueBy = open
    ? slot === 0
      ? ctx.now + p.int(6, 47) * 3600
      : slot === 1
        ? ctx.now - p.int(1, 5) * DAY
        : ctx.now + p.int(3, 15) * DAY
    : ctx.now - p.int(1, 60) * DAY;
  const created = Math.min(ctx.now - 3600, Math.max(charge.created + DAY, dueBy - 21 * DAY));
  const id = ctx.ids.make('dp', created);
  const chargeback = !status.startsWith('warning_');
  const withdrawals = chargeback
    ? [
        buildBalanceTransaction({
          id: ctx.ids.make('txn', created),
          created,
          amount: -charge.amount,
          currency: charge.currency,
          source: id,
          type: 'adjustment',
          description: `Chargeback withdrawal for ${charge.id}`,
          available: true,
          fee: { amount: fromUsdCents(1500, charge.currency), description: 'Dispute fee' },
        }),
      ]
    : [];
  // A won dispute gives the disputed amount back; the dispute fee stays with Stripe.
  if (status === 'won') {
    const reinstated = Math.min(ctx.now - 60, dueBy + 10 * DAY);
    withdrawals.push(
      buildBalanceTransaction({
        id: ctx.ids.make('txn', reinstated),
        created: reinstated,
        amount: charge.amount,
        currency: charge.currency,
        source: id,
        type: 'adjustment',
        description: `Chargeback reversal for ${charge.id}`,
        available: reinstated < ctx.now - 2 * DAY,
      }),
    );
  }
  for (const txn of withdrawals) ctx.put('balance_transaction', txn);
  const submitted = !open;
  const dispute = buildDispute({
    id,
    created,
    livemode: ctx.livemode,
    amount: charge.amount,
    currency: charge.currency,
    charge: charge.id,
    paymentIntent: typeof charge.payment_intent === 'string' ? charge.payment_intent : null,
    cardBrand: brand,
    reason,
    status,
    dueBy,
    pastDue: dueBy < ctx.now && open,
    hasEvidence: submitted || p.chance(0.2),
    submissionCount: submitted && status !== 'warning_closed' ? 1 : 0,
    balanceTransactions: withdrawals,
    chargeRefundable: open,
    metadata: {},
  });
  ctx.put('dispute', dispute);
  ctx.event('charge.dispute.created', dispute, created);
  return { ...charge, disputed: true };
}
