import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { ApiError, invalidRequest } from '../http/errors';
import { buildPaymentIntent } from '../objects/payment-intent';
import { cryptoChars } from '../store/ids';
import { confirm } from './payment-intents';
import { emitEvent, loadObject, saveObject } from './shared/objects';

const write = { resource: 'invoice', access: 'write' } as const;
const DAY = 86_400;

function load(ctx: RequestContext): Stripe.Invoice {
  return loadObject<Stripe.Invoice>(ctx, 'invoice', ctx.pathParams.id as string);
}

function refuse(invoice: Stripe.Invoice, action: string, allowed: string[]): never {
  throw invalidRequest(
    `You can only ${action} an invoice whose status is ${allowed.join(' or ')}; this invoice is ${invoice.status}.`,
    undefined,
    'invoice_unexpected_state',
  );
}

/** Saves the invoice and emits the action's own event (if any) and `invoice.updated`. */
function commit(
  ctx: RequestContext,
  before: Stripe.Invoice,
  after: Stripe.Invoice,
  events: Stripe.Event.Type[],
): Stripe.Invoice {
  saveObject(ctx, 'invoice', after);
  for (const type of events) emitEvent(ctx, type, after, before);
  emitEvent(ctx, 'invoice.updated', after, before);
  return after;
}

/** The payment Stripe made for an invoice (its PaymentIntent carries the invoice's number). */
export function invoicePayment(ctx: RequestContext, invoice: Stripe.Invoice): Stripe.PaymentIntent | undefined {
  const customer = typeof invoice.customer === 'string' ? invoice.customer : invoice.customer?.id;
  if (!customer || !invoice.number) return undefined;
  return ctx.env.store
    .list<Stripe.PaymentIntent & { [k: string]: unknown }>({
      mode: ctx.mode,
      type: 'payment_intent',
      filters: [{ column: 'customer', values: [customer] }],
      conditions: [{ sql: "json_extract(json, '$.description') = ?", params: [paymentDescription(invoice)] }],
      limit: 10,
    })
    .data.find((pi) => pi.status === 'succeeded');
}

const paymentDescription = (invoice: Stripe.Invoice) => `Payment for Invoice ${invoice.number}`;

function finalize(ctx: RequestContext): Stripe.Invoice {
  return finalizeInvoice(ctx, load(ctx));
}

/** Numbers a draft and opens it (also how Stripe's billing engine finalizes an invoice it made itself). */
export function finalizeInvoice(ctx: RequestContext, before: Stripe.Invoice): Stripe.Invoice {
  if (before.status !== 'draft') refuse(before, 'finalize', ['draft']);
  const now = ctx.env.clock.nowSeconds();
  const customer = loadObject<Stripe.Customer>(ctx, 'customer', before.customer as string, 'customer');
  const numbered = ctx.env.store.count(
    ctx.mode,
    'invoice',
    [{ column: 'customer', values: [customer.id] }],
    [{ sql: "json_extract(json, '$.number') IS NOT NULL", params: [] }],
  );
  const hosted = `https://invoice.stripe.com/i/${before.id}`;
  const after: Stripe.Invoice = {
    ...before,
    status: 'open',
    number: `${customer.invoice_prefix}-${String(numbered + 1).padStart(4, '0')}`,
    hosted_invoice_url: hosted,
    invoice_pdf: `${hosted}/pdf`,
    effective_at: now,
    ending_balance: 0,
    automatically_finalizes_at: null,
    next_payment_attempt: before.collection_method === 'charge_automatically' ? now + 3600 : null,
    status_transitions: { ...before.status_transitions, finalized_at: now },
  };
  return commit(ctx, before, after, ['invoice.finalized']);
}

/** The payment method an invoice is charged with: the one asked for, the invoice's, or the customer's default. */
function chargeMethod(ctx: RequestContext, invoice: Stripe.Invoice): string {
  const asked = ctx.params.string('payment_method');
  if (asked) return asked;
  if (typeof invoice.default_payment_method === 'string') return invoice.default_payment_method;
  const customer = loadObject<Stripe.Customer>(ctx, 'customer', invoice.customer as string, 'customer');
  const fallback = customer.invoice_settings.default_payment_method;
  if (typeof fallback === 'string') return fallback;
  throw invalidRequest(
    'This customer has no attached payment source or default payment method. Please consider adding a default payment method.',
    'payment_method',
    'invoice_no_payment_method_types',
  );
}

