import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src-main/emulator';
import { client } from '../emulator/helpers';

/** Quantity/price changes with Stripe's proration preview, trials and default cards, through the official SDK. */
let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ customers: 120 });
  stripe = client(emulator, emulator.keys.test);
}, 30_000);
afterAll(() => emulator?.stop());

const taken = new Set<string>();
async function subscription(status: Stripe.Subscription.Status): Promise<Stripe.Subscription> {
  for await (const s of stripe.subscriptions.list({ status, limit: 100 }))
    if (!taken.has(s.id) && !s.cancel_at_period_end && !s.pause_collection) {
      taken.add(s.id);
      return s;
    }
  throw new Error(`no spare ${status} subscription`);
}
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: InstanceType<typeof Stripe.errors.StripeError>) => e,
  );

describe('subscription changes', () => {
  it('previews a quantity change with proration lines that add up, and the update at the same proration date changes it', async () => {
    const sub = await subscription('active');
    const item = sub.items.data[0]!;
    const at = Math.floor((item.current_period_start + item.current_period_end) / 2);
    const quantity = (item.quantity ?? 1) + 2;
    const preview = await stripe.invoices.createPreview({
      subscription: sub.id,
      subscription_details: {
        items: [{ id: item.id, quantity }],
        proration_behavior: 'create_prorations',
        proration_date: at,
      },
    });
    const prorations = preview.lines.data.filter((l) => l.parent?.subscription_item_details?.proration);
    expect(prorations).toHaveLength(2);
    const unit = item.price.unit_amount!;
    const share = (item.current_period_end - at) / (item.current_period_end - item.current_period_start);
    expect(prorations[0]!.amount).toBe(-Math.round(unit * (item.quantity ?? 1) * share));
    expect(prorations[1]!.amount).toBe(Math.round(unit * quantity * share));
    expect(preview.total).toBe(preview.lines.data.reduce((s, l) => s + l.amount, 0));
    const none = await stripe.invoices.createPreview({
      subscription: sub.id,
      subscription_details: { items: [{ id: item.id, quantity }], proration_behavior: 'none' },
    });
    expect(none.lines.data).toHaveLength(1);
    expect(none.total).toBe(unit * quantity);

    const updated = await stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, quantity }],
      proration_behavior: 'create_prorations',
      proration_date: at,
    });
    expect(updated.items.data[0]!.quantity).toBe(quantity);
    const events = (await stripe.events.list({ type: 'customer.subscription.updated', limit: 100 })).data.filter(
      (e) => (e.data.object as { id: string }).id === sub.id,
    );
    expect(events).toHaveLength(1);
  });

  it('refuses a price of another currency, a zero quantity and a proration date outside the period', async () => {
    const sub = await subscription('active');
    const item = sub.items.data[0]!;
    const other = (await stripe.prices.list({ limit: 100 })).data.find(
      (p) => p.currency !== sub.currency && p.recurring,
    )!;
    expect(
      await refusal(stripe.subscriptions.update(sub.id, { items: [{ id: item.id, price: other.id }] })),
    ).toMatchObject({ param: 'items[0][price]' });
    expect(await refusal(stripe.subscriptions.update(sub.id, { items: [{ id: item.id, quantity: 0 }] }))).toMatchObject(
      { param: 'items[0][quantity]' },
    );
    const outside = await refusal(
      stripe.invoices.createPreview({
        subscription: sub.id,
        subscription_details: { items: [{ id: item.id, quantity: 2 }], proration_date: item.current_period_end + 10 },
      }),
    );
    expect(outside).toMatchObject({ param: 'subscription_details[proration_date]' });
  });

  it('extends a trial, ends another now, and sets a default card only from the customer’s own', async () => {
    const trial = await subscription('trialing');
    const later = trial.items.data[0]!.current_period_end + 7 * 86400;
    expect((await stripe.subscriptions.update(trial.id, { trial_end: later })).trial_end).toBe(later);
    const ended = await stripe.subscriptions.update(trial.id, { trial_end: 'now' });
    expect(ended.status).toBe('active');
    expect(await refusal(stripe.subscriptions.update(trial.id, { trial_end: 'now' }))).toMatchObject({
      param: 'trial_end',
    });
    const sub = await subscription('active');
    const methods = (await stripe.paymentMethods.list({ limit: 100 })).data;
    const own = methods.find((m) => m.customer === sub.customer);
    const foreign = methods.find((m) => m.customer && m.customer !== sub.customer)!;
    if (own)
      expect(
        (await stripe.subscriptions.update(sub.id, { default_payment_method: own.id })).default_payment_method,
      ).toBe(own.id);
    expect(await refusal(stripe.subscriptions.update(sub.id, { default_payment_method: foreign.id }))).toMatchObject({
      param: 'default_payment_method',
    });
  });
});

describe('proration_behavior=always_invoice', () => {
  /** A card saved on the customer by paying with one of Stripe's test cards. */
  async function saveCard(customer: string, card: string): Promise<string> {
    await stripe.paymentIntents
      .create({ amount: 500, currency: 'usd', customer, payment_method: card, confirm: true })
      .catch(() => undefined);
    const saved = await stripe.paymentMethods.list({ customer, limit: 100 });
    return saved.data[0]!.id;
  }

  async function raiseQuantity(sub: Stripe.Subscription, card: string) {
    const item = sub.items.data[0]!;
    await stripe.subscriptions.update(sub.id, { default_payment_method: await saveCard(sub.customer as string, card) });
    const at = Math.floor((item.current_period_start + item.current_period_end) / 2);
    const updated = await stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, quantity: (item.quantity ?? 1) + 1 }],
      proration_behavior: 'always_invoice',
      proration_date: at,
    });
    const invoice = await stripe.invoices.retrieve(updated.latest_invoice as string);
    return { updated, invoice, at };
  }

  it('invoices the prorations at once and charges the subscription’s card', async () => {
    const sub = await subscription('active');
    const { updated, invoice } = await raiseQuantity(sub, 'pm_card_visa');
    expect(updated.status).toBe('active');
    expect(invoice).toMatchObject({ billing_reason: 'subscription_update', status: 'paid', amount_remaining: 0 });
    expect(invoice.lines.data.every((l) => l.parent?.subscription_item_details?.proration)).toBe(true);
    expect(invoice.total).toBe(invoice.lines.data.reduce((s, l) => s + l.amount, 0));
    expect(invoice.total).toBeGreaterThan(0);
    expect(invoice.amount_paid).toBe(invoice.total);
  });

  it('a declined card leaves the invoice open and the subscription past due; the change itself holds', async () => {
    const sub = await subscription('active');
    const { updated, invoice } = await raiseQuantity(sub, 'pm_card_chargeDeclined');
    expect(updated.items.data[0]!.quantity).toBe((sub.items.data[0]!.quantity ?? 1) + 1);
    expect(updated.status).toBe('past_due');
    expect(invoice).toMatchObject({ status: 'open', attempted: true, attempt_count: 1 });
    expect(invoice.amount_remaining).toBe(invoice.total);
  });

  it('refuses a behaviour Stripe doesn’t know', async () => {
    const sub = await subscription('active');
    const item = sub.items.data[0]!;
    const error = await refusal(
      stripe.subscriptions.update(sub.id, {
        items: [{ id: item.id, quantity: 3 }],
        proration_behavior: 'invoice_later' as never,
      }),
    );
    expect(error).toMatchObject({ type: 'StripeInvalidRequestError', param: 'proration_behavior' });
  });
});
