import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditNotePreview, InvoiceDetail, InvoiceRow, InvoiceStatus, Page } from '../../src-preload/contract';
import { startCustomerWrites, type CustomerWritesHarness } from '../customers/writes-harness';

let h: CustomerWritesHarness;

beforeAll(async () => {
  h = await startCustomerWrites(240);
}, 60_000);
afterAll(() => h?.stop());

/** A different cached invoice of a status for each test. */
const taken = new Set<string>();
function spare(status: InvoiceStatus): Stripe.Invoice | undefined {
  const row = h.store.invoices
    .page({ statuses: [status], limit: 10_000 })
    .items.sort((a, b) => (a.id < b.id ? -1 : 1))
    .find((i) => i.amountDue > 0 && !taken.has(i.id));
  if (!row) return undefined;
  taken.add(row.id);
  return h.store.get<Stripe.Invoice>('invoices', row.id)!;
}
function cachedInvoice(status: InvoiceStatus): Stripe.Invoice {
  const invoice = spare(status);
  if (!invoice) throw new Error(`no spare ${status} invoice`);
  return invoice;
}
/** An open invoice: a seeded one, or else a draft finalized at Stripe and cached as sync would. */
async function openInvoice(): Promise<Stripe.Invoice> {
  const seeded = spare('open');
  if (seeded) return seeded;
  const open = await h.stripe.invoices.finalizeInvoice(cachedInvoice('draft').id);
  h.store.applyObject(open as never, { lo: Date.now(), hi: Date.now() });
  return open;
}
const act = (id: string, action: object, intentId = randomUUID()) =>
  h.call<InvoiceDetail>('invoices.act', { scope: h.scope, id, intentId, action });
const refusal = (id: string, action: object) =>
  h.refusal('invoices.act', { scope: h.scope, id, intentId: randomUUID(), action });

