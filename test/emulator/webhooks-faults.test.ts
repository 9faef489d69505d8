import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src-main/emulator';
import { client, errorOf, waitFor, withEmulator } from './helpers';

interface Delivery {
  body: string;
  signature: string;
}

/** A local webhook receiver that can fail its first n deliveries. */
async function receiver(failFirst = 0): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  let failures = failFirst;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failures-- > 0) {
        res.writeHead(500).end();
        return;
      }
      deliveries.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['stripe-signature']),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`,
    deliveries,
    server,
  };
}

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await withEmulator();
  stripe = client(emulator, emulator.keys.test);
});
afterAll(() => emulator.stop());

async function paidCharge(): Promise<Stripe.Charge> {
  const pi = await stripe.paymentIntents.create({
    amount: 2500,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  return stripe.charges.retrieve(pi.latest_charge as string);
}

describe('webhooks', () => {
  it('delivers signed events that constructEvent accepts, retrying failures', async () => {
    const hook = await receiver(1);
    try {
      emulator.admin.registerWebhookEndpoint(hook.url);
      const customer = (await stripe.customers.list({ limit: 1 })).data[0] as Stripe.Customer;
      await stripe.customers.update(customer.id, { metadata: { vip: 'yes' } });
      const delivery = await waitFor(() => hook.deliveries.find((d) => d.body.includes('customer.updated')));
      const event = stripe.webhooks.constructEvent(delivery.body, delivery.signature, emulator.webhookSecret);
      expect(event.type).toBe('customer.updated');
      expect((event.data.object as Stripe.Customer).metadata.vip).toBe('yes');
      // Key-level, as Stripe diffs hashes: the added key's previous value is null.
      expect(event.data.previous_attributes).toEqual({ metadata: { vip: null } });
      expect(event.request?.id).toMatch(/^req_/);
      expect(event.api_version).toBe('2026-10-28.endive');
      expect(() => stripe.webhooks.constructEvent(delivery.body, delivery.signature, 'whsec_wrong')).toThrow();
    } finally {
      hook.server.close();
    }
  });

  it('creates endpoints through the API with their own secret', async () => {
    const hook = await receiver();
    try {
      const endpoint = await stripe.webhookEndpoints.create({ url: hook.url, enabled_events: ['refund.created'] });
      expect(endpoint.secret).toMatch(/^whsec_/);
      expect((await stripe.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined();
      const charge = await paidCharge();
      const refund = await stripe.refunds.create({ charge: charge.id, amount: 100 }, { idempotencyKey: 'hook-refund' });
      const delivery = await waitFor(() => hook.deliveries[0]);
      const event = stripe.webhooks.constructEvent(delivery.body, delivery.signature, endpoint.secret as string);
      expect(event.type).toBe('refund.created');
      expect(event.request?.idempotency_key).toBe('hook-refund');
      expect((event.data.object as Stripe.Refund).id).toBe(refund.id);
      expect((await stripe.webhookEndpoints.del(endpoint.id)).deleted).toBe(true);
    } finally {
      hook.server.close();
    }
  });
});

describe('faults', () => {
  it('dropAfterCommit: the retry with the same key returns the same refund, once', async () => {
    const charge = await paidCharge();
    // Two drops: the SDK silently retries a closed connection once, even with maxNetworkRetries 0.
    emulator.faults.dropAfterCommit({ method: 'POST', path: /^\/v1\/refunds$/ }, 2);
    const lost = await errorOf(stripe.refunds.create({ charge: charge.id, amount: 300 }, { idempotencyKey: 'drop-1' }));
    expect(lost.type).toBe('StripeConnectionError');
    const retried = await stripe.refunds.create({ charge: charge.id, amount: 300 }, { idempotencyKey: 'drop-1' });
    expect(retried.lastResponse.headers['idempotent-replayed']).toBe('true');
    const refunds = await stripe.refunds.list({ charge: charge.id });
    expect(refunds.data.map((r) => r.id)).toEqual([retried.id]);
    expect((await stripe.charges.retrieve(charge.id)).amount_refunded).toBe(300);
  });

  it('failDuringExecution: the 500 is saved for its key and replayed; nothing was written', async () => {
    const charge = await paidCharge();
    emulator.faults.failDuringExecution(1, { method: 'POST', path: /^\/v1\/refunds$/ });
    const first = await errorOf(
      stripe.refunds.create({ charge: charge.id, amount: 200 }, { idempotencyKey: 'crash-1' }),
    );
    expect(first.type).toBe('StripeAPIError');
    const replayed = await errorOf(
      stripe.refunds.create({ charge: charge.id, amount: 200 }, { idempotencyKey: 'crash-1' }),
    );
    expect(replayed.statusCode).toBe(500);
    expect(replayed.headers?.['idempotent-replayed']).toBe('true');
    expect((await stripe.refunds.list({ charge: charge.id })).data).toHaveLength(0);
    expect(
      (await stripe.refunds.create({ charge: charge.id, amount: 200 }, { idempotencyKey: 'crash-2' })).status,
    ).toBe('succeeded');
  });

  it('goes offline and comes back', async () => {
    emulator.faults.offline();
    expect((await errorOf(stripe.customers.list({ limit: 1 }))).type).toBe('StripeConnectionError');
    emulator.faults.online();
    expect((await stripe.customers.list({ limit: 1 })).data).toHaveLength(1);
  });

  it('rate limits per mode when enabled', async () => {
    // Time stands still, so no bucket refills however slowly a loaded machine sends the requests: 5 pass, 7 don't.
    const frozen = Date.now();
    const limited = await withEmulator({
      customers: 10,
      rateLimits: { test: 5, live: 100, search: 2 },
      now: () => frozen,
    });
    try {
      const sdk = client(limited, limited.keys.test);
      const results = await Promise.allSettled(Array.from({ length: 12 }, () => sdk.customers.list({ limit: 1 })));
      const rejected = results
        .filter((r) => r.status === 'rejected')
        .map((r) => (r.reason as Stripe.errors.StripeError).type);
      expect(rejected).toEqual(Array.from({ length: 7 }, () => 'StripeRateLimitError'));
      expect((await client(limited, limited.keys.live).customers.list({ limit: 1 })).data).toHaveLength(1);
    } finally {
      await limited.stop();
    }
  });
});

describe('restart', () => {
  it('comes back on the same port and data dir with the same keys and state', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emulator-restart-'));
    try {
      const first = await startEmulator({ dataDir, customers: 30 });
      const sdk = client(first, first.keys.test);
      const customer = (await sdk.customers.list({ limit: 1 })).data[0] as Stripe.Customer;
      await sdk.customers.update(customer.id, { name: 'Renamed Before Restart' });
      const { port, keys, webhookSecret, accountId } = first;
      await first.stop();
      const second = await startEmulator({ dataDir, port });
      try {
        expect(second.port).toBe(port);
        expect(second.keys).toEqual(keys);
        expect(second.webhookSecret).toBe(webhookSecret);
        expect(second.accountId).toBe(accountId);
        expect(((await client(second, keys.test).customers.retrieve(customer.id)) as Stripe.Customer).name).toBe(
          'Renamed Before Restart',
        );
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
