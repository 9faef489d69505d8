import type Stripe from 'stripe';
import { ACCOUNT_NAME } from '../objects/account';
import { buildInvoice } from '../objects/invoice';
import { buildSubscription } from '../objects/subscription';
import { DAY, type CustomerDraft, type GeneratorContext } from './context';

const SUB_STATUSES: readonly (readonly [Stripe.Subscription.Status, number])[] = [
  ['active', 45],
  ['trialing', 10],
  ['past_due', 8],
  ['unpaid', 4],
  ['paused', 4],
  ['canceled', 18],
  ['incomplete', 5],
  ['incomplete_expired', 6],
];

export function generateSubscription(ctx: GeneratorContext, draft: CustomerDraft, currency: string): void {
  const p = ctx.prng;
  const status =
    ctx.counters.subscriptions < SUB_STATUSES.length
      ? (SUB_STATUSES[ctx.counters.subscriptions]?.[0] as Stripe.Subscription.Status)
      : p.weighted(SUB_STATUSES);
  ctx.counters.subscriptions += 1;
  const candidates = ctx.prices.filter((price) => price.currency === currency);
  const price = p.pick(candidates.length > 0 ? candidates : ctx.prices);
  const periodDays = price.recurring?.interval === 'year' ? 365 : 30;
  const created =
    status === 'trialing' || status === 'incomplete'
      ? ctx.between(ctx.now - 10 * DAY, ctx.now)
      : ctx.between(draft.customer.created, ctx.now - DAY);
  const elapsedPeriods = Math.floor((ctx.now - created) / (periodDays * DAY));
  const periodStart = created + elapsedPeriods * periodDays * DAY;
  const ended = status === 'canceled' || status === 'incomplete_expired';
  const endedAt = ended ? ctx.between(Math.max(created + DAY, periodStart - periodDays * DAY), ctx.now) : null;
  const id = ctx.ids.make('sub', created);
  const invoices = generateInvoices(ctx, draft, id, price, status, created, periodStart, periodDays);
  const subscription = subscriptionObject(
    ctx,
    draft,
    id,
    price,
    status,
    created,
    periodStart,
    periodDays,
    endedAt,
    invoices.at(-1) ?? null,
  );
  ctx.put('subscription', subscription);
  ctx.event('customer.subscription.created', subscription, created, true);
  if (status === 'past_due' || status === 'unpaid') draft.customer.delinquent = true;
}

function subscriptionObject(
  ctx: GeneratorContext,
  draft: CustomerDraft,
  id: string,
  price: Stripe.Price,
  status: Stripe.Subscription.Status,
  created: number,
  periodStart: number,
  periodDays: number,
  endedAt: number | null,
  latestInvoice: string | null,
): Stripe.Subscription {
  const p = ctx.prng;
  const trialing = status === 'trialing';
  return buildSubscription({
    id,
    itemId: `si_${p.string(14)}`,
    created,
    livemode: ctx.livemode,
    customer: draft.customer.id,
    price,
    quantity: p.chance(0.8) ? 1 : p.int(2, 25),
    status,
    periodStart: trialing ? created : periodStart,
    periodEnd: trialing ? created + 14 * DAY : periodStart + periodDays * DAY,
    trialStart: trialing || p.chance(0.2) ? created : null,
    trialEnd: trialing || p.chance(0.2) ? created + 14 * DAY : null,
    cancelAtPeriodEnd: status === 'active' && p.chance(0.1),
    canceledAt: endedAt,
    endedAt,
    pauseBehavior:
      status === 'active' && p.chance(0.05) ? p.pick(['keep_as_draft', 'mark_uncollectible', 'void'] as const) : null,
    latestInvoice,
    defaultPaymentMethod: draft.cards[0]?.pm.id ?? null,
    metadata: p.chance(0.25) ? { seats_source: p.pick(['sales', 'self_serve']) } : {},
  });
}

function generateInvoices(
  ctx: GeneratorContext,
  draft: CustomerDraft,
  subscription: string,
  price: Stripe.Price,
  status: Stripe.Subscription.Status,
  created: number,
  periodStart: number,
  periodDays: number,
): string[] {
  if (status === 'trialing') return [];
  const p = ctx.prng;
  const ids: string[] = [];
  const count = Math.min(3, 1 + Math.floor((periodStart - created) / (periodDays * DAY)));
  for (let i = count - 1; i >= 0; i--) {
    const start = Math.max(created, periodStart - i * periodDays * DAY);
    const latest = i === 0;
    const invoiceStatus: Stripe.Invoice.Status = !latest
      ? 'paid'
      : status === 'past_due' || status === 'incomplete'
        ? 'open'
        : status === 'unpaid'
          ? 'uncollectible'
          : status === 'incomplete_expired'
            ? 'void'
            : status === 'paused'
              ? 'draft'
              : 'paid';
    const invoice = buildInvoice({
      id: ctx.ids.make('in', start),
      lineId: `il_${p.string(24)}`,
      number:
        invoiceStatus === 'draft'
          ? null
          : `${draft.customer.invoice_prefix}-${String(ctx.counters.invoiceNumber++).padStart(4, '0')}`,
      created: start,
      livemode: ctx.livemode,
      customer: draft.customer.id,
      customerName: draft.billing.name,
      customerEmail: draft.billing.email,
      customerAddress: draft.billing.address,
      subscription,
      price,
      quantity: 1,
      status: invoiceStatus,
      periodStart: start,
      periodEnd: start + periodDays * DAY,
      attemptCount: invoiceStatus === 'draft' ? 0 : invoiceStatus === 'paid' ? 1 : p.int(1, 4),
      accountName: ACCOUNT_NAME,
      billingReason: i === count - 1 ? 'subscription_create' : 'subscription_cycle',
    });
    ctx.put('invoice', invoice);
    if (invoiceStatus === 'paid') ctx.event('invoice.paid', invoice, start + 3600);
    if (invoiceStatus === 'open') ctx.event('invoice.payment_failed', invoice, start + 3600);
    ids.push(invoice.id as string);
  }
  return ids;
}
