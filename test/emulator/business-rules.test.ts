import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src-main/emulator';
import { client, errorOf, withEmulator } from './helpers';

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await withEmulator({ customers: 20 });
  stripe = client(emulator, emulator.keys.test);
});
afterAll(() => emulator.stop());

/** Form-encoded POST with an explicit body, so parameter order is ours to choose. */
async function post(path: string, body: string, idempotencyKey: string) {
  const response = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${emulator.keys.test}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Idempotency-Key': idempotencyKey,
    },
    body,
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed'),
    body: (await response.json()) as { id?: string; error?: { type: string; code?: string } },
  };
}

describe('emails', () => {
  it('refuses a malformed email with email_invalid', async () => {
    const error = await errorOf(stripe.customers.create({ email: 'ada.example.com' }));
    expect(error.code).toBe('email_invalid');
    expect(error.param).toBe('email');
    expect(error.message).toBe('Invalid email address: ada.example.com');
    const receipt = await errorOf(
      stripe.paymentIntents.create({ amount: 1000, currency: 'usd', receipt_email: 'nobody@' }),
    );
    expect(receipt.code).toBe('email_invalid');
    expect(receipt.param).toBe('receipt_email');
    expect((await stripe.customers.create({ email: 'ada@example.com' })).email).toBe('ada@example.com');
  });
});

describe('metadata limits', () => {
  it('allows 50 keys of 40 characters with 500-character values, and no more', async () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`.padEnd(40, 'x'), 'v'.repeat(500)]));
    const customer = await stripe.customers.create({ metadata: fifty });
    expect(Object.keys(customer.metadata)).toHaveLength(50);

    const tooMany = await errorOf(stripe.customers.create({ metadata: { ...fifty, one_more: 'x' } }));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.param).toBe('metadata');
    const longKey = await errorOf(stripe.customers.create({ metadata: { ['k'.repeat(41)]: 'x' } }));
    expect(longKey.param).toBe(`metadata[${'k'.repeat(41)}]`);
    const longValue = await errorOf(stripe.customers.create({ metadata: { note: 'v'.repeat(501) } }));
    expect(longValue.param).toBe('metadata[note]');
  });

  it('counts the keys an update adds to those already stored', async () => {
    const charge = (await stripe.charges.list({ limit: 1 })).data[0] as Stripe.Charge;
    const first = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`a${i}`, 'x']));
    await stripe.charges.update(charge.id, { metadata: first });
    const second = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`b${i}`, 'x']));
    const error = await errorOf(stripe.charges.update(charge.id, { metadata: second }));
    expect(error.statusCode).toBe(400);
    expect(error.param).toBe('metadata');
  });
});

describe('currencies and minimum amounts', () => {
  it('refuses a currency Stripe does not have, and accepts upper case as Stripe does', async () => {
    const error = await errorOf(stripe.paymentIntents.create({ amount: 1000, currency: 'xyz' }));
    expect(error.statusCode).toBe(400);
    expect(error.param).toBe('currency');
    expect(error.message).toMatch(/^Invalid currency: xyz/);
    const upper = await stripe.paymentIntents.create({ amount: 1000, currency: 'EUR' });
    expect(upper.currency).toBe('eur');
  });

  it('answers amount_too_small below the currency minimum (USD 0.50, GBP 0.30, JPY 50)', async () => {
    for (const [currency, below, minimum] of [
      ['usd', 49, 50],
      ['gbp', 29, 30],
      ['jpy', 49, 50],
    ] as const) {
      const error = await errorOf(stripe.paymentIntents.create({ amount: below, currency }));
      expect(error.code, currency).toBe('amount_too_small');
      expect(error.param).toBe('amount');
      expect(error.doc_url).toBe('https://stripe.com/docs/error-codes/amount-too-small');
      expect((await stripe.paymentIntents.create({ amount: minimum, currency })).amount).toBe(minimum);
    }
  });
});

describe('idempotency', () => {
  it('saves a failure once execution started: a refused capture replays instead of running later', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', capture_method: 'manual' });
    const key = `capture-${pi.id}`;
    const first = await post(`/v1/payment_intents/${pi.id}/capture`, '', key);
    expect(first.status).toBe(400);
    await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    const again = await post(`/v1/payment_intents/${pi.id}/capture`, '', key);
    expect(again.status).toBe(400);
    expect(again.replayed).toBe('true');
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_capture');
  });

  it('saves nothing when parameters fail validation, so the key can be used once they are fixed', async () => {
    const key = `fix-then-send-${Date.now()}`;
    const invalid = await post('/v1/customers', 'nmae=Ada', key);
    expect(invalid.body.error?.code).toBe('parameter_unknown');
    const fixed = await post('/v1/customers', 'name=Ada', key);
    expect(fixed.status).toBe(200);
    expect(fixed.replayed).toBeNull();
  });

  it('compares parameters, not their order', async () => {
    const key = `order-${Date.now()}`;
    const first = await post('/v1/customers', 'name=Ada&email=ada%40example.com&metadata[a]=1&metadata[b]=2', key);
    const reordered = await post('/v1/customers', 'metadata[b]=2&email=ada%40example.com&metadata[a]=1&name=Ada', key);
    expect(reordered.replayed).toBe('true');
    expect(reordered.body.id).toBe(first.body.id);
    const different = await post('/v1/customers', 'name=Ada&email=ada%40example.com&metadata[a]=1&metadata[b]=3', key);
    expect(different.status).toBe(400);
    expect(different.body.error?.type).toBe('idempotency_error');
  });
});
