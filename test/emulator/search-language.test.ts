import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src-main/emulator';
import { client, errorOf, withEmulator } from './helpers';

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await withEmulator({ customers: 150 });
  stripe = client(emulator, emulator.keys.test);
});
afterAll(() => emulator.stop());

/** A subscription that has invoices (the newest ones are still trialing). */
async function invoicedSubscription(): Promise<string> {
  const invoice = (await stripe.invoices.list({ limit: 1 })).data[0] as Stripe.Invoice;
  return invoice.parent?.subscription_details?.subscription as string;
}

describe('search query language, as Stripe documents it', () => {
  it('joins clauses separated by a space with AND', async () => {
    const result = await stripe.charges.search({ query: "currency:'usd' status:'succeeded'", limit: 100 });
    expect(result.data.length).toBeGreaterThan(0);
    expect(result.data.every((c) => c.currency === 'usd' && c.status === 'succeeded')).toBe(true);
  });

  it('reads AND / OR in any case, and still refuses mixing them', async () => {
    const lower = await stripe.charges.search({ query: "currency:'jpy' or currency:'kwd'", limit: 100 });
    expect(new Set(lower.data.map((c) => c.currency))).toEqual(new Set(['jpy', 'kwd']));
    const and = await stripe.charges.search({ query: "currency:'usd' and status:'failed'", limit: 100 });
    expect(and.data.every((c) => c.currency === 'usd' && c.status === 'failed')).toBe(true);
    const mixed = await errorOf(
      stripe.charges.search({ query: "currency:'usd' status:'failed' OR currency:'eur'", limit: 10 }),
    );
    expect(mixed.statusCode).toBe(400);
    expect(mixed.param).toBe('query');
  });

  it('allows at most 10 clauses', async () => {
    const clauses = Array.from({ length: 11 }, (_, i) => `amount>${i}`).join(' AND ');
    const error = await errorOf(stripe.charges.search({ query: clauses }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(/at most 10 clauses/);
  });

  it('finds empty fields with field:null', async () => {
    const noNumber = await stripe.invoices.search({ query: 'number:null', limit: 100 });
    expect(noNumber.data.every((invoice) => invoice.number === null)).toBe(true);
    const withNumber = await stripe.invoices.search({ query: '-number:null', limit: 100 });
    expect(withNumber.data.length).toBeGreaterThan(0);
    expect(withNumber.data.every((invoice) => invoice.number !== null)).toBe(true);
  });
});

describe('every searchable resource has its search route', () => {
  it('searches customers, charges, payment intents, invoices, subscriptions, prices and products', async () => {
    const customer = (await stripe.customers.list({ limit: 1 })).data[0] as Stripe.Customer;
    expect((await stripe.customers.search({ query: `email:'${customer.email as string}'` })).data[0]?.id).toBe(
      customer.id,
    );
    expect((await stripe.charges.search({ query: "status:'succeeded'" })).data.length).toBeGreaterThan(0);
    expect((await stripe.paymentIntents.search({ query: "status:'succeeded'" })).data.length).toBeGreaterThan(0);
    expect((await stripe.subscriptions.search({ query: "status:'active'" })).data.length).toBeGreaterThan(0);

    const subscription = await invoicedSubscription();
    const invoices = await stripe.invoices.search({ query: `subscription:'${subscription}'` });
    expect(invoices.data.length).toBeGreaterThan(0);
    expect(invoices.data.every((i) => i.parent?.subscription_details?.subscription === subscription)).toBe(true);

    const price = (await stripe.prices.list({ limit: 1 })).data[0] as Stripe.Price;
    const prices = await stripe.prices.search({ query: `product:'${price.product as string}' active:'true'` });
    expect(prices.data.map((p) => p.id)).toContain(price.id);
    const product = await stripe.products.retrieve(price.product as string);
    const products = await stripe.products.search({ query: `name:'${product.name}'` });
    expect(products.data.map((p) => p.id)).toContain(product.id);
  });
});

describe('invoice list filters', () => {
  it('lists a subscription’s invoices with ?subscription= (read from parent.subscription_details)', async () => {
    const subscription = await invoicedSubscription();
    const invoices = await stripe.invoices.list({ subscription, limit: 100 });
    expect(invoices.data.length).toBeGreaterThan(0);
    expect(invoices.data.every((i) => i.parent?.subscription_details?.subscription === subscription)).toBe(true);
  });
});
