import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src-main/emulator';
import { client, errorOf, withEmulator } from './helpers';

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  // Only test mode is listed here: live mode's dataset is left empty (seeding 2,500 more cost as much again).
  emulator = await withEmulator({ customers: 2500, liveCustomers: 0 });
  stripe = client(emulator, emulator.keys.test);
});
afterAll(() => emulator.stop());

describe('lists', () => {
  it('auto-paginates thousands of customers newest first without duplicates', async () => {
    const all = await stripe.customers.list({ limit: 100 }).autoPagingToArray({ limit: 10000 });
    expect(all).toHaveLength(2500);
    expect(new Set(all.map((c) => c.id)).size).toBe(2500);
    for (let i = 1; i < all.length; i++) {
      const [prev, cur] = [all[i - 1] as Stripe.Customer, all[i] as Stripe.Customer];
      expect(prev.created > cur.created || (prev.created === cur.created && prev.id > cur.id)).toBe(true);
    }
  });

  it('pages backwards with ending_before', async () => {
    const first = await stripe.customers.list({ limit: 5 });
    const second = await stripe.customers.list({ limit: 5, starting_after: first.data[4]?.id });
    const back = await stripe.customers.list({ limit: 5, ending_before: second.data[0]?.id });
    expect(back.data.map((c) => c.id)).toEqual(first.data.map((c) => c.id));
    expect(second.url).toBe('/v1/customers');
    expect(second.object).toBe('list');
  });

  it('validates limit and cursors', async () => {
    for (const limit of [0, 101]) {
      const error = await errorOf(stripe.customers.list({ limit }));
      expect(error.type).toBe('StripeInvalidRequestError');
      expect(error.param).toBe('limit');
    }
    const page = await stripe.customers.list({ limit: 2 });
    const both = await errorOf(
      stripe.customers.list({ starting_after: page.data[0]?.id, ending_before: page.data[1]?.id }),
    );
    expect(both.statusCode).toBe(400);
    expect(both.message).toMatch(/starting_after, ending_before/);
  });

  it('filters by created ranges and exact values', async () => {
    const [newest] = (await stripe.customers.list({ limit: 1 })).data;
    const created = (newest as Stripe.Customer).created;
    const exact = await stripe.customers.list({ created, limit: 100 });
    expect(exact.data.every((c) => c.created === created)).toBe(true);
    const since = await stripe.customers.list({ created: { gte: created - 86400 * 3 }, limit: 100 });
    expect(since.data.length).toBeGreaterThan(0);
    expect(since.data.every((c) => c.created >= created - 86400 * 3)).toBe(true);
    const older = await stripe.customers.list({ created: { lt: created - 86400 * 365 }, limit: 3 });
    expect(older.data.every((c) => c.created < created - 86400 * 365)).toBe(true);
  });

  it('filters per resource', async () => {
    const charges = await stripe.charges.list({ limit: 20 });
    const charge = charges.data[0] as Stripe.Charge;
    const byCustomer = await stripe.charges.list({ customer: charge.customer as string });
    expect(byCustomer.data.every((c) => c.customer === charge.customer)).toBe(true);
    const subs = await stripe.subscriptions.list({ limit: 100 });
    expect(subs.data.some((s) => s.status === 'canceled')).toBe(false);
    const canceled = await stripe.subscriptions.list({ status: 'canceled', limit: 5 });
    expect(canceled.data.every((s) => s.status === 'canceled')).toBe(true);
    const email = (await stripe.customers.list({ limit: 1 })).data[0]?.email as string;
    const byEmail = await stripe.customers.list({ email });
    expect(byEmail.data.map((c) => c.email)).toContain(email);
    expect((await stripe.customers.list({ email: email.toUpperCase() })).data).toHaveLength(0);
    const events = await stripe.events.list({ type: 'charge.*', limit: 50 });
    expect(events.data.length).toBeGreaterThan(0);
    expect(events.data.every((e) => e.type.startsWith('charge.'))).toBe(true);
    const typed = await stripe.events.list({ types: ['customer.created', 'refund.created'], limit: 50 });
    expect(typed.data.every((e) => e.type === 'customer.created' || e.type === 'refund.created')).toBe(true);
  });

  it('refuses filters Stripe does not have, and applies generic ones on compacted objects', async () => {
    const unknown = await errorOf(stripe.disputes.list({ customer: 'cus_x' } as Stripe.DisputeListParams));
    expect(unknown.message).toBe('Received unknown parameter: customer');
    expect(unknown.param).toBe('customer');
    const pm = (await stripe.paymentMethods.list({ limit: 1 })).data[0] as Stripe.PaymentMethod;
    const cards = await stripe.paymentMethods.list({ customer: pm.customer as string, type: 'card' });
    expect(cards.data.map((p) => p.id)).toContain(pm.id);
    const prices = await stripe.prices.list({ currency: 'jpy', limit: 100 });
    expect(prices.data.length).toBeGreaterThan(0);
    expect(prices.data.every((p) => p.currency === 'jpy')).toBe(true);
  });

  it('expands single fields and data.* paths', async () => {
    const list = await stripe.charges.list({ limit: 3, expand: ['data.customer', 'data.payment_intent'] });
    const charge = list.data[0] as Stripe.Charge;
    expect((charge.customer as Stripe.Customer).object).toBe('customer');
    expect((charge.payment_intent as Stripe.PaymentIntent).object).toBe('payment_intent');
    const pi = await stripe.paymentIntents.retrieve((charge.payment_intent as Stripe.PaymentIntent).id, {
      expand: ['latest_charge.balance_transaction'],
    });
    expect(
      ((pi.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction | null)?.object ??
        'balance_transaction',
    ).toBe('balance_transaction');
    const error = await errorOf(stripe.customers.list({ expand: ['data.name'] }));
    expect(error.message).toMatch(/cannot be expanded/);
  });

  it('has realistic demo data in every status', async () => {
    const disputes = await stripe.disputes.list({ limit: 100 }).autoPagingToArray({ limit: 1000 });
    const statuses = new Set(disputes.map((d) => d.status));
    for (const s of [
      'warning_needs_response',
      'warning_under_review',
      'warning_closed',
      'needs_response',
      'under_review',
      'won',
      'lost',
    ])
      expect(statuses).toContain(s);
    const subs = await stripe.subscriptions.list({ status: 'all', limit: 100 }).autoPagingToArray({ limit: 5000 });
    for (const s of [
      'active',
      'trialing',
      'past_due',
      'unpaid',
      'paused',
      'canceled',
      'incomplete',
      'incomplete_expired',
    ])
      expect(subs.map((x) => x.status)).toContain(s);
    const currencies = new Set((await stripe.charges.list({ limit: 100 })).data.map((c) => c.currency));
    expect(currencies.size).toBeGreaterThanOrEqual(4);
  });
});
