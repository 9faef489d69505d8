import type Stripe from 'stripe';
import {
  ConsoleError,
  type CreditNoteInput,
  type CreditNotePreview,
  type InvoiceAction,
  type InvoiceDetail,
  type Scope,
} from '../../src-preload/contract';
import type { AnyStripeObject, CacheStore } from '../cache';
import { answerOf, toJson, WriteBack, type WriteServiceDeps } from '../mutations/write-back';
import { idOf, int, str, type Json } from '../stripe/stripe-json';
import { toInvoiceRow } from '../cache/rows/invoice-rows';
import { invoiceActions } from './invoice-actions';
import { findCreditNote, findInvoiceAction } from './invoice-lookups';
import { InvoiceQueries } from './invoice-queries';

interface ActionParams {
  invoice: string;
  action: InvoiceAction;
}
type CreditNoteParams = Stripe.CreditNoteCreateParams;

export const INVOICE_ACT = {
  pay: 'invoice.pay',
  send: 'invoice.send',
  finalize: 'invoice.finalize',
  void: 'invoice.void',
  mark_uncollectible: 'invoice.mark_uncollectible',
} as const;
export const CREDIT_NOTE_CREATE = 'credit_note.create';

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    'invoice.pay': { params: ActionParams; result: Stripe.Invoice };
    'invoice.send': { params: ActionParams; result: Stripe.Invoice };
    'invoice.finalize': { params: ActionParams; result: Stripe.Invoice };
    'invoice.void': { params: ActionParams; result: Stripe.Invoice };
    'invoice.mark_uncollectible': { params: ActionParams; result: Stripe.Invoice };
    [CREDIT_NOTE_CREATE]: { params: CreditNoteParams; result: Stripe.CreditNote };
  }
}

export type InvoiceWritesDeps = WriteServiceDeps;

/** One Stripe request per confirmed invoice action. */
async function sendAction(stripe: Stripe, p: ActionParams, options: Stripe.RequestOptions): Promise<Stripe.Invoice> {
  const { invoice, action } = p;
  switch (action.kind) {
    case 'pay':
      return stripe.invoices.pay(
        invoice,
        action.paymentMethodId ? { payment_method: action.paymentMethodId } : {},
        options,
      );
    case 'send':
      return stripe.invoices.sendInvoice(invoice, {}, options);
    case 'finalize':
      return stripe.invoices.finalizeInvoice(invoice, {}, options);
    case 'void':
      return stripe.invoices.voidInvoice(invoice, {}, options);
    case 'mark_uncollectible':
      return stripe.invoices.markUncollectible(invoice, {}, options);
  }
}

/** Stripe's parameters for the credit note the agent described. */
function creditNoteParams(invoiceId: string, note: CreditNoteInput): CreditNoteParams {
  return {
    invoice: invoiceId,
    amount: note.amount,
    ...(note.method === 'refund' ? { refund_amount: note.amount } : {}),
    ...(note.method === 'balance' ? { credit_amount: note.amount } : {}),
    ...(note.reason ? { reason: note.reason } : {}),
    ...(note.memo ? { memo: note.memo } : {}),
  };
}

/**
 * Invoice actions (pay, send, finalize, void, mark uncollectible) and credit notes: checked against the cached
 * state, sent once through the ledger, and written back to the cache from Stripe's answer.
 */
export class InvoiceWrites {
  private readonly writeBack: WriteBack;

  constructor(private readonly deps: InvoiceWritesDeps) {
    this.writeBack = new WriteBack(deps.applyObject, deps.now);
    const settle = (scope: Scope, outcome: { object: AnyStripeObject }, sentAt: number) =>
      this.writeBack.apply(scope, outcome.object, sentAt);
    for (const kind of Object.values(INVOICE_ACT))
      deps.ledger.register(kind, {
        send: async (stripe, p, context) => answerOf(await sendAction(stripe, p, context.requestOptions)),
        find: findInvoiceAction,
        settle,
      });
    deps.ledger.register(CREDIT_NOTE_CREATE, {
      send: async (stripe, p, context) => answerOf(await stripe.creditNotes.create(p, context.requestOptions)),
      find: (stripe, _p, context) => findCreditNote(stripe, context),
      settle: async (scope, outcome) => {
        const note = outcome.object;
        const invoice = idOf(note.invoice) ?? '';
        this.store(scope).invoices.putCreditNote(note);
        // The note changes its invoice (and, with balance credit, the customer): re-read both.
        const stripe = await deps.gateway.client(scope);
        await this.writeBack.refresh(scope, () => stripe.invoices.retrieve(invoice));
        const customer = idOf(note.customer);
        if (customer) await this.writeBack.refresh(scope, () => stripe.customers.retrieve(customer));
      },
    });
  }

