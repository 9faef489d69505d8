import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import { ParamReader } from '../http/params';
import { invoicePayment } from './invoice-actions';
import { refundRoutes } from './refunds';
import { columnFilters, listObjects } from './shared/list';
import { emitEvent, loadObject, saveObject, saveUpdate } from './shared/objects';

const read = { resource: 'credit_note', access: 'read' } as const;
const write = { resource: 'credit_note', access: 'write' } as const;
const REASONS = ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory'] as const;
const ACCEPTS = [
  'invoice',
  'amount',
  'credit_amount',
  'refund_amount',
  'out_of_band_amount',
  'reason',
  'memo',
  'metadata',
];

interface Split {
  invoice: Stripe.Invoice;
  amount: number;
  credit: number;
  refund: number;
  outOfBand: number;
  type: 'pre_payment' | 'post_payment';
}

/**
 * What a credit note would do, checked the way Stripe checks it: only open or paid invoices; on an open invoice it
 * lowers what is due (at most what remains); on a paid one it is at most what was paid and not yet credited, and
 * its refund, customer-balance credit and out-of-band parts must add up to it.
 */
function split(ctx: RequestContext): Split {
  const p = ctx.params;
  const invoiceId = p.string('invoice');
  if (!invoiceId) throw invalidRequest('Missing required param: invoice.', 'invoice', 'parameter_missing');
  const invoice = loadObject<Stripe.Invoice>(ctx, 'invoice', invoiceId, 'invoice');
  if (invoice.status !== 'open' && invoice.status !== 'paid')
    throw invalidRequest(
      `You can only create a credit note for an open or paid invoice; this invoice is ${invoice.status}.`,
      'invoice',
      'invoice_unexpected_state',
    );
  const amount = p.integer('amount');
  if (amount === undefined) throw invalidRequest('Missing required param: amount.', 'amount', 'parameter_missing');
  if (amount < 1) throw invalidRequest('The credit note amount must be greater than 0.', 'amount');
  const credit = p.integer('credit_amount') ?? 0;
  const refund = p.integer('refund_amount') ?? 0;
  const outOfBand = p.integer('out_of_band_amount') ?? 0;
  if (invoice.status === 'open') {
    if (amount > invoice.amount_remaining)
      throw invalidRequest(
        `The credit note amount (${amount}) can't be more than the amount remaining on the invoice (${invoice.amount_remaining}).`,
        'amount',
      );
    if (credit + refund + outOfBand > 0)
      throw invalidRequest(
        'A credit note on an open invoice lowers the amount due: refund_amount, credit_amount and out_of_band_amount apply only to paid invoices.',
        refund ? 'refund_amount' : credit ? 'credit_amount' : 'out_of_band_amount',
      );
    return { invoice, amount, credit, refund, outOfBand, type: 'pre_payment' };
  }
  const creditable = invoice.amount_paid - invoice.post_payment_credit_notes_amount;
  if (amount > creditable)
    throw invalidRequest(
      `The credit note amount (${amount}) can't be more than the amount paid and not yet credited (${creditable}).`,
      'amount',
    );
  if (credit + refund + outOfBand !== amount)
    throw invalidRequest(
      `The sum of credit_amount, refund_amount and out_of_band_amount (${credit + refund + outOfBand}) must equal the credit note amount (${amount}).`,
      'amount',
    );
  return { invoice, amount, credit, refund, outOfBand, type: 'post_payment' };
}

