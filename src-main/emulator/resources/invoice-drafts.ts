import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import { ACCOUNT_NAME } from '../objects/account';
import { buildInvoice } from '../objects/invoice';
import { wireDecimal } from '../objects/common';
import { emitEvent, loadObject, saveObject } from './shared/objects';

const write = { resource: 'invoice', access: 'write' } as const;
const DAY = 86_400;

/** `POST /v1/invoices`: a one-off draft invoice for a customer, without lines until invoice items are added. */
function create(ctx: RequestContext): Stripe.Invoice {
  const p = ctx.params;
  const customerId = p.string('customer');
  if (!customerId) throw invalidRequest('Missing required param: customer.', 'customer', 'parameter_missing');
  const customer = loadObject<Stripe.Customer>(ctx, 'customer', customerId, 'customer');
  const method =
    p.oneOf('collection_method', ['charge_automatically', 'send_invoice'] as const) ?? 'charge_automatically';
  const days = p.integer('days_until_due');
  if (method === 'send_invoice' && days === undefined)
    throw invalidRequest(
      'Invoices with collection_method=send_invoice need days_until_due (or due_date).',
      'days_until_due',
      'parameter_missing',
    );
  if (method !== 'send_invoice' && days !== undefined)
    throw invalidRequest('days_until_due can only be set when collection_method is send_invoice.', 'days_until_due');
  if (days !== undefined && (days < 0 || days > 10_000))
    throw invalidRequest('days_until_due must be between 0 and 10000.', 'days_until_due');
  const currency = (p.string('currency') ?? customer.currency ?? 'usd').toLowerCase();
  const now = ctx.env.clock.nowSeconds();
  const id = ctx.env.ids.make('in', now);
  const base = buildInvoice({
    id,
    lineId: `il_${id.slice(3)}`,
    number: null,
    created: now,
    livemode: ctx.livemode,
    customer: customer.id,
    customerName: customer.name ?? '',
    customerEmail: customer.email ?? '',
    customerAddress: null,
    subscription: null,
    // A one-off invoice has no price of its own: the line below is replaced by its invoice items.
    // eslint-disable-next-line no-restricted-syntax -- a placeholder the line items replace, never served as a price
    price: { id: '', product: '', currency, unit_amount: 0, nickname: null } as unknown as Stripe.Price,
    quantity: 1,
    status: 'draft',
    periodStart: now,
    periodEnd: now,
    attemptCount: 0,
    accountName: ACCOUNT_NAME,
    billingReason: 'manual',
  });
  const invoice: Stripe.Invoice = {
    ...totals({ ...base, lines: { ...base.lines, data: [] } }),
    auto_advance: p.boolean('auto_advance') ?? false,
    automatically_finalizes_at: null,
    collection_method: method,
    description: p.string('description') ?? null,
    due_date: days === undefined ? null : now + days * DAY,
    metadata: p.metadata({}) ?? {},
  };
  saveObject(ctx, 'invoice', invoice);
  emitEvent(ctx, 'invoice.created', invoice);
  return invoice;
}

/** Amounts follow the lines (no tax, discounts or credit in the demo's one-off invoices). */
function totals(invoice: Stripe.Invoice): Stripe.Invoice {
  const total = invoice.lines.data.reduce((sum, l) => sum + l.amount, 0);
  return {
    ...invoice,
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_excluding_tax: total,
    amount_due: total,
    amount_remaining: total,
  };
}

/** `POST /v1/invoiceitems` onto a draft invoice: a line of a fixed amount. */
function createItem(ctx: RequestContext): Stripe.InvoiceItem {
  const p = ctx.params;
  const customerId = p.string('customer');
  if (!customerId) throw invalidRequest('Missing required param: customer.', 'customer', 'parameter_missing');
  loadObject<Stripe.Customer>(ctx, 'customer', customerId, 'customer');
  const invoiceId = p.string('invoice');
  // Pending items (no invoice yet) would wait for the customer's next invoice: not kept by the demo.
  if (!invoiceId)
    throw invalidRequest(
      'The demo account does not support invoice items without `invoice` yet.',
      'invoice',
      'emulator_parameter_unsupported',
    );
  const amount = p.integer('amount');
  if (amount === undefined)
    throw invalidRequest('Missing required param: amount (or price_data, pricing).', 'amount', 'parameter_missing');
  const before = loadObject<Stripe.Invoice>(ctx, 'invoice', invoiceId, 'invoice');
  if (before.customer !== customerId)
    throw invalidRequest(`Invoice ${invoiceId} belongs to another customer.`, 'invoice');
  if (before.status !== 'draft')
    throw invalidRequest(
      `Invoice items can only be added to draft invoices; invoice ${invoiceId} is ${before.status}.`,
      'invoice',
      'invoice_not_editable',
    );
  const currency = (p.string('currency') ?? before.currency).toLowerCase();
  if (currency !== before.currency)
    throw invalidRequest(
      `The currency of the invoice item (${currency}) must match the invoice's currency (${before.currency}).`,
      'currency',
    );
  const now = ctx.env.clock.nowSeconds();
  const id = ctx.env.ids.make('ii', now);
  const description = p.string('description') ?? null;
  const metadata = p.metadata({}) ?? {};
  const item: Stripe.InvoiceItem = {
    id,
    object: 'invoiceitem',
    amount,
    currency,
    customer: customerId,
    customer_account: null,
    date: now,
    description,
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: ctx.livemode,
    metadata,
    parent: null,
    period: { start: now, end: now },
    pricing: null,
    proration: false,
    quantity: 1,
    quantity_decimal: wireDecimal(1),
    tax_rates: [],
    test_clock: null,
  };
  const line: Stripe.InvoiceLineItem = {
    id: `il_${id.slice(3)}`,
    object: 'line_item',
    amount,
    currency,
    description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: ctx.livemode,
    metadata,
    parent: {
      type: 'invoice_item_details',
      invoice_item_details: {
        invoice_item: id,
        proration: false,
        proration_details: { credited_items: null },
        subscription: null,
      },
      subscription_item_details: null,
    },
    period: { start: now, end: now },
    pretax_credit_amounts: [],
    pricing: null,
    quantity: 1,
    quantity_decimal: wireDecimal(1),
    subscription: null,
    subtotal: amount,
    taxes: [],
  };
  const after = totals({ ...before, lines: { ...before.lines, data: [...before.lines.data, line] } });
  saveObject(ctx, 'invoice', after);
  emitEvent(ctx, 'invoiceitem.created', item);
  emitEvent(ctx, 'invoice.updated', after, before);
  return item;
}

export const invoiceDraftRoutes = [
  route('POST', '/v1/invoices', write, create, {
    accepts: [
      'customer',
      'collection_method',
      'days_until_due',
      'currency',
      'description',
      'auto_advance',
      'metadata',
      'pending_invoice_items_behavior',
    ],
  }),
  route('POST', '/v1/invoiceitems', write, createItem, {
    accepts: ['customer', 'invoice', 'amount', 'currency', 'description', 'metadata'],
  }),
];
