import type Stripe from 'stripe';
import type { InvoiceAction } from '../../src-preload/contract';
import { eventFor, outcomeOfEvent } from '../mutations/event-lookup';
import type { LookupContext, MutationOutcome } from '../mutations/mutation-ledger';

/** What each invoice action leaves on the invoice; sending leaves nothing but its `invoice.sent` event. */
const SHOWS: Record<InvoiceAction['kind'], (invoice: Stripe.Invoice) => boolean> = {
  pay: (invoice) => invoice.status === 'paid',
  finalize: (invoice) => invoice.status !== 'draft',
  void: (invoice) => invoice.status === 'void',
  mark_uncollectible: (invoice) => invoice.status === 'uncollectible',
  send: () => false,
};

/**
 * Whether an earlier attempt of an invoice action took effect, decided at Stripe before any resend: the invoice
 * shows it (an invoice is paid, voided or finalized once), or Stripe recorded an invoice event caused by the
 * request with this intent's idempotency key.
 */
export async function findInvoiceAction(
  stripe: Stripe,
  params: { invoice: string; action: InvoiceAction },
  context: LookupContext,
): Promise<MutationOutcome<Stripe.Invoice> | null> {
  const invoice = await stripe.invoices.retrieve(params.invoice);
  if (SHOWS[params.action.kind](invoice))
    return { id: invoice.id, status: invoice.status, requestId: null, object: invoice };
  const event = await eventFor(stripe, 'invoice.*', context);
  return event ? outcomeOfEvent<Stripe.Invoice>(event) : null;
}

/** A credit note is created once per request: the `credit_note.created` event its request caused. */
export async function findCreditNote(
  stripe: Stripe,
  context: LookupContext,
): Promise<MutationOutcome<Stripe.CreditNote> | null> {
  const event = await eventFor(stripe, 'credit_note.created', context);
  return event ? outcomeOfEvent<Stripe.CreditNote>(event) : null;
}