  async act(scope: Scope, id: string, intentId: string, action: InvoiceAction): Promise<InvoiceDetail> {
    const cached = this.cached(scope, id);
    const previous = this.deps.ledger.find(intentId);
    if (!previous) this.check(cached, action.kind);
    const kind = INVOICE_ACT[action.kind];
    const outcome = previous
      ? await this.deps.ledger.resend({ scope, kind, targetId: id, intentId })
      : await this.deps.ledger.run({
          scope,
          kind,
          targetId: id,
          intentId,
          params: { invoice: id, action },
          ...(action.kind === 'pay' ? { amount: int(cached.amount_remaining), currency: str(cached.currency) } : {}),
          agent: this.deps.agent(),
        });
    return new InvoiceQueries(this.store(scope)).detailOf(toJson(outcome.object), scope.mode);
  }

  /** Stripe's preview: what the note would credit and what the invoice would still ask for. */
  async previewCreditNote(scope: Scope, id: string, note: CreditNoteInput): Promise<CreditNotePreview> {
    const cached = this.cached(scope, id);
    this.checkCreditNote(cached, note);
    const stripe = await this.deps.gateway.client(scope);
    const preview = await stripe.creditNotes.preview(creditNoteParams(id, note));
    const refund = preview.refunds.reduce((sum, r) => sum + r.amount_refunded, 0);
    const row = toInvoiceRow(cached);
    return {
      amount: preview.amount,
      currency: preview.currency,
      method: note.method,
      remainingAfter: preview.type === 'pre_payment' ? row.amountRemaining - preview.amount : row.amountRemaining,
      refund: note.method === 'refund' ? preview.amount : refund,
      balanceCredit: note.method === 'balance' ? preview.amount : 0,
    };
  }

  async createCreditNote(scope: Scope, id: string, intentId: string, note: CreditNoteInput): Promise<InvoiceDetail> {
    const cached = this.cached(scope, id);
    const previous = this.deps.ledger.find(intentId);
    if (!previous) this.checkCreditNote(cached, note);
    await (previous
      ? this.deps.ledger.resend({ scope, kind: CREDIT_NOTE_CREATE, targetId: id, intentId })
      : this.deps.ledger.run({
          scope,
          kind: CREDIT_NOTE_CREATE,
          targetId: id,
          intentId,
          params: creditNoteParams(id, note),
          amount: note.amount,
          currency: str(cached.currency),
          agent: this.deps.agent(),
        }));
    return new InvoiceQueries(this.store(scope)).get(id, scope.mode);
  }

  private store(scope: Scope): CacheStore {
    return this.deps.caches.open(scope);
  }

  private cached(scope: Scope, id: string): Json {
    const invoice = this.store(scope).get<Json>('invoices', id);
    if (!invoice || invoice.deleted)
      throw new ConsoleError(
        'not_found',
        `Invoice ${id} isn’t in the local copy. It appears once sync has fetched it.`,
      );
    return invoice;
  }

  /** Refuses what the invoice's state rules out, in plain words, before anything is sent. */
  private check(invoice: Json, kind: InvoiceAction['kind'] | 'credit_note'): void {
    const reason = invoiceActions(toInvoiceRow(invoice), int(invoice.post_payment_credit_notes_amount) ?? 0)[kind];
    if (reason) throw new ConsoleError('conflict', reason, { details: { status: str(invoice.status) } });
  }

  private checkCreditNote(invoice: Json, note: CreditNoteInput): void {
    this.check(invoice, 'credit_note');
    const row = toInvoiceRow(invoice);
    const open = row.status === 'open';
    if (open && note.method !== 'reduce_due')
      throw new ConsoleError(
        'invalid_input',
        'This invoice isn’t paid yet: a credit note lowers what it asks for; nothing can be refunded.',
        { details: { path: 'creditNote.method' } },
      );
    if (!open && note.method === 'reduce_due')
      throw new ConsoleError(
        'invalid_input',
        'This invoice is paid: refund the money or credit the customer’s balance.',
        {
          details: { path: 'creditNote.method' },
        },
      );
    const most = open ? row.amountRemaining : row.amountPaid - (int(invoice.post_payment_credit_notes_amount) ?? 0);
    if (note.amount > most)
      throw new ConsoleError('invalid_input', 'That is more than can be credited on this invoice.', {
        details: { path: 'creditNote.amount', most, currency: row.currency },
      });
  }
}
