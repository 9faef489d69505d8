import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src-main/emulator';
import { client, errorOf, withEmulator } from './helpers';

/** Coupons and promotion codes on subscriptions, one-off invoices, and receipts resent: through the official SDK. */
let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await withEmulator({ customers: 60 });
  stripe = client(emulator, emulator.keys.test);
}, 30_000);
afterAll(() => emulator?.stop());

const taken = new Set<string>();
async function subscription(currency = 'usd'): Promise<Stripe.Subscription> {
  for await (const s of stripe.subscriptions.list({ status: 'active', limit: 100 }))
    if (!taken.has(s.id) && s.currency === currency) {
      taken.add(s.id);
      return s;
    }
  throw new Error(`no spare active ${currency} subscription`);
}

describe('coupons and promotion codes', () => {
  it('lists coupons, finds a code case-insensitively, and applies then removes discounts on a subscription', async () => {
    const coupons = (await stripe.coupons.list({ limit: 100 })).data.map((c) => c.id);
    expect(coupons).toEqual(expect.arrayContaining(['WELCOME10', 'LOYAL20', 'FIVEOFF', 'SPRING15']));
    const [code] = (await stripe.promotionCodes.list({ code: 'thankyou', active: true })).data;
    expect(code).toMatchObject({ code: 'THANKYOU', promotion: { coupon: 'LOYAL20' } });

    const sub = await subscription();
    const withCoupon = await stripe.subscriptions.update(sub.id, { discounts: [{ coupon: 'WELCOME10' }] });
    expect(withCoupon.discounts).toHaveLength(1);
    const both = await stripe.subscriptions.update(sub.id, {
      discounts: [{ discount: withCoupon.discounts[0] as string }, { promotion_code: code!.id }],
      expand: ['discounts'],
    });
    const discounts = both.discounts as Stripe.Discount[];
    expect(discounts.map((d) => d.source.coupon)).toEqual(['WELCOME10', 'LOYAL20']);
    expect(discounts[1]!.promotion_code).toBe(code!.id);
    expect((await stripe.coupons.retrieve('LOYAL20')).times_redeemed).toBeGreaterThan(0);
    const cleared = await stripe.subscriptions.update(sub.id, { discounts: '' });
    expect(cleared.discounts).toEqual([]);
  });

  it('refuses what Stripe refuses: unknown or expired coupons, inactive codes, two at once, repeats, other currencies', async () => {
    const sub = await subscription();
    const inactive = (await stripe.promotionCodes.list({ code: 'OLDLOYAL' })).data[0]!;
    const cases: [Stripe.SubscriptionUpdateParams.Discount[], string][] = [
      [[{ coupon: 'NOPE' }], 'discounts[0][coupon]'],
      [[{ coupon: 'SPRING15' }], 'discounts[0][coupon]'],
      [[{ promotion_code: inactive.id }], 'discounts[0][promotion_code]'],
      [[{ coupon: 'LOYAL20', promotion_code: inactive.id }], 'discounts[0]'],
      [[{ coupon: 'LOYAL20' }, { coupon: 'LOYAL20' }], 'discounts[1]'],
    ];
    for (const [discounts, param] of cases) {
      const error = await errorOf(stripe.subscriptions.update(sub.id, { discounts }));
      expect(error).toMatchObject({ type: 'StripeInvalidRequestError', param });
    }
    expect((await errorOf(stripe.subscriptions.update(sub.id, { discounts: [{ coupon: 'NOPE' }] }))).code).toBe(
      'resource_missing',
    );
    const eur = await subscription('eur').catch(() => null);
    if (eur)
      expect(await errorOf(stripe.subscriptions.update(eur.id, { discounts: [{ coupon: 'FIVEOFF' }] }))).toMatchObject({
        param: 'discounts[0][coupon]',
      });
    expect((await stripe.subscriptions.retrieve(sub.id)).discounts).toEqual([]);
  });
});

describe('one-off invoices', () => {
  it('creates a draft to send, adds a line, finalizes with a due date and sends it', async () => {
    const customer = (await stripe.customers.list({ limit: 1 })).data[0]!;
    const draft = await stripe.invoices.create({
      customer: customer.id,
      currency: 'usd',
      collection_method: 'send_invoice',
      days_until_due: 7,
      auto_advance: false,
      metadata: { console_intent: 'x' },
    });
    expect(draft).toMatchObject({ status: 'draft', total: 0, collection_method: 'send_invoice' });
    expect(draft.due_date).toBe(draft.created + 7 * 86400);
    const item = await stripe.invoiceItems.create({
      customer: customer.id,
      invoice: draft.id,
      amount: 4200,
      currency: 'usd',
      description: 'Consulting',
    });
    expect(item).toMatchObject({ object: 'invoiceitem', invoice: draft.id, amount: 4200 });
    const open = await stripe.invoices.finalizeInvoice(draft.id);
    expect(open).toMatchObject({ status: 'open', total: 4200, amount_due: 4200, next_payment_attempt: null });
    expect(open.lines.data[0]!.parent?.invoice_item_details?.invoice_item).toBe(item.id);
    await stripe.invoices.sendInvoice(draft.id);
    const sent = await stripe.events.list({ type: 'invoice.sent', limit: 10 });
    expect(sent.data.some((e) => (e.data.object as Stripe.Invoice).id === draft.id)).toBe(true);
  });

  it('refuses a send_invoice without days, days on an automatic one, lines on an open invoice or in another currency', async () => {
    const customer = (await stripe.customers.list({ limit: 1 })).data[0]!;
    expect(
      await errorOf(stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice' })),
    ).toMatchObject({ param: 'days_until_due' });
    expect(await errorOf(stripe.invoices.create({ customer: customer.id, days_until_due: 3 }))).toMatchObject({
      param: 'days_until_due',
    });
    const draft = await stripe.invoices.create({ customer: customer.id, currency: 'usd' });
    expect(
      await errorOf(
        stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 100, currency: 'eur' }),
      ),
    ).toMatchObject({ param: 'currency' });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 100 });
    await stripe.invoices.finalizeInvoice(draft.id);
    expect(
      await errorOf(stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 100 })),
    ).toMatchObject({ param: 'invoice' });
    expect(await errorOf(stripe.invoices.create({ customer: customer.id, unknown_thing: 1 } as never))).toMatchObject({
      code: 'parameter_unknown',
    });
  });
});

describe('receipts', () => {
  it('setting receipt_email on a paid charge sends a receipt (it gets a receipt number); a bad email is refused', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const charge = pi.latest_charge as string;
    const updated = await stripe.charges.update(charge, { receipt_email: 'someone@example.com' });
    expect(updated.receipt_email).toBe('someone@example.com');
    expect(updated.receipt_number).toMatch(/^\d{4}-\d{4}$/);
    expect(await errorOf(stripe.charges.update(charge, { receipt_email: 'not-an-email' }))).toMatchObject({
      code: 'email_invalid',
      param: 'receipt_email',
    });
  });
});
