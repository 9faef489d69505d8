import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src-main/emulator';
import { client } from '../emulator/helpers';

/** The emulator refuses customer writes the way Stripe does, seen through the official SDK. */
let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ customers: 20 });
  stripe = client(emulator, emulator.keys.test);
}, 30_000);
afterAll(() => emulator?.stop());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected Stripe to refuse');
    },
    (e: InstanceType<typeof Stripe.errors.StripeError>) => e,
  );

describe('customer writes in the emulator', () => {
  it('refuses a bad email with email_invalid', async () => {
    const error = await refusal(stripe.customers.create({ email: 'nobody at example' }));
    expect(error).toMatchObject({ statusCode: 400, code: 'email_invalid', param: 'email' });
  });

  it('enforces metadata limits, naming the key', async () => {
    const tooMany = Object.fromEntries([...Array(51).keys()].map((i) => [`k${i}`, 'v']));
    expect(await refusal(stripe.customers.create({ metadata: tooMany }))).toMatchObject({ param: 'metadata' });
    const longKey = await refusal(stripe.customers.create({ metadata: { ['k'.repeat(41)]: 'v' } }));
    expect(longKey.param).toBe(`metadata[${'k'.repeat(41)}]`);
    const longValue = await refusal(stripe.customers.create({ metadata: { note: 'x'.repeat(501) } }));
    expect(longValue).toMatchObject({ param: 'metadata[note]' });
  });

  it('updates address, shipping, locales and metadata, with one customer.updated event and previous attributes', async () => {
    const customer = await stripe.customers.create({ email: 'a@example.com', metadata: { drop: 'x', keep: 'y' } });
    const updated = await stripe.customers.update(customer.id, {
      address: { line1: '1 Main St', city: 'Springfield', country: 'us' },
      shipping: { name: 'Dock', address: { line1: '2 Side St' } },
      preferred_locales: ['en', 'fr'],
      metadata: { drop: '', added: 'z' },
    });
    expect(updated).toMatchObject({
      address: { line1: '1 Main St', country: 'US', line2: null },
      shipping: { name: 'Dock', address: { line1: '2 Side St' } },
      preferred_locales: ['en', 'fr'],
      metadata: { keep: 'y', added: 'z' },
    });
    const events = (await stripe.events.list({ type: 'customer.updated', limit: 100 })).data.filter(
      (e) => (e.data.object as { id: string }).id === customer.id,
    );
    expect(events).toHaveLength(1);
    expect(Object.keys(events[0]!.data.previous_attributes!).sort()).toEqual([
      'address',
      'metadata',
      'preferred_locales',
      'shipping',
    ]);
    const noStreet = await refusal(
      stripe.customers.update(customer.id, { shipping: { name: 'X', address: { city: 'Y' } } }),
    );
    expect(noStreet).toMatchObject({ param: 'shipping[address][line1]' });
  });

  it('sets a default payment method only from the customer’s own', async () => {
    const methods = (await stripe.paymentMethods.list({ limit: 100 })).data.filter((m) => m.customer);
    const mine = methods[0]!;
    const theirs = methods.find((m) => m.customer !== mine.customer)!;
    const owner = mine.customer as string;
    const set = await stripe.customers.update(owner, { invoice_settings: { default_payment_method: mine.id } });
    expect(set.invoice_settings.default_payment_method).toBe(mine.id);
    const refused = await refusal(
      stripe.customers.update(owner, { invoice_settings: { default_payment_method: theirs.id } }),
    );
    expect(refused).toMatchObject({ statusCode: 400, param: 'invoice_settings[default_payment_method]' });
  });

  it('detaches a payment method once (payment_method.detached), unsetting the default it was', async () => {
    const method = (await stripe.paymentMethods.list({ limit: 100 })).data.find((m) => m.customer)!;
    const owner = method.customer as string;
    await stripe.customers.update(owner, { invoice_settings: { default_payment_method: method.id } });
    const detached = await stripe.paymentMethods.detach(method.id);
    expect(detached.customer).toBeNull();
    const customer = (await stripe.customers.retrieve(owner)) as Stripe.Customer;
    expect(customer.invoice_settings.default_payment_method).toBeNull();
    const events = (await stripe.events.list({ type: 'payment_method.detached', limit: 100 })).data;
    expect(events.filter((e) => (e.data.object as { id: string }).id === method.id)).toHaveLength(1);
    const again = await refusal(stripe.paymentMethods.detach(method.id));
    expect(again).toMatchObject({ statusCode: 400, code: 'payment_method_unexpected_state' });
  });

  it('deletes a customer, cancelling their subscriptions, and answers Stripe’s deleted stub', async () => {
    const sub = (await stripe.subscriptions.list({ status: 'active', limit: 1 })).data[0]!;
    const customerId = sub.customer as string;
    const deleted = await stripe.customers.del(customerId);
    expect(deleted).toMatchObject({ id: customerId, object: 'customer', deleted: true });
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
    const types = (await stripe.events.list({ limit: 100 })).data
      .filter((e) => [customerId, sub.id].includes((e.data.object as { id: string }).id))
      .map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['customer.deleted', 'customer.subscription.deleted']));
    expect(await refusal(stripe.customers.del(customerId))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
  });

  it('a restricted key without rak_customer_write can’t edit or delete', async () => {
    const key = emulator.admin.createRestrictedKey('test', ['rak_customer_read']);
    const restricted = new Stripe(key, {
      host: '127.0.0.1',
      port: emulator.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    const customer = (await stripe.customers.list({ limit: 1 })).data[0]!;
    expect(await refusal(restricted.customers.update(customer.id, { name: 'x' }))).toMatchObject({ statusCode: 403 });
    expect(await refusal(restricted.customers.del(customer.id))).toMatchObject({ statusCode: 403 });
  });
});