/** Pays an open invoice now: one PaymentIntent for what remains; a decline is recorded on the invoice, then answered 402. */
function pay(ctx: RequestContext): Stripe.Invoice | ApiError {
  return payInvoice(ctx, load(ctx));
}

/** Attempts payment of an open invoice (also Stripe's own attempt right after it invoices a change). */
export function payInvoice(ctx: RequestContext, before: Stripe.Invoice): Stripe.Invoice | ApiError {
  if (before.status === 'paid') throw invalidRequest('Invoice is already paid', undefined, 'invoice_already_paid');
  if (before.status !== 'open') refuse(before, 'pay', ['open']);
  const now = ctx.env.clock.nowSeconds();
  const paidOutOfBand = ctx.params.boolean('paid_out_of_band') === true;
  const settled = (attempted: boolean): Stripe.Invoice => ({
    ...before,
    status: 'paid',
    amount_paid: before.amount_paid + before.amount_remaining,
    amount_remaining: 0,
    attempt_count: before.attempt_count + (attempted ? 1 : 0),
    attempted: before.attempted || attempted,
    auto_advance: false,
    next_payment_attempt: null,
    status_transitions: { ...before.status_transitions, paid_at: now },
  });
  if (paidOutOfBand || before.amount_remaining === 0) return commit(ctx, before, settled(false), ['invoice.paid']);
  const customer = before.customer as string;
  const intent = buildPaymentIntent({
    id: ctx.env.ids.make('pi', now),
    created: now,
    livemode: ctx.livemode,
    amount: before.amount_remaining,
    currency: before.currency,
    customer,
    paymentMethod: chargeMethod(ctx, before),
    status: 'requires_confirmation',
    captureMethod: 'automatic',
    latestCharge: null,
    description: paymentDescription(before),
    canceledAt: null,
    cancellationReason: null,
    receiptEmail: null,
    metadata: {},
    clientSecretSuffix: cryptoChars(25),
  });
  saveObject(ctx, 'payment_intent', intent);
  emitEvent(ctx, 'payment_intent.created', intent);
  const outcome = confirm(ctx, intent);
  if (outcome instanceof ApiError) {
    const failed: Stripe.Invoice = {
      ...before,
      attempt_count: before.attempt_count + 1,
      attempted: true,
      next_payment_attempt: now + 3 * DAY,
    };
    commit(ctx, before, failed, ['invoice.payment_failed']);
    return outcome;
  }
  return commit(ctx, before, settled(true), ['invoice.paid', 'invoice.payment_succeeded']);
}

function send(ctx: RequestContext): Stripe.Invoice {
  const invoice = load(ctx);
  if (invoice.status === 'draft' || invoice.status === 'void')
    refuse(invoice, 'send', ['open', 'paid', 'uncollectible']);
  emitEvent(ctx, 'invoice.sent', invoice);
  return invoice;
}

function voidInvoice(ctx: RequestContext): Stripe.Invoice {
  const before = load(ctx);
  if (before.status !== 'open' && before.status !== 'uncollectible') refuse(before, 'void', ['open', 'uncollectible']);
  const after: Stripe.Invoice = {
    ...before,
    status: 'void',
    amount_remaining: 0,
    auto_advance: false,
    next_payment_attempt: null,
    status_transitions: { ...before.status_transitions, voided_at: ctx.env.clock.nowSeconds() },
  };
  return commit(ctx, before, after, ['invoice.voided']);
}

function markUncollectible(ctx: RequestContext): Stripe.Invoice {
  const before = load(ctx);
  if (before.status !== 'open') refuse(before, 'mark as uncollectible', ['open']);
  const after: Stripe.Invoice = {
    ...before,
    status: 'uncollectible',
    auto_advance: false,
    next_payment_attempt: null,
    status_transitions: { ...before.status_transitions, marked_uncollectible_at: ctx.env.clock.nowSeconds() },
  };
  return commit(ctx, before, after, ['invoice.marked_uncollectible']);
}

export const invoiceActionRoutes = [
  route('POST', '/v1/invoices/:id/finalize', write, finalize, { accepts: [] }),
  route('POST', '/v1/invoices/:id/pay', write, pay, { accepts: ['payment_method', 'paid_out_of_band', 'off_session'] }),
  route('POST', '/v1/invoices/:id/send', write, send, { accepts: [] }),
  route('POST', '/v1/invoices/:id/void', write, voidInvoice, { accepts: [] }),
  route('POST', '/v1/invoices/:id/mark_uncollectible', write, markUncollectible, { accepts: [] }),
];
