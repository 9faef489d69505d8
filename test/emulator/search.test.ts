import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src-main/emulator';
import { client, errorOf, withEmulator } from './helpers';

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await withEmulator({ customers: 400, liveCustomers: 0 }); // only test mode is searched
  stripe = client(emulator, emulator.keys.test);
});
afterAll(() => emulator.stop());

describe('search', () => {
  it('matches exact and substring values, case-insensitively', async () => {
    const customer = (await stripe.customers.list({ limit: 1 })).data[0] as Stripe.Customer;
    const exact = await stripe.customers.search({ query: `email:'${(customer.email as string).toUpperCase()}'` });
    expect(exact.object).toBe('search_result');
    expect(exact.data.map((c) => c.id)).toContain(customer.id);
    const partial = await stripe.customers.search({
      query: `name~"${(customer.name as string).slice(0, 4)}"`,
      limit: 100,
    });
    expect(
      partial.data.every((c) =>
        (c.name as string).toLowerCase().includes((customer.name as string).slice(0, 4).toLowerCase()),
      ),
    ).toBe(true);
  });

  it('negates, compares numbers and combines with AND / OR', async () => {
    const big = await stripe.charges.search({ query: "amount>=100000 AND currency:'usd'", limit: 100 });
    expect(big.data.length).toBeGreaterThan(0);
    expect(big.data.every((c) => c.amount >= 100000 && c.currency === 'usd')).toBe(true);
    const either = await stripe.charges.search({ query: "currency:'jpy' OR currency:'kwd'", limit: 100 });
    expect(new Set(either.data.map((c) => c.currency))).toEqual(new Set(['jpy', 'kwd']));
    const notUsd = await stripe.charges.search({ query: "-currency:'usd' AND status:'succeeded'", limit: 100 });
    expect(notUsd.data.every((c) => c.currency !== 'usd' && c.status === 'succeeded')).toBe(true);
    const small = await stripe.paymentIntents.search({ query: 'amount<2000', limit: 50 });
    expect(small.data.every((p) => p.amount < 2000)).toBe(true);
    const mixed = await errorOf(stripe.charges.search({ query: "currency:'usd' AND amount>1 OR status:'failed'" }));
    expect(mixed.type).toBe('StripeInvalidRequestError');
    expect(mixed.param).toBe('query');
  });

  it('searches metadata and card last4', async () => {
    const all = await stripe.customers.list({ limit: 100 }).autoPagingToArray({ limit: 1000 });
    const tagged = all.find((c) => c.metadata.crm_id) as Stripe.Customer;
    const found = await stripe.customers.search({ query: `metadata['crm_id']:'${tagged.metadata.crm_id}'` });
    expect(found.data.map((c) => c.id)).toContain(tagged.id);
    const charge = (await stripe.charges.list({ limit: 1 })).data[0] as Stripe.Charge;
    const last4 = charge.payment_method_details?.card?.last4 as string;
    const byCard = await stripe.charges.search({ query: `payment_method_details.card.last4:'${last4}'`, limit: 100 });
    expect(byCard.data.map((c) => c.id)).toContain(charge.id);
    const unsupported = await errorOf(stripe.customers.search({ query: "payment_method_details.card.last4:'4242'" }));
    expect(unsupported.message).toMatch(/unsupported search field/);
  });

  it('paginates with next_page and auto-pagination', async () => {
    const first = await stripe.subscriptions.search({ query: "status:'active' OR status:'canceled'", limit: 5 });
    expect(first.has_more).toBe(true);
    const second = await stripe.subscriptions.search({
      query: "status:'active' OR status:'canceled'",
      limit: 5,
      page: first.next_page as string,
    });
    expect(second.data.map((s) => s.id)).not.toContain(first.data[0]?.id);
    const all = await stripe.subscriptions
      .search({ query: "status:'active'", limit: 7 })
      .autoPagingToArray({ limit: 5000 });
    const listed = await stripe.subscriptions.list({ status: 'active', limit: 100 }).autoPagingToArray({ limit: 5000 });
    expect(all.length).toBe(listed.length);
    const counted = await stripe.subscriptions.search({ query: "status:'active'", expand: ['total_count'] });
    expect(counted.total_count).toBe(listed.length);
  });
});

describe('search index lag', () => {
  it('hides fresh writes until the lag has passed', async () => {
    let now = Date.now();
    const lagged = await withEmulator({ customers: 20, searchIndexLagMs: 60_000, now: () => now });
    try {
      const stripe = client(lagged, lagged.keys.test);
      const created = await stripe.customers.create({ email: 'lag.check@example.com' });
      expect((await stripe.customers.search({ query: "email:'lag.check@example.com'" })).data).toHaveLength(0);
      expect((await stripe.customers.retrieve(created.id)).id).toBe(created.id);
      now += 61_000;
      expect((await stripe.customers.search({ query: "email:'lag.check@example.com'" })).data).toHaveLength(1);
    } finally {
      await lagged.stop();
    }
  });
});
