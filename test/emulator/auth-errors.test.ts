import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src-main/emulator';
import { client, errorOf, withEmulator } from './helpers';

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await withEmulator();
  stripe = client(emulator, emulator.keys.test);
});
afterAll(() => emulator.stop());

describe('keys and modes', () => {
  it('keeps test and live data apart and says so', async () => {
    const testCharge = (await stripe.charges.list({ limit: 1 })).data[0] as Stripe.Charge;
    const live = client(emulator, emulator.keys.live);
    const liveCharge = (await live.charges.list({ limit: 1 })).data[0] as Stripe.Charge;
    expect(liveCharge.livemode).toBe(true);
    expect(testCharge.livemode).toBe(false);
    const error = await errorOf(live.charges.retrieve(testCharge.id));
    expect(error.type).toBe('StripeInvalidRequestError');
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('resource_missing');
    expect(error.message).toBe(
      `No such charge: '${testCharge.id}'; a similar object exists in test mode, but a live mode key was used to make this request.`,
    );
    expect((await stripe.accounts.retrieveCurrent()).id).toBe(emulator.accountId);
    expect((await live.accounts.retrieveCurrent()).id).toBe(emulator.accountId);
  });

  it('accepts basic auth and rejects unknown, revoked and publishable keys', async () => {
    const response = await fetch(`${emulator.url}/v1/customers?limit=1`, {
      headers: { Authorization: `Basic ${Buffer.from(`${emulator.keys.test}:`).toString('base64')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    const unknown = await errorOf(client(emulator, 'sk_test_doesnotexist1234').customers.list());
    expect(unknown.type).toBe('StripeAuthenticationError');
    expect(unknown.message).toBe('Invalid API Key provided: sk_test_****1234');
    const publishable = await errorOf(client(emulator, 'pk_test_123').customers.list());
    expect(publishable.type).toBe('StripeAuthenticationError');
    const key = emulator.admin.createRestrictedKey('test', ['rak_customer_read']);
    await client(emulator, key).customers.list({ limit: 1 });
    emulator.admin.revokeKey(key);
    const revoked = await errorOf(client(emulator, key).customers.list({ limit: 1 }));
    expect(revoked.statusCode).toBe(401);
    expect(revoked.message).not.toContain(key);
  });

  it('limits restricted keys to their permissions', async () => {
    const restricted = client(emulator, emulator.keys.restrictedTest);
    await restricted.customers.list({ limit: 1 });
    await restricted.charges.list({ limit: 1 });
    const denied = await errorOf(restricted.subscriptions.list({ limit: 1 }));
    expect(denied.type).toBe('StripePermissionError');
    expect(denied.statusCode).toBe(403);
    expect(denied.message).toMatch(
      new RegExp(
        `^The provided key 'rk_test_\\*+\\w{4}' does not have the required permissions for this endpoint on account '${emulator.accountId}'\\. Having the 'rak_subscription_read' permission would allow this request to continue\\.$`,
      ),
    );
    expect((await errorOf(restricted.accounts.retrieveCurrent())).message).toMatch(/rak_account_read/);
    const dispute = (await stripe.disputes.list({ limit: 1 })).data[0] as Stripe.Dispute;
    expect((await errorOf(restricted.disputes.close(dispute.id))).message).toMatch(/rak_dispute_write/);
  });
});

describe('error classes', () => {
  it('maps every Stripe error shape to its SDK class', async () => {
    expect((await errorOf(stripe.customers.retrieve('cus_missing'))).type).toBe('StripeInvalidRequestError');
    emulator.faults.fail500(1, { path: /^\/v1\/customers$/ });
    const apiError = await errorOf(stripe.customers.list());
    expect(apiError.type).toBe('StripeAPIError');
    expect(apiError.statusCode).toBe(500);
    emulator.faults.rateLimitBurst(1, { method: 'GET' });
    const limited = await errorOf(stripe.customers.list());
    expect(limited.type).toBe('StripeRateLimitError');
    expect(limited.code).toBe('rate_limit');
    emulator.faults.rateLimitBurst(1, undefined, { code: 'lock_timeout' });
    expect((await errorOf(stripe.customers.list())).code).toBe('lock_timeout');
    const declined = await errorOf(
      stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
        confirm: true,
      }),
    );
    expect(declined.type).toBe('StripeCardError');
    expect(declined.statusCode).toBe(402);
    expect(declined.decline_code).toBe('insufficient_funds');
    const failed = await stripe.paymentIntents.retrieve(
      (declined.raw as { payment_intent: { id: string } }).payment_intent.id,
    );
    expect(failed.status).toBe('requires_payment_method');
    expect(failed.last_payment_error?.decline_code).toBe('insufficient_funds');
  });

  it('lets the SDK recover from transient 500s and lock timeouts with its own retries', async () => {
    const retrying = client(emulator, emulator.keys.test, { maxNetworkRetries: 2 });
    emulator.faults.rateLimitBurst(1, { path: /customers/ }, { code: 'lock_timeout' });
    expect((await retrying.customers.list({ limit: 1 })).data).toHaveLength(1);
  });
});

describe('idempotency', () => {
  async function succeededCharge(currency = 'usd'): Promise<Stripe.Charge> {
    const pi = await stripe.paymentIntents.create({
      amount: 5000,
      currency,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    return stripe.charges.retrieve(pi.latest_charge as string);
  }

  it('replays the saved response for the same key and parameters', async () => {
    const charge = await succeededCharge();
    const first = await stripe.refunds.create(
      { charge: charge.id, amount: 100 },
      { idempotencyKey: 'refund-replay-1' },
    );
    const second = await stripe.refunds.create(
      { charge: charge.id, amount: 100 },
      { idempotencyKey: 'refund-replay-1' },
    );
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect((await stripe.refunds.list({ charge: charge.id })).data).toHaveLength(1);
  });

  it('refuses the same key with different parameters', async () => {
    const charge = await succeededCharge();
    await stripe.refunds.create({ charge: charge.id, amount: 100 }, { idempotencyKey: 'refund-mismatch' });
    const error = await errorOf(
      stripe.refunds.create({ charge: charge.id, amount: 200 }, { idempotencyKey: 'refund-mismatch' }),
    );
    expect(error.type).toBe('StripeIdempotencyError');
    expect(error.message).toBe(
      "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'refund-mismatch' if you meant to execute a different request.",
    );
  });

  it('answers 409 to a concurrent request with the same key', async () => {
    const charge = await succeededCharge();
    emulator.faults.delay(200, { path: /^\/v1\/refunds$/ });
    const [a, b] = await Promise.allSettled([
      stripe.refunds.create({ charge: charge.id, amount: 100 }, { idempotencyKey: 'refund-concurrent' }),
      stripe.refunds.create({ charge: charge.id, amount: 100 }, { idempotencyKey: 'refund-concurrent' }),
    ]);
    const statuses = [a, b].map((r) =>
      r.status === 'fulfilled' ? 200 : (r.reason as Stripe.errors.StripeError).statusCode,
    );
    expect(statuses.sort()).toEqual([200, 409]);
    expect((await stripe.refunds.list({ charge: charge.id })).data).toHaveLength(1);
  });

  it('expires keys after 24 hours and scopes them per mode', async () => {
    const charge = await succeededCharge();
    const first = await stripe.refunds.create({ charge: charge.id, amount: 100 }, { idempotencyKey: 'refund-expiry' });
    emulator.admin.advanceTime(25 * 3600 * 1000);
    try {
      const again = await stripe.refunds.create(
        { charge: charge.id, amount: 100 },
        { idempotencyKey: 'refund-expiry' },
      );
      expect(again.id).not.toBe(first.id);
    } finally {
      emulator.admin.advanceTime(-25 * 3600 * 1000);
    }
  });
});
