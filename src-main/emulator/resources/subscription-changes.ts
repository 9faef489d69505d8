import type Stripe from 'stripe';
import type { RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import type { Params } from '../http/params';
import { loadObject } from './shared/objects';
import { invoiceProrationsNow, prorationLineItems, type ProrationLine } from './subscription-invoicing';

const BEHAVIORS = ['create_prorations', 'none', 'always_invoice'] as const;
type Behavior = (typeof BEHAVIORS)[number];

interface ItemChange {
  price: Stripe.Price;
  quantity: number;
}

/** The one item's new price and quantity from `items[0][id|price|quantity]` (the demo's subscriptions have one item). */
function itemChange(
  items: Params[] | undefined,
  sub: Stripe.Subscription,
  ctx: RequestContext,
  prefix: string,
): ItemChange | null {
  if (!items?.length) return null;
  if (items.length > 1)
    throw invalidRequest('The demo account changes one subscription item at a time.', `${prefix}[1]`);
  const item = sub.items.data[0]!;
  const change = items[0]!;
  if (change.id !== undefined && change.id !== item.id)
    throw invalidRequest(`No such subscription item: '${String(change.id)}'`, `${prefix}[0][id]`, 'resource_missing');
  const price =
    typeof change.price === 'string'
      ? loadObject<Stripe.Price>(ctx, 'price', change.price, `${prefix}[0][price]`)
      : item.price;
  if (price.currency !== sub.currency)
    throw invalidRequest(
      `The price's currency (${price.currency}) must match the subscription's currency (${sub.currency}).`,
      `${prefix}[0][price]`,
    );
  if (!price.recurring) throw invalidRequest('The price must be recurring for a subscription.', `${prefix}[0][price]`);
  const quantity = change.quantity === undefined ? (item.quantity ?? 1) : Number(change.quantity);
  if (!Number.isInteger(quantity) || quantity < 1)
    throw invalidRequest('Quantity must be a positive integer.', `${prefix}[0][quantity]`);
  return { price, quantity };
}

/** Stripe's proration: unused time of the old item credited, the rest of the period at the new one charged. */
function prorationLines(sub: Stripe.Subscription, change: ItemChange, at: number): ProrationLine[] {
  const item = sub.items.data[0]!;
  const { current_period_start: start, current_period_end: end } = item;
  const share = (end - at) / (end - start);
  const oldAmount = (item.price.unit_amount ?? 0) * (item.quantity ?? 1);
  const newAmount = (change.price.unit_amount ?? 0) * change.quantity;
  if (oldAmount === newAmount) return [];
  const name = (p: Stripe.Price) => p.nickname ?? p.id;
  return [
    {
      description: `Unused time on ${item.quantity ?? 1} × ${name(item.price)}`,
      amount: -Math.round(oldAmount * share),
    },
    {
      description: `Remaining time on ${change.quantity} × ${name(change.price)}`,
      amount: Math.round(newAmount * share),
    },
  ];
}

function prorationDate(
  value: string | undefined,
  sub: Stripe.Subscription,
  ctx: RequestContext,
  param: string,
): number {
  const item = sub.items.data[0]!;
  if (value === undefined) return ctx.env.clock.nowSeconds();
  const at = Number(value);
  if (at < item.current_period_start || at > item.current_period_end)
    throw invalidRequest('The proration date must be within the current billing period.', param);
  return at;
}

function behaviorOf(value: unknown, param: string): Behavior {
  if (value === undefined) return 'create_prorations';
  if (!(BEHAVIORS as readonly unknown[]).includes(value)) throw invalidRequest(`Invalid ${param}`, param);
  return value as Behavior;
}

/**
 * `POST /v1/subscriptions/:id` with `items`, `proration_behavior`, `proration_date`, `trial_end` or
 * `default_payment_method`: the changes applied to `after`. Prorations are computed as Stripe does; with
 * `always_invoice` they are invoiced and collected at once, otherwise not kept as pending invoice items
 * (README: known differences).
 */
export function applySubscriptionChanges(
  ctx: RequestContext,
  before: Stripe.Subscription,
  after: Stripe.Subscription,
): void {
  const p = ctx.params;
  const items = p.params.items as Params[] | undefined;
  const trialEnd = p.string('trial_end');
  const method = p.string('default_payment_method');
  if (items === undefined && trialEnd === undefined && method === undefined) return;
  if (before.status === 'canceled' || before.status === 'incomplete_expired')
    throw invalidRequest(`A canceled subscription can't be changed. Subscription ${before.id} is ${before.status}.`);
  const behavior = behaviorOf(p.string('proration_behavior'), 'proration_behavior');
  const at = prorationDate(p.string('proration_date'), before, ctx, 'proration_date');
  const change = itemChange(items, before, ctx, 'items');
  const item = before.items.data[0]!;
  if (change) {
    after.items = {
      ...before.items,
      data: [{ ...item, price: change.price, quantity: change.quantity, plan: change.price as never }],
    };
    // Stripe invoices the prorations at once and tries to collect them (allow_incomplete: a decline leaves it past_due).
    const prorations = prorationLines(before, change, at);
    if (behavior === 'always_invoice' && prorations.length > 0)
      invoiceProrationsNow(ctx, before, after, prorations, at);
  }
  if (method !== undefined) {
    if (method === '') after.default_payment_method = null;
    else {
      const pm = loadObject<Stripe.PaymentMethod>(ctx, 'payment_method', method, 'default_payment_method');
      if (pm.customer !== before.customer)
        throw invalidRequest(
          `The payment method ${method} is not attached to the subscription's customer.`,
          'default_payment_method',
        );
      after.default_payment_method = method;
    }
  }
  if (trialEnd !== undefined) applyTrialEnd(ctx, before, after, trialEnd);
}

/** `trial_end=now` ends a trial (a new period starts now); a later time extends it (the period ends then). */
function applyTrialEnd(
  ctx: RequestContext,
  before: Stripe.Subscription,
  after: Stripe.Subscription,
  value: string,
): void {
  if (before.status !== 'trialing')
    throw invalidRequest('Only a trialing subscription’s trial can be changed in the demo account.', 'trial_end');
  const now = ctx.env.clock.nowSeconds();
  const item = after.items.data[0]!;
  if (value === 'now') {
    const days = item.price.recurring?.interval === 'year' ? 365 : 30;
    after.status = 'active';
    after.trial_end = now;
    after.items = {
      ...after.items,
      data: [{ ...item, current_period_start: now, current_period_end: now + days * 86400 }],
    };
    return;
  }
  const at = Number(value);
  if (!/^\d+$/.test(value) || at <= now)
    throw invalidRequest('Invalid timestamp: must be in the future or `now`.', 'trial_end');
  after.trial_end = at;
  after.items = { ...after.items, data: [{ ...item, current_period_end: at }] };
}

/**
 * `create_preview` with `subscription_details`: the next invoice as it would be after the change — proration lines
 * for the rest of this period (unless `proration_behavior=none`) and the next period at the new price.
 */
export function previewSubscriptionChange(
  ctx: RequestContext,
  sub: Stripe.Subscription,
  base: Stripe.Invoice,
): Stripe.Invoice {
  const details = ctx.params.object('subscription_details');
  if (!details) return base;
  const prefix = 'subscription_details';
  const behavior = behaviorOf(details.proration_behavior, `${prefix}[proration_behavior]`);
  const at = prorationDate(
    typeof details.proration_date === 'string' ? details.proration_date : undefined,
    sub,
    ctx,
    `${prefix}[proration_date]`,
  );
  const change = itemChange(details.items as Params[] | undefined, sub, ctx, `${prefix}[items]`) ?? {
    price: sub.items.data[0]!.price,
    quantity: sub.items.data[0]!.quantity ?? 1,
  };
  const template = base.lines.data[0]!;
  const next = (change.price.unit_amount ?? 0) * change.quantity;
  const prorations = behavior === 'none' ? [] : prorationLines(sub, change, at);
  const lines: Stripe.InvoiceLineItem[] = [
    ...prorationLineItems(template, sub, prorations, at, (i) => `il_tmp_proration_${i}`),
    {
      ...template,
      amount: next,
      subtotal: next,
      quantity: change.quantity,
      description: `${change.quantity} × ${change.price.nickname ?? change.price.id}`,
    },
  ];
  const total = lines.reduce((sum, l) => sum + l.amount, 0);
  return {
    ...base,
    lines: { ...base.lines, data: lines },
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_excluding_tax: total,
    amount_due: Math.max(total, 0),
    amount_remaining: Math.max(total, 0),
  };
}
