import type Stripe from 'stripe';
import { ConsoleError, type InvoiceDetail, type Scope, type SendInvoiceRequest } from '../../src-preload/contract';
import { minorUnitDigits } from '../../src-preload/contract/money';
import type { MutationOutcome } from '../mutations/mutation-ledger';
import { answerOf, toJson, WriteBack, type WriteServiceDeps } from '../mutations/write-back';
import { InvoiceQueries } from './invoice-queries';

/** The three steps of "send an invoice instead", each its own exactly-once intent. */
export const INVOICE_FOR_AMOUNT = {
  create: 'invoice.for_amount.create',
  finalize: 'invoice.for_amount.finalize',
  send: 'invoice.for_amount.send',
} as const;
/** The ledger's intent id on the invoice and its line, so a look-up finds them without the idempotency key. */
const INTENT_METADATA = 'console_intent';

interface CreateParams {
  customer: string;
  amount: number;
  currency: string;
  description: string;
  daysUntilDue: number;
}
interface StepParams {
  invoice: string;
}

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    [INVOICE_FOR_AMOUNT.create]: { params: CreateParams; result: Stripe.Invoice };
    [INVOICE_FOR_AMOUNT.finalize]: { params: StepParams; result: Stripe.Invoice };
    [INVOICE_FOR_AMOUNT.send]: { params: StepParams; result: Stripe.Invoice };
  }
}

export type InvoiceSendDeps = WriteServiceDeps;

/**
 * "Send an invoice instead" when a card can't be charged: a one-off invoice for the amount (one line), finalized
 * and emailed for the customer to pay (and authenticate) themselves. Create, finalize and send are three linked
 * ledger intents: a retry carries on from the first step Stripe hasn't done, and never makes a second invoice.
 */
export class InvoiceSending {
  private readonly writeBack: WriteBack;

  constructor(private readonly deps: InvoiceSendDeps) {
    this.writeBack = new WriteBack(deps.applyObject, deps.now);
    const settle = (scope: Scope, outcome: MutationOutcome<Stripe.Invoice>, sentAt: number) =>
      this.writeBack.apply(scope, outcome.object, sentAt);
    deps.ledger.register(INVOICE_FOR_AMOUNT.create, {
      // Two requests under one intent: the draft, then its line (the line's key is derived from the intent's).
      send: async (stripe, p, context) => {
        const stamp = { [INTENT_METADATA]: context.intentId };
        const draft = await stripe.invoices.create(
          {
            customer: p.customer,
            currency: p.currency,
            collection_method: 'send_invoice',
            days_until_due: p.daysUntilDue,
            auto_advance: false,
            pending_invoice_items_behavior: 'exclude',
            description: p.description,
            metadata: stamp,
          },
          context.requestOptions,
        );
        await stripe.invoiceItems.create(
          {
            customer: p.customer,
            invoice: draft.id,
            amount: p.amount,
            currency: p.currency,
            description: p.description,
            metadata: stamp,
          },
          { ...context.requestOptions, idempotencyKey: `${context.idempotencyKey}-line` },
        );
        // The draft as created (its line is on it now; finalizing answers with the whole invoice).
        return answerOf(draft);
      },
      // Found only once its line is on it: a draft without one is finished by resending (the keys replay the draft).
      find: async (stripe, p, context) => {
        for await (const invoice of stripe.invoices.list({ customer: p.customer, limit: 100 }))
          if (invoice.metadata?.[INTENT_METADATA] === context.intentId)
            return invoice.lines.data.length > 0 ? answerOf(invoice) : null;
        return null;
      },
      settle,
    });
    deps.ledger.register(INVOICE_FOR_AMOUNT.finalize, {
      send: async (stripe, p, context) =>
        answerOf(await stripe.invoices.finalizeInvoice(p.invoice, {}, context.requestOptions)),
      find: async (stripe, p) => {
        const invoice = await stripe.invoices.retrieve(p.invoice);
        return invoice.status !== 'draft' ? answerOf(invoice) : null;
      },
      settle,
    });
    deps.ledger.register(INVOICE_FOR_AMOUNT.send, {
      send: async (stripe, p, context) =>
        answerOf(await stripe.invoices.sendInvoice(p.invoice, {}, context.requestOptions)),
      // Stripe records each email it sent as an `invoice.sent` event (kept 30 days).
      find: async (stripe, p, context) => {
        const since = context.firstSentAt - 60;
        for await (const event of stripe.events.list({ type: 'invoice.sent', created: { gte: since }, limit: 100 }))
          if ((event.data.object as Stripe.Invoice).id === p.invoice)
            return answerOf(await stripe.invoices.retrieve(p.invoice));
        return null;
      },
      settle,
    });
  }

  async send(scope: Scope, request: Omit<SendInvoiceRequest, 'scope'>): Promise<InvoiceDetail> {
    const { ledger } = this.deps;
    const { intentIds, customerId } = request;
    if (!ledger.find(intentIds.create)) this.check(scope, request);
    const base = { scope, agent: this.deps.agent(), amount: request.amount, currency: request.currency };
    const invoice =
      this.done(intentIds.create) ??
      (
        await ledger.run({
          ...base,
          kind: INVOICE_FOR_AMOUNT.create,
          targetId: customerId,
          intentId: intentIds.create,
          params: {
            customer: customerId,
            amount: request.amount,
            currency: request.currency,
            description: request.description,
            daysUntilDue: request.daysUntilDue,
          },
        })
      ).id;
    const step = { ...base, targetId: invoice, params: { invoice } };
    if (!this.done(intentIds.finalize))
      await ledger.run({ ...step, kind: INVOICE_FOR_AMOUNT.finalize, intentId: intentIds.finalize });
    const sent = this.done(intentIds.send)
      ? null
      : await ledger.run({ ...step, kind: INVOICE_FOR_AMOUNT.send, intentId: intentIds.send });
    const queries = new InvoiceQueries(this.deps.caches.open(scope));
    return sent ? queries.detailOf(toJson(sent.object), scope.mode) : queries.get(invoice, scope.mode);
  }

  /** What a step Stripe already carried out made (it isn't sent again), or null. */
  private done(intentId: string): string | null {
    const record = this.deps.ledger.find(intentId);
    return record?.state === 'succeeded' ? record.resultId : null;
  }

  private check(scope: Scope, r: Omit<SendInvoiceRequest, 'scope'>): void {
    const customer = this.deps.caches
      .open(scope)
      .get<{ deleted?: unknown; email?: unknown }>('customers', r.customerId);
    if (!customer || customer.deleted)
      throw new ConsoleError('not_found', `Customer ${r.customerId} isn’t in the local copy.`);
    if (!customer.email)
      throw new ConsoleError('invalid_input', 'The customer has no email address: add one before sending an invoice.', {
        details: { path: 'customerId' },
      });
    if (minorUnitDigits(r.currency) === 3 && r.amount % 10 !== 0)
      throw new ConsoleError('invalid_input', 'Amounts in this currency must end in 0.', {
        details: { path: 'amount' },
      });
  }
}