describe('invoices list and detail', () => {
  it('lists all invoices and one customer’s, newest first, with line items and links in the detail', async () => {
    const all = await h.call<Page<InvoiceRow>>('invoices.list', { scope: h.scope, limit: 500 });
    expect(all.items.length).toBeGreaterThan(5);
    const created = all.items.map((i) => i.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const one = all.items.find((i) => i.status === 'paid')!;
    const mine = await h.call<Page<InvoiceRow>>('invoices.list', {
      scope: h.scope,
      customerId: one.customerId,
      limit: 100,
    });
    expect(mine.items.every((i) => i.customerId === one.customerId)).toBe(true);
    const open = await h.call<Page<InvoiceRow>>('invoices.list', { scope: h.scope, statuses: ['open'], limit: 500 });
    expect(open.items.every((i) => i.status === 'open')).toBe(true);
    const detail = await h.call<InvoiceDetail>('invoices.get', { scope: h.scope, id: one.id });
    expect(detail.lines.length).toBeGreaterThan(0);
    expect(detail.lines.reduce((s, l) => s + l.amount, 0)).toBe(detail.subtotal);
    expect(detail.hostedUrl).toMatch(/^https:\/\/invoice\.stripe\.com\//);
    expect(detail.pdfUrl).toMatch(/pdf$/);
    expect(detail.actions).toMatchObject({ pay: expect.any(String), void: expect.any(String), send: null });
  });
});

describe('invoice actions', () => {
  it('a declined retry says so and changes nothing but the attempt count; another card pays it, once', async () => {
    const invoice = await openInvoice();
    const declined = await refusal(invoice.id, { kind: 'pay', paymentMethodId: 'pm_card_chargeDeclined' });
    expect(declined).toMatchObject({
      code: 'card_error',
      details: { outcome: 'refused', declineCode: 'generic_decline' },
    });
    const intentId = randomUUID();
    const [paid, again] = await Promise.all([
      act(invoice.id, { kind: 'pay', paymentMethodId: 'pm_card_visa' }, intentId),
      act(invoice.id, { kind: 'pay', paymentMethodId: 'pm_card_visa' }, intentId),
    ]);
    expect(paid).toMatchObject({ status: 'paid', amountRemaining: 0 });
    expect(again.status).toBe('paid');
    expect(await h.eventsFor(invoice.id, 'invoice.paid')).toHaveLength(1);
    // The cache shows it at once, and a second payment is refused before anything is sent.
    expect((await h.call<InvoiceDetail>('invoices.get', { scope: h.scope, id: invoice.id })).status).toBe('paid');
    expect((await refusal(invoice.id, { kind: 'pay' })).message).toBe('A paid invoice can’t be charged.');
  });

  it('voids, marks uncollectible, finalizes and sends, each as Stripe allows', async () => {
    const voided = await act((await openInvoice()).id, { kind: 'void' });
    expect(voided.status).toBe('void');
    expect((await refusal(voided.id, { kind: 'void' })).code).toBe('conflict');
    expect((await act((await openInvoice()).id, { kind: 'mark_uncollectible' })).status).toBe('uncollectible');
    const draft = cachedInvoice('draft');
    const finalized = await act(draft.id, { kind: 'finalize' });
    expect(finalized).toMatchObject({ status: 'open', number: expect.any(String), hostedUrl: expect.any(String) });
    await act(draft.id, { kind: 'send' });
    expect(await h.eventsFor(draft.id, 'invoice.sent')).toHaveLength(1);
  });

  it('refuses bad input before sending', async () => {
    const invoice = await openInvoice();
    const bad = await h.refusal('invoices.act', {
      scope: h.scope,
      id: invoice.id,
      intentId: randomUUID(),
      action: { kind: 'refund' },
    });
    expect(bad.code).toBe('invalid_input');
    const notInvoice = await h.refusal('invoices.get', { scope: h.scope, id: 'ch_123' });
    expect(notInvoice.code).toBe('invalid_input');
    expect(await h.eventsFor(invoice.id, 'invoice.updated')).toHaveLength(0);
  });
});

describe('credit notes', () => {
  it('previews, then refunds a paid invoice once; what is left to credit shrinks', async () => {
    const open = await openInvoice();
    const paid = await act(open.id, { kind: 'pay', paymentMethodId: 'pm_card_visa' });
    const creditNote = { amount: 500, method: 'refund', reason: 'product_unsatisfactory' };
    const preview = await h.call<CreditNotePreview>('invoices.previewCreditNote', {
      scope: h.scope,
      id: paid.id,
      creditNote,
    });
    expect(preview).toMatchObject({ amount: 500, refund: 500, balanceCredit: 0, currency: paid.currency });
    const intentId = randomUUID();
    const after = await h.call<InvoiceDetail>('invoices.createCreditNote', {
      scope: h.scope,
      id: paid.id,
      intentId,
      creditNote,
    });
    await h.call('invoices.createCreditNote', { scope: h.scope, id: paid.id, intentId, creditNote });
    expect(after.creditNotes).toHaveLength(1);
    expect(after.creditNotes[0]).toMatchObject({ amount: 500, refunded: 500, reason: 'product_unsatisfactory' });
    expect(after.postPaymentCredit).toBe(500);
    expect((await h.stripe.creditNotes.list({ invoice: paid.id })).data).toHaveLength(1);
  });

  it('credits a customer’s balance, lowers what an open invoice asks for, and refuses what can’t be', async () => {
    const paid = await act((await openInvoice()).id, { kind: 'pay', paymentMethodId: 'pm_card_visa' });
    const before = (await h.stripe.customers.retrieve(paid.customerId!)) as Stripe.Customer;
    await h.call('invoices.createCreditNote', {
      scope: h.scope,
      id: paid.id,
      intentId: randomUUID(),
      creditNote: { amount: 300, method: 'balance' },
    });
    const customer = (await h.stripe.customers.retrieve(paid.customerId!)) as Stripe.Customer;
    expect(customer.balance).toBe(before.balance - 300);

    const open = await openInvoice();
    const lowered = await h.call<InvoiceDetail>('invoices.createCreditNote', {
      scope: h.scope,
      id: open.id,
      intentId: randomUUID(),
      creditNote: { amount: 100, method: 'reduce_due' },
    });
    expect(lowered.amountRemaining).toBe(open.amount_remaining - 100);
    const refundOpen = await h.refusal('invoices.previewCreditNote', {
      scope: h.scope,
      id: open.id,
      creditNote: { amount: 100, method: 'refund' },
    });
    expect(refundOpen.details?.path).toBe('creditNote.method');
    const tooMuch = await h.refusal('invoices.createCreditNote', {
      scope: h.scope,
      id: open.id,
      intentId: randomUUID(),
      creditNote: { amount: open.amount_remaining, method: 'reduce_due' },
    });
    expect(tooMuch.details?.path).toBe('creditNote.amount');
    const zero = await h.refusal('invoices.previewCreditNote', {
      scope: h.scope,
      id: open.id,
      creditNote: { amount: 0, method: 'reduce_due' },
    });
    expect(zero.code).toBe('invalid_input');
  });
});