function build(ctx: RequestContext, s: Split, id: string, refunds: Stripe.CreditNote.Refund[]): Stripe.CreditNote {
  const now = ctx.env.clock.nowSeconds();
  const p = ctx.params;
  const sequence = ctx.env.store.count(ctx.mode, 'credit_note', [{ column: 'ref1', values: [s.invoice.id] }]) + 1;
  return {
    id,
    object: 'credit_note',
    amount: s.amount,
    amount_shipping: 0,
    created: now,
    currency: s.invoice.currency,
    customer: s.invoice.customer as string,
    customer_account: null,
    customer_balance_transaction: s.credit ? `cbtxn_${id.slice(3)}` : null,
    discount_amount: 0,
    discount_amounts: [],
    effective_at: now,
    invoice: s.invoice.id,
    lines: { object: 'list', data: [], has_more: false, url: `/v1/credit_notes/${id}/lines` },
    livemode: ctx.livemode,
    memo: p.string('memo') ?? null,
    metadata: p.metadata({}) ?? {},
    number: `${s.invoice.number ?? s.invoice.id}-CN-${String(sequence).padStart(2, '0')}`,
    out_of_band_amount: s.outOfBand || null,
    pdf: `https://pay.stripe.com/credit_notes/${id}/pdf`,
    post_payment_amount: s.type === 'post_payment' ? s.amount : 0,
    pre_payment_amount: s.type === 'pre_payment' ? s.amount : 0,
    pretax_credit_amounts: [],
    reason: p.oneOf('reason', REASONS) ?? null,
    refunds,
    shipping_cost: null,
    status: 'issued',
    subtotal: s.amount,
    subtotal_excluding_tax: s.amount,
    total: s.amount,
    total_excluding_tax: s.amount,
    total_taxes: [],
    type: s.type,
    voided_at: null,
  } satisfies Stripe.CreditNote;
}

function preview(ctx: RequestContext): Stripe.CreditNote {
  return build(ctx, split(ctx), `cnpreview_${ctx.env.ids.make('cn', ctx.env.clock.nowSeconds()).slice(3)}`, []);
}

/** Refunds the invoice's payment through the refunds endpoint itself, so its rules and events apply unchanged. */
function refundPayment(ctx: RequestContext, s: Split, creditNoteId: string): Stripe.Refund {
  const payment = invoicePayment(ctx, s.invoice);
  const charge = typeof payment?.latest_charge === 'string' ? payment.latest_charge : null;
  if (!charge)
    throw invalidRequest(
      'This invoice was not paid with a charge that can be refunded: use credit_amount or out_of_band_amount.',
      'refund_amount',
    );
  const create = refundRoutes.find((r) => r.method === 'POST' && r.pattern.test('/v1/refunds'))!;
  const params = new ParamReader({ charge, amount: String(s.refund), metadata: { credit_note: creditNoteId } });
  return create.handle({ ...ctx, params }) as Stripe.Refund;
}

function create(ctx: RequestContext): Stripe.CreditNote {
  const s = split(ctx);
  const id = ctx.env.ids.make('cn', ctx.env.clock.nowSeconds());
  const refunds: Stripe.CreditNote.Refund[] = [];
  if (s.refund) {
    const refund = refundPayment(ctx, s, id);
    refunds.push({ amount_refunded: s.refund, payment_record_refund: null, refund: refund.id, type: 'refund' });
  }
  if (s.credit) {
    const customer = loadObject<Stripe.Customer>(ctx, 'customer', s.invoice.customer as string, 'customer');
    // A negative balance is credit the customer's next invoices use up.
    saveUpdate(ctx, 'customer', customer, { ...customer, balance: customer.balance - s.credit }, 'customer.updated');
  }
  const note = build(ctx, s, id, refunds);
  saveObject(ctx, 'credit_note', note);
  emitEvent(ctx, 'credit_note.created', note);
  const before = s.invoice;
  const after: Stripe.Invoice =
    s.type === 'pre_payment'
      ? {
          ...before,
          pre_payment_credit_notes_amount: before.pre_payment_credit_notes_amount + s.amount,
          amount_remaining: before.amount_remaining - s.amount,
        }
      : { ...before, post_payment_credit_notes_amount: before.post_payment_credit_notes_amount + s.amount };
  saveUpdate(ctx, 'invoice', before, after, 'invoice.updated');
  return note;
}

export const creditNoteRoutes = [
  route('GET', '/v1/credit_notes/preview', read, preview, { accepts: ACCEPTS }),
  route('GET', '/v1/credit_notes', read, (ctx) =>
    listObjects(ctx, 'credit_note', '/v1/credit_notes', {
      filters: columnFilters(ctx.params, { invoice: 'ref1', customer: 'customer' }),
    }),
  ),
  route('POST', '/v1/credit_notes', write, create, { accepts: ACCEPTS }),
  route('GET', '/v1/credit_notes/:id', read, (ctx) => loadObject(ctx, 'credit_note', ctx.pathParams.id as string)),
];
