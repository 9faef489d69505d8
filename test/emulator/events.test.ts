import { createServer, type Server } from 'node:http';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src-main/emulator';
import { client, errorOf, waitFor, waitForAsync, withEmulator } from './helpers';

let emulator: RunningEmulator;
let stripe: Stripe;
let hooks: Server;
let hookUrl: string;
let delivered = 0;

beforeAll(async () => {
  emulator = await withEmulator({ customers: 30 });
  stripe = client(emulator, emulator.keys.test);
  hooks = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      delivered++;
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  const address = hooks.address();
  hookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
});
afterAll(async () => {
  await emulator.stop();
  await new Promise((resolve) => hooks.close(resolve));
});

async function latestEvent(type: string): Promise<Stripe.Event> {
  const event = (await stripe.events.list({ type, limit: 1 })).data[0];
  if (!event) throw new Error(`no ${type} event`);
  return event;
}

describe('events', () => {
  it('counts pending_webhooks down as endpoints acknowledge', async () => {
    const a = await stripe.webhookEndpoints.create({ url: hookUrl, enabled_events: ['customer.created'] });
    const b = await stripe.webhookEndpoints.create({ url: hookUrl, enabled_events: ['*'] });
    const before = delivered;
    const customer = await stripe.customers.create({ name: 'Pending Hooks' });
    const event = await latestEvent('customer.created');
    expect((event.data.object as Stripe.Customer).id).toBe(customer.id);
    expect(event.pending_webhooks).toBe(2);
    await waitFor(() => (delivered >= before + 2 ? true : undefined));
    await waitForAsync(async () =>
      (await stripe.events.retrieve(event.id)).pending_webhooks === 0 ? true : undefined,
    );
    await stripe.webhookEndpoints.del(a.id);
    await stripe.webhookEndpoints.del(b.id);
  });

  it('sends previous_attributes only on *.updated, diffed key by key inside hashes', async () => {
    const customer = await stripe.customers.create({ name: 'Diff', metadata: { keep: '1', change: 'old' } });
    expect((await latestEvent('customer.created')).data.previous_attributes).toBeUndefined();
    await stripe.customers.update(customer.id, { metadata: { change: 'new', added: 'x' } });
    const updated = await latestEvent('customer.updated');
    expect(updated.data.previous_attributes).toEqual({ metadata: { change: 'old', added: null } });

    const subscription = (await stripe.subscriptions.list({ status: 'active', limit: 1 }))
      .data[0] as Stripe.Subscription;
    await stripe.subscriptions.cancel(subscription.id, { cancellation_details: { comment: 'Too expensive' } });
    const deleted = await latestEvent('customer.subscription.deleted');
    expect(deleted.data.previous_attributes).toBeUndefined();
    const canceled = deleted.data.object as Stripe.Subscription;
    expect(canceled.cancellation_details?.comment).toBe('Too expensive');
  });
});

describe('webhook endpoints', () => {
  it('refuses event types Stripe does not have', async () => {
    const error = await errorOf(
      stripe.webhookEndpoints.create({
        url: hookUrl,
        enabled_events: ['customer.craeted' as Stripe.WebhookEndpointCreateParams.EnabledEvent],
      }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.param).toBe('enabled_events[0]');
  });

  it('refuses parameters Stripe takes but the demo does not model, instead of dropping them', async () => {
    const error = await errorOf(stripe.webhookEndpoints.create({ url: hookUrl, enabled_events: ['*'], connect: true }));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('emulator_parameter_unsupported');
    expect(error.param).toBe('connect');
    expect(error.message).toMatch(/demo account does not support the parameter 'connect'/);
  });
});
