import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src-main/emulator';
import { client } from '../emulator/helpers';

/** Invoice actions and credit notes in the emulator, the way Stripe does them, through the official SDK. */
let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ customers: 150 });
  stripe = client(emulator, emulator.keys.test);
}, 30_000);
afterAll(() => emulator?.stop());

const taken = new Set<string>();
async function invoice(status: Stripe.Invoice.Status): Promise<Stripe.Invoice> {
  for await (const i of stripe.invoices.list({ status, limit: 100 }))
    if (!taken.has(i.id) && i.amount_remaining + i.amount_paid > 0) {
      taken.add(i.id);
      return i;
    }
  throw new Error(`no spare ${status} invoice`);
}
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: InstanceType<typeof Stripe.errors.StripeError>) => e,
  );
async function eventTypes(objectId: string): Promise<string[]> {
  const types: string[] = [];
  for await (const e of stripe.events.list({ limit: 100 }))
    if ((e.data.object as { id?: string }).id === objectId) types.push(e.type);
  return types;
}

describe('invoice actions', () => {
  it('finalizes a draft once: number, hosted page and PDF appear', async () => {
    const draft = await invoice('draft');
    const open = await stripe.invoices.finalizeInvoice(draft.id);
    expect(open).toMatchObject({ status: 'open', number: expect.stringMatching(/-\d{4}$/) });
    expect(open.hosted_invoice_url).toMatch(/^https:\/\/invoice\.stripe\.com\/i\//);
    expect(open.invoice_pdf).toMatch(/\/pdf$/);
    expect(await refusal(stripe.invoices.finalizeInvoice(draft.id))).toMatchObject({
      statusCode: 400,
      code: 'invoice_unexpected_state',
    });
    expect(await eventTypes(draft.id)).toEqual(expect.arrayContaining(['invoice.finalized', 'invoice.updated']));
  });

  it('a declined retry is recorded on the invoice (402); a retry with another card pays it', async () => {
    const open = await invoice('open');
    const declined = await refusal(
      stripe.invoices.pay(open.id, { payment_method: 'pm_card_chargeDeclinedInsufficientFunds' }),
    );
    expect(declined).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'insufficient_funds' });
    const after = await stripe.invoices.retrieve(open.id);
    expect(after).toMatchObject({ status: 'open', attempt_count: open.attempt_count + 1 });
    const paid = await stripe.invoices.pay(open.id, { payment_method: 'pm_card_visa' });
    expect(paid).toMatchObject({ status: 'paid', amount_remaining: 0, amount_paid: open.amount_remaining });
    expect(await eventTypes(open.id)).toEqual(expect.arrayContaining(['invoice.payment_failed', 'invoice.paid']));
    expect(await refusal(stripe.invoices.pay(open.id))).toMatchObject({ code: 'invoice_already_paid' });
  });

  it('voids an open invoice and marks another uncollectible; a void one can’t be paid or voided again', async () => {
    const voided = await stripe.invoices.voidInvoice((await invoice('open')).id);
    expect(voided).toMatchObject({ status: 'void', amount_remaining: 0 });
    expect(await refusal(stripe.invoices.pay(voided.id))).toMatchObject({ statusCode: 400 });
    expect(await refusal(stripe.invoices.voidInvoice(voided.id))).toMatchObject({ statusCode: 400 });
    const bad = await stripe.invoices.markUncollectible((await invoice('open')).id);
    expect(bad.status).toBe('uncollectible');
    expect(await eventTypes(bad.id)).toContain('invoice.marked_uncollectible');
    await stripe.invoices.sendInvoice(bad.id);
    expect(await eventTypes(bad.id)).toContain('invoice.sent');
    expect(await refusal(stripe.invoices.sendInvoice(voided.id))).toMatchObject({ statusCode: 400 });
  });
});

describe('credit notes', () => {
  it('previews, then refunds part of a paid invoice’s payment and credits the rest to the customer balance', async () => {
    const open = await invoice('open');
    const paid = await stripe.invoices.pay(open.id, { payment_method: 'pm_card_visa' });
    const refund = Math.floor(paid.amount_paid / 2);
    const credit = paid.amount_paid - refund;
    const params = { invoice: paid.id, amount: paid.amount_paid, refund_amount: refund, credit_amount: credit };
    const preview = await stripe.creditNotes.preview(params);
    expect(preview).toMatchObject({ amount: paid.amount_paid, type: 'post_payment' });
    const before = (await stripe.customers.retrieve(paid.customer as string)) as Stripe.Customer;
    const note = await stripe.creditNotes.create({ ...params, reason: 'product_unsatisfactory' });
    expect(note).toMatchObject({ status: 'issued', invoice: paid.id, reason: 'product_unsatisfactory' });
    const refundId = note.refunds[0]!.refund as string;
    expect(await stripe.refunds.retrieve(refundId)).toMatchObject({ amount: refund, status: 'succeeded' });
    const customer = (await stripe.customers.retrieve(paid.customer as string)) as Stripe.Customer;
    expect(customer.balance).toBe(before.balance - credit);
    expect((await stripe.invoices.retrieve(paid.id)).post_payment_credit_notes_amount).toBe(paid.amount_paid);
    // Nothing is left to credit.
    expect(await refusal(stripe.creditNotes.create({ invoice: paid.id, amount: 1, credit_amount: 1 }))).toMatchObject({
      param: 'amount',
    });
    expect((await stripe.creditNotes.list({ invoice: paid.id })).data.map((n) => n.id)).toEqual([note.id]);
  });

  it('on an open invoice a credit note lowers what is due; parts that don’t add up are refused', async () => {
    const open = await invoice('open');
    const note = await stripe.creditNotes.create({ invoice: open.id, amount: 100 });
    expect(note.type).toBe('pre_payment');
    expect((await stripe.invoices.retrieve(open.id)).amount_remaining).toBe(open.amount_remaining - 100);
    expect(
      await refusal(stripe.creditNotes.create({ invoice: open.id, amount: 100, refund_amount: 100 })),
    ).toMatchObject({ statusCode: 400 });
    const paid = await stripe.invoices.pay(open.id, { payment_method: 'pm_card_visa' });
    const mismatch = await refusal(stripe.creditNotes.create({ invoice: paid.id, amount: 300, refund_amount: 100 }));
    expect(mismatch.message).toContain('must equal the credit note amount');
    const voided = await stripe.invoices.voidInvoice((await invoice('open')).id);
    expect(await refusal(stripe.creditNotes.preview({ invoice: voided.id, amount: 1 }))).toMatchObject({
      param: 'invoice',
    });
  });
});
