import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src-main/emulator';
import { PARAM_TABLE_SOURCE } from '../../src-main/emulator/params/table';
import { client, errorOf, withEmulator } from './helpers';

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await withEmulator({ customers: 20 });
  stripe = client(emulator, emulator.keys.test);
});
afterAll(() => emulator.stop());

interface StripeErrorBody {
  type: string;
  code?: string;
  param?: string;
  message: string;
  doc_url?: string;
  request_log_url?: string;
}

/** Raw HTTP, to send what the SDK would not (and older encodings). */
async function raw(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { error?: StripeErrorBody } & Record<string, unknown> }> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${emulator.keys.test}`,
      ...(body !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body } : {}),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('the parameter table', () => {
  it('was generated from the installed stripe package (run npm run emulator:params after upgrading it)', () => {
    const installed = JSON.parse(readFileSync('node_modules/stripe/package.json', 'utf8')) as { version: string };
    expect(PARAM_TABLE_SOURCE).toBe(`stripe@${installed.version}`);
  });
});

describe('unknown parameters', () => {
  it('refuses a misspelt top-level parameter with parameter_unknown, and creates nothing', async () => {
    const before = (await stripe.customers.list({ limit: 1 })).data[0]?.id;
    const error = await errorOf(stripe.customers.create({ nmae: 'Ada' } as Stripe.CustomerCreateParams));
    expect(error.statusCode).toBe(400);
    expect(error.type).toBe('StripeInvalidRequestError');
    expect(error.code).toBe('parameter_unknown');
    expect(error.param).toBe('nmae');
    expect(error.message).toBe('Received unknown parameter: nmae');
    expect(error.doc_url).toBe('https://stripe.com/docs/error-codes/parameter-unknown');
    expect((await stripe.customers.list({ limit: 1 })).data[0]?.id).toBe(before);
  });

  it('names the nested path of an unknown parameter', async () => {
    const customer = (await stripe.customers.list({ limit: 1 })).data[0] as Stripe.Customer;
    const error = await errorOf(
      stripe.customers.update(customer.id, { address: { cty: 'Paris' } } as Stripe.CustomerUpdateParams),
    );
    expect(error.code).toBe('parameter_unknown');
    expect(error.param).toBe('address[cty]');
  });

  it('refuses a misspelt flag on a subscription update and changes nothing', async () => {
    const subscription = (await stripe.subscriptions.list({ limit: 1, status: 'active' }))
      .data[0] as Stripe.Subscription;
    const error = await errorOf(
      stripe.subscriptions.update(subscription.id, { cancel_at_period_end_d: true } as Stripe.SubscriptionUpdateParams),
    );
    expect(error.code).toBe('parameter_unknown');
    expect((await stripe.subscriptions.retrieve(subscription.id)).cancel_at_period_end).toBe(
      subscription.cancel_at_period_end,
    );
  });

  it('refuses unknown list filters and query parameters on GET', async () => {
    const response = await raw('GET', '/v1/charges?limit=1&stauts=succeeded');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'parameter_unknown', param: 'stauts' });
  });
});

describe('parameters Stripe takes that the demo does not model', () => {
  it('refuses them with a clear error instead of dropping them (a list filter, a refund option)', async () => {
    const filter = await errorOf(stripe.customers.list({ test_clock: 'clock_123' }));
    expect(filter.statusCode).toBe(400);
    expect(filter.code).toBe('emulator_parameter_unsupported');
    expect(filter.param).toBe('test_clock');
    const charge = (await stripe.charges.list({ limit: 1 })).data[0] as Stripe.Charge;
    const option = await errorOf(stripe.refunds.create({ charge: charge.id, refund_application_fee: true }));
    expect(option.code).toBe('emulator_parameter_unsupported');
    expect(option.message).toMatch(/demo account does not support the parameter 'refund_application_fee'/);
    expect((await stripe.charges.retrieve(charge.id)).amount_refunded).toBe(charge.amount_refunded);
  });
});

describe('every error carries Stripe fields', () => {
  it('has type, code, param, message, doc_url and request_log_url', async () => {
    const response = await raw('POST', '/v1/customers', 'nmae=Ada');
    const error = response.body.error as StripeErrorBody;
    expect(Object.keys(error).sort()).toEqual(['code', 'doc_url', 'message', 'param', 'request_log_url', 'type']);
    expect(error.request_log_url).toMatch(/^https:\/\/dashboard\.stripe\.com\/test\/logs\/req_/);
  });
});

describe('types', () => {
  it('answers parameter_invalid_integer for a non-integer', async () => {
    const error = await errorOf(stripe.customers.list({ limit: 'ten' as unknown as number }));
    expect(error.code).toBe('parameter_invalid_integer');
    expect(error.param).toBe('limit');
    expect(error.message).toBe('Invalid integer: ten');
  });

  it('checks either form of a parameter that takes an integer or a range (created)', async () => {
    expect((await raw('GET', '/v1/customers?created=1700000000')).status).toBe(200);
    expect((await raw('GET', '/v1/customers?created[lte]=1700000000')).status).toBe(200);
    const badRange = await raw('GET', '/v1/customers?created[lte]=yesterday');
    expect(badRange.body.error).toMatchObject({ code: 'parameter_invalid_integer', param: 'created[lte]' });
    const unknownOperator = await raw('GET', '/v1/customers?created[before]=1700000000');
    expect(unknownOperator.body.error).toMatchObject({ code: 'parameter_unknown', param: 'created[before]' });
  });

  it('refuses a value outside an enum, naming the allowed ones', async () => {
    const charge = (await stripe.charges.list({ limit: 1 })).data[0] as Stripe.Charge;
    const error = await errorOf(
      stripe.refunds.create({ charge: charge.id, reason: 'changed_mind' as Stripe.RefundCreateParams.Reason }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.param).toBe('reason');
    expect(error.message).toBe('Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer');
  });

  it('refuses a non-boolean flag and a hash where a string belongs', async () => {
    const bool = await raw('GET', '/v1/events?delivery_success=yes');
    expect(bool.body.error).toMatchObject({ param: 'delivery_success', message: 'Invalid boolean: yes' });
    const hash = await raw('POST', '/v1/customers', 'name[first]=Ada');
    expect(hash.status).toBe(400);
    expect(hash.body.error).toMatchObject({
      param: 'name',
      message: 'Invalid string: name takes a string, not a hash',
    });
  });

  it("answers parameter_invalid_empty for '' on what can't be unset, and unsets what can", async () => {
    const empty = await raw('POST', '/v1/refunds', 'charge=ch_x&amount=');
    expect(empty.body.error).toMatchObject({ code: 'parameter_invalid_empty', param: 'amount' });
    const customer = await stripe.customers.create({ name: 'Ada', metadata: { tier: 'gold' } });
    const cleared = await stripe.customers.update(customer.id, { name: '', metadata: '' });
    expect(cleared.name).toBeNull();
    expect(cleared.metadata).toEqual({});
  });

  it('answers parameter_missing for a required parameter', async () => {
    const error = await errorOf(stripe.customers.search({} as Stripe.CustomerSearchParams));
    expect(error.code).toBe('parameter_missing');
    expect(error.param).toBe('query');
    expect(error.message).toBe('Missing required param: query.');
    const nested = await raw('POST', '/v1/webhook_endpoints', 'url=https://example.com/hook');
    expect(nested.body.error).toMatchObject({ code: 'parameter_missing', param: 'enabled_events' });
  });
});

describe('encodings official clients send', () => {
  it('accepts arrays as a[0]= (stripe-node), a[]= (older clients) and bracket-encoded keys', async () => {
    const indexed = await raw('GET', '/v1/customers?limit=1&expand[0]=data.default_source');
    expect(indexed.status).toBe(200);
    const appended = await raw('GET', '/v1/customers?limit=1&expand[]=data.default_source');
    expect(appended.status).toBe(200);
    const encoded = await raw('GET', '/v1/events?limit=1&types%5B%5D=customer.created&types%5B%5D=charge.refunded');
    expect(encoded.status).toBe(200);
  });

  it('reads older clients’ arrays of hashes (`items[][price]=…&items[][quantity]=…`) as one element per repeat', async () => {
    const response = await raw(
      'POST',
      '/v1/invoices/create_preview',
      'subscription_details[items][][price]=price_a&subscription_details[items][][quantity]=2&subscription_details[items][][price]=price_b&subscription_details[items][][qty]=1',
    );
    expect(response.body.error).toMatchObject({
      code: 'parameter_unknown',
      param: 'subscription_details[items][1][qty]',
    });
  });

  it('refuses a scalar where Stripe expects an array', async () => {
    const response = await raw('GET', '/v1/customers?limit=1&expand=data.default_source');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ param: 'expand', message: 'Invalid array' });
  });

  it('reads DELETE parameters from the query (stripe-node) and from a form body (older clients)', async () => {
    const endpoint = await stripe.webhookEndpoints.create({ url: 'https://example.com/a', enabled_events: ['*'] });
    const bodyUnknown = await raw('DELETE', `/v1/webhook_endpoints/${endpoint.id}`, 'bogus=1');
    expect(bodyUnknown.body.error).toMatchObject({ code: 'parameter_unknown', param: 'bogus' });
    expect((await stripe.webhookEndpoints.del(endpoint.id)).deleted).toBe(true);
  });
});

describe('headers', () => {
  it('refuses idempotency keys over 255 characters', async () => {
    const response = await raw('POST', '/v1/customers', 'name=Ada', { 'Idempotency-Key': 'k'.repeat(256) });
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toMatch(/at most 255 characters/);
    const ok = await raw('POST', '/v1/customers', 'name=Ada', { 'Idempotency-Key': 'k'.repeat(255) });
    expect(ok.status).toBe(200);
  });

  it('accepts released API versions and refuses unknown ones', async () => {
    expect((await raw('GET', '/v1/customers?limit=1', undefined, { 'Stripe-Version': '2024-06-20' })).status).toBe(200);
    const sdkVersion = client(emulator, emulator.keys.test);
    expect((await sdkVersion.customers.list({ limit: 1 })).object).toBe('list');
    for (const version of ['2099-01-01', 'latest', '2026-10-28.acacia']) {
      const response = await raw('GET', '/v1/customers?limit=1', undefined, { 'Stripe-Version': version });
      expect(response.status, version).toBe(400);
      expect(response.body.error?.message).toContain(`Invalid Stripe API version: ${version}`);
    }
  });
});
