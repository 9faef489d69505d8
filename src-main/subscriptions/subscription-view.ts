import type Stripe from 'stripe';
import type {
  NextInvoice,
  PauseBehavior,
  SubscriptionDetail,
  SubscriptionInvoiceSummary,
  SubscriptionItemView,
  SubscriptionRow,
  SubscriptionStatus,
} from '../../src-preload/contract';
import { availableActions } from './subscription-transitions';
import { int, type Json } from '../stripe/stripe-json';

/** What a subscription row needs from the rest of the cache. */
export interface SubscriptionLookups {
  customer(id: string): { name: string | null; email: string | null } | null;
  productName(id: string): string | null;
  /** The draft invoice Stripe will finalize next for this subscription, if cached. */
  draftInvoice(subscriptionId: string): Stripe.Invoice | null;
}

const idOf = (v: string | { id: string } | null | undefined): string | null =>
  typeof v === 'string' ? v : (v?.id ?? null);

/** Older API versions keep the period on the subscription (fields today's types no longer name); newer ones on each item. */
export function periodOf(sub: Stripe.Subscription): { start: number | null; end: number | null } {
  const legacy: Json = { ...sub };
  const first = sub.items.data[0];
  return {
    start: int(legacy.current_period_start) ?? first?.current_period_start ?? null,
    end: int(legacy.current_period_end) ?? first?.current_period_end ?? null,
  };
}

/** Price × quantity over all items, or null when any price is tiered or metered (Stripe computes those). */
export function recurringAmount(items: readonly { unitAmount: number | null; quantity: number }[]): number | null {
  let total = 0;
  for (const item of items) {
    if (item.unitAmount === null) return null;
    total += item.unitAmount * item.quantity;
  }
  return total;
}

export function toSubscriptionRow(sub: Stripe.Subscription, lookups: SubscriptionLookups): SubscriptionRow {
  const customerId = idOf(sub.customer);
  const customer = customerId ? lookups.customer(customerId) : null;
  const period = periodOf(sub);
  const items = sub.items.data.map((item) => toItem(item, lookups));
  const next = nextInvoice(sub, items, period.end, lookups);
  return {
    id: sub.id,
    customerId,
    customerName: customer?.name ?? null,
    customerEmail: customer?.email ?? null,
    status: sub.status as SubscriptionStatus,
    items,
    currency: sub.currency,
    currentPeriodStart: period.start,
    currentPeriodEnd: period.end,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    cancelAt: sub.cancel_at,
    canceledAt: sub.canceled_at,
    pause: sub.pause_collection
      ? { behavior: sub.pause_collection.behavior as PauseBehavior, resumesAt: sub.pause_collection.resumes_at }
      : null,
    nextInvoice: next.invoice,
    nextInvoiceNote: next.note,
    created: sub.created,
    actions: availableActions(sub),
  };
}

export function toSubscriptionDetail(
  sub: Stripe.Subscription,
  lookups: SubscriptionLookups,
  invoices: Stripe.Invoice[],
): SubscriptionDetail {
  return {
    ...toSubscriptionRow(sub, lookups),
    startDate: sub.start_date,
    trialEnd: sub.trial_end,
    endedAt: sub.ended_at,
    collectionMethod: sub.collection_method,
    cancellationComment: sub.cancellation_details?.comment ?? null,
    cancellationReason: sub.cancellation_details?.reason ?? null,
    latestInvoices: invoices.map(toInvoiceSummary),
  };
}

function toItem(item: Stripe.SubscriptionItem, lookups: SubscriptionLookups): SubscriptionItemView {
  const price = item.price;
  const productId = idOf(price.product as string | { id: string });
  const expanded = typeof price.product === 'object' && 'name' in price.product ? price.product.name : null;
  return {
    id: item.id,
    priceId: price.id,
    productId,
    productName: expanded ?? (productId ? lookups.productName(productId) : null) ?? price.nickname,
    unitAmount: price.unit_amount,
    currency: price.currency,
    quantity: item.quantity ?? 1,
    interval: (price.recurring?.interval ?? null) as SubscriptionItemView['interval'],
    intervalCount: price.recurring?.interval_count ?? 1,
  };
}

function nextInvoice(
  sub: Stripe.Subscription,
  items: SubscriptionItemView[],
  periodEnd: number | null,
  lookups: SubscriptionLookups,
): { invoice: NextInvoice | null; note: string | null } {
  switch (sub.status) {
    case 'canceled':
    case 'incomplete_expired':
      return { invoice: null, note: 'Ended: no further invoices.' };
    case 'paused':
      return { invoice: null, note: 'Paused: no invoices until it is resumed.' };
    case 'incomplete':
      return { invoice: null, note: 'Awaiting the first payment.' };
  }
  if (sub.cancel_at_period_end || (sub.cancel_at !== null && periodEnd !== null && sub.cancel_at <= periodEnd)) {
    return { invoice: null, note: 'Ends at period end: no further invoice.' };
  }
  const pauseNote = sub.pause_collection ? pauseNotes[sub.pause_collection.behavior as PauseBehavior] : null;
  const draft = lookups.draftInvoice(sub.id);
  if (draft) {
    const date = draft.automatically_finalizes_at ?? periodEnd ?? draft.created;
    return {
      invoice: { amount: draft.amount_due, currency: draft.currency, date, source: 'draft_invoice' },
      note: pauseNote,
    };
  }
  const amount = recurringAmount(items);
  const date = sub.status === 'trialing' ? (sub.trial_end ?? periodEnd) : periodEnd;
  if (amount === null || date === null)
    return { invoice: null, note: 'Usage-based price: Stripe computes the amount at period end.' };
  return { invoice: { amount, currency: sub.currency, date, source: 'computed' }, note: pauseNote };
}

const pauseNotes: Record<PauseBehavior, string> = {
  keep_as_draft: 'Collection paused: invoices stay drafts.',
  mark_uncollectible: 'Collection paused: invoices are marked uncollectible.',
  void: 'Collection paused: invoices are voided.',
};

function toInvoiceSummary(invoice: Stripe.Invoice): SubscriptionInvoiceSummary {
  return {
    id: invoice.id ?? '',
    number: invoice.number,
    status: invoice.status,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    currency: invoice.currency,
    created: invoice.created,
  };
}
