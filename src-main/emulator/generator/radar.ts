import type Stripe from 'stripe';
import { buildEarlyFraudWarning, FRAUD_TYPES } from '../objects/early-fraud-warning';
import { buildReview, closedReview } from '../objects/review';
import { REFUND_BEHAVIOURS } from '../objects/test-cards';
import type { ObjectStore } from '../store/object-store';
import type { Mode, StripeObject } from '../store/types';
import { DAY, type GeneratorContext } from './context';

type Charge = Stripe.Charge & StripeObject;

/** Open reviews and actionable warnings every dataset has, however small, so the Radar views are never empty. */
const MIN_OPEN_REVIEWS = 4;
const ACTIONABLE_WARNINGS = 4;

/**
 * Radar for one mode, after the payments exist: a review for every charge Radar held for manual review (open while
 * recent, else closed the way its charge went), and early fraud warnings on recent charges — most still
 * actionable, one on a refunded charge and one on a disputed charge that no longer are.
 */
export function generateRadar(ctx: GeneratorContext, store: ObjectStore, mode: Mode): void {
  const charges = store.list<Charge>({
    mode,
    type: 'charge',
    filters: [{ column: 'status', values: ['succeeded'] }],
    limit: 2000,
  }).data;
  const captured = charges.filter((c) => c.captured);
  const untouched = captured.filter(
    (c) => !c.refunded && !c.disputed && c.amount_refunded === 0 && !REFUND_BEHAVIOURS[last4(c)],
  );
  // Recent untouched charges: first the warnings' (so they stay refundable), then extra reviews if needed.
  const warned = untouched.slice(0, ACTIONABLE_WARNINGS);
  const heldRecently = untouched.slice(ACTIONABLE_WARNINGS).filter((c) => isHeld(c) && recent(ctx, c)).length;
  const extraHeld = untouched.slice(ACTIONABLE_WARNINGS, ACTIONABLE_WARNINGS + 12).filter((c) => !isHeld(c));
  for (const charge of extraHeld.slice(0, Math.max(0, MIN_OPEN_REVIEWS - heldRecently))) holdForReview(ctx, charge);
  for (const charge of captured) if (isHeld(charge)) generateReview(ctx, charge);
  for (const charge of warned) generateWarning(ctx, charge, true);
  const settled = [captured.find((c) => c.refunded), captured.find((c) => c.disputed)];
  for (const charge of settled) if (charge) generateWarning(ctx, charge, false);
}

const last4 = (c: Charge) => c.payment_method_details?.card?.last4 ?? '';
const isHeld = (c: Charge) => c.outcome?.type === 'manual_review';
const recent = (ctx: GeneratorContext, c: Charge) => c.created > ctx.now - 10 * DAY;

/** Raises a charge's risk to "elevated", which is what makes Radar hold it for review. */
function holdForReview(ctx: GeneratorContext, charge: Charge): void {
  const score = ctx.prng.int(66, 75);
  charge.outcome = {
    ...charge.outcome!,
    risk_level: 'elevated',
    risk_score: score,
    reason: 'elevated_risk_level',
    type: 'manual_review',
  };
}

function generateReview(ctx: GeneratorContext, charge: Charge): void {
  const p = ctx.prng;
  const created = charge.created + 1;
  const billing = charge.billing_details.address;
  const open = buildReview({
    id: ctx.ids.make('prv', created),
    created,
    livemode: ctx.livemode,
    charge: charge.id,
    paymentIntent: typeof charge.payment_intent === 'string' ? charge.payment_intent : null,
    openedReason: p.chance(0.85) ? 'rule' : 'manual',
    billingZip: billing?.postal_code ?? null,
    ipAddress: `${p.int(11, 223)}.${p.int(0, 255)}.${p.int(0, 255)}.${p.int(1, 254)}`,
    location: { city: billing?.city ?? 'Unknown', country: billing?.country ?? 'US' },
  });
  ctx.event('review.opened', open, created);
  const stillOpen = recent(ctx, charge) && !charge.refunded && !charge.disputed;
  const review = stillOpen
    ? open
    : closedReview(open, charge.disputed ? 'disputed' : charge.refunded ? 'refunded' : 'approved');
  if (!stillOpen) ctx.event('review.closed', review, ctx.between(created, Math.min(ctx.now, created + 2 * DAY)));
  ctx.put('review', review);
  ctx.put('charge', { ...charge, review: review.id });
}

function generateWarning(ctx: GeneratorContext, charge: Charge, actionable: boolean): void {
  const created = Math.min(ctx.now - 60, charge.created + ctx.prng.int(3600, 3 * DAY));
  const warning = buildEarlyFraudWarning({
    id: ctx.ids.make('issfr', created),
    created,
    livemode: ctx.livemode,
    charge: charge.id,
    paymentIntent: typeof charge.payment_intent === 'string' ? charge.payment_intent : null,
    fraudType: ctx.prng.pick(FRAUD_TYPES),
    actionable,
  });
  ctx.put('early_fraud_warning', warning);
  // The warning was actionable when it arrived, whatever happened to the charge since.
  const arrived = { ...warning, actionable: true };
  ctx.event('radar.early_fraud_warning.created', arrived, created);
}
