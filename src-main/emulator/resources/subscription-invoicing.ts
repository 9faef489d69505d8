import type Stripe from 'stripe';
import type { RequestContext } from '../http/context';
import { ApiError } from '../http/errors';
import { ACCOUNT_NAME } from '../objects/account';
import { buildInvoice } from '../objects/invoice';
import { finalizeInvoice, payInvoice } from './invoice-actions';
import { emitEvent, loadObject, saveObject } from './shared/objects';

export interface ProrationLine {
  description: string;
  amount: number;
}

/** Proration lines as an invoice carries them: `parent.subscription_item_details.proration = true`. */
export function prorationLineItems(
  template: Stripe.InvoiceLineItem,
  sub: Stripe.Subscription,
  prorations: ProrationLine[],
  at: number,
  idOf: (index: number) => string,
): Stripe.InvoiceLineItem[] {
  return prorations.map((l, i) => ({
    ...template,
    id: idOf(i),
    amount: l.amount,
    subtotal: l.amount,
    description: l.description,
    quantity: null,
    period: { start: at, end: sub.items.data[0]!.current_period_end },
    parent: {
      type: 'subscription_item_details' as const,
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: true,
        proration_details: { credited_items: null },
        subscription: sub.id,
        subscription_item: sub.items.data[0]!.id,
      },
    },
  }));
}

/**
 * `proration_behavior=always_invoice`: the change's prorations become an invoice right away (billing reason
 * `subscription_update`), finalized and charged to the subscription's card. A decline leaves that invoice open and
 * the subscription `past_due` (Stripe's default `payment_behavior=allow_incomplete`); the update itself succeeds.
 */
export function invoiceProrationsNow(
  ctx: RequestContext,
  before: Stripe.Subscription,
  after: Stripe.Subscription,
  prorations: ProrationLine[],
  at: number,
): void {
  const customer = loadObject<Stripe.Customer>(ctx, 'customer', before.customer as string, 'customer');
  const item = before.items.data[0]!;
  const id = ctx.env.ids.make('in', at);
  const base = buildInvoice({
    id,
    lineId: `il_${id.slice(3)}`,
    number: null,
    created: ctx.env.clock.nowSeconds(),
    livemode: ctx.livemode,
    customer: customer.id,
    customerName: customer.name ?? '',
    customerEmail: customer.email ?? '',
    customerAddress: null,
    subscription: before.id,
    price: item.price,
    quantity: item.quantity ?? 1,
    status: 'draft',
    periodStart: at,
    periodEnd: item.current_period_end,
    attemptCount: 0,
    accountName: ACCOUNT_NAME,
    billingReason: 'subscription_update',
  });
  const lines = prorationLineItems(base.lines.data[0]!, before, prorations, at, (i) => `il_${id.slice(3)}_${i}`);
  const total = lines.reduce((sum, l) => sum + l.amount, 0);
  // A net credit is owed to the customer: the invoice asks for nothing (Stripe credits their balance).
  const due = Math.max(total, 0);
  const draft: Stripe.Invoice = {
    ...base,
    lines: { ...base.lines, data: lines },
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_excluding_tax: total,
    amount_due: due,
    amount_remaining: due,
    default_payment_method: typeof before.default_payment_method === 'string' ? before.default_payment_method : null,
  };
  saveObject(ctx, 'invoice', draft);
  emitEvent(ctx, 'invoice.created', draft);
  const open = finalizeInvoice(ctx, draft);
  after.latest_invoice = id;
  if (!collected(() => payInvoice(ctx, open))) after.status = 'past_due';
}

/** Whether the attempt paid: a decline is answered as an error; no card to charge is thrown as one. */
function collected(attempt: () => Stripe.Invoice | ApiError): boolean {
  try {
    return !(attempt() instanceof ApiError);
  } catch (err) {
    if (err instanceof ApiError) return false;
    throw err;
  }
}
