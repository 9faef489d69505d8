import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyVault, keychainWebhookSecretStore, type WebhookSecretStore } from '../../src-main/platform/keychain';
import { CacheRegistry, type EventRecord } from '../../src-main/cache';
import { openDatabase } from '../../src-main/platform/sqlite';
import { WebhookLog, WEBHOOK_MIGRATIONS } from '../../src-main/webhooks/webhook-log';
import { WebhookReceiver, type WebhookSink } from '../../src-main/webhooks/webhook-receiver';
import { applyEvent } from '../../src-main/sync/event-applier';
import { SqliteSyncStore } from '../../src-main/sync/sqlite-sync-store';
import { silentLogger, until } from '../sync/harness';

const ACCOUNT = 'acct_webhooks1';
const SECRET = 'whsec_testSecret0123456789';
const scope = { accountId: ACCOUNT, mode: 'test' as const };

let dir: string;
let caches: CacheRegistry;
let secrets: WebhookSecretStore;
let vaultService: string;

function sinkFor(registry: CacheRegistry, failFirst = { remaining: 0 }): WebhookSink {
  return {
    async ingest(s, event, receivedAt) {
      if (failFirst.remaining-- > 0) throw new Error('crash while applying');
      return applyEvent(new SqliteSyncStore(registry.open(s)), event, 'webhook', receivedAt);
    },
    known: (s, id) => registry.open(s).has('events', id),
  };
}

function start(sink: WebhookSink) {
  const db = openDatabase(path.join(dir, 'webhooks.db'), WEBHOOK_MIGRATIONS);
  const log = new WebhookLog(db);
  const receiver = new WebhookReceiver({
    log,
    secrets,
    sink,
    scopes: () => [scope],
    now: Date.now,
    logger: silentLogger,
  });
  return { db, log, receiver };
}

function customerEvent(id: string, name: string, created = Math.floor(Date.now() / 1000)): EventRecord {
  return {
    id,
    object: 'event',
    type: 'customer.updated',
    created,
    livemode: false,
    data: { object: { id: 'cus_W1', object: 'customer', created: 1, name, metadata: {} } },
  };
}

async function post(port: number, payload: string, signature?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as { outcome?: string; error?: string } };
}

const sign = (payload: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhooks-'));
  caches = new CacheRegistry(dir);
  vaultService = `Stripe Console test ${randomUUID()}`;
  secrets = keychainWebhookSecretStore(new KeyVault(vaultService));
  await secrets.set(scope, SECRET);
});
afterEach(async () => {
  await secrets.clear(scope);
  caches.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('webhook receiver', () => {
  it('accepts a good signature, applies the event, and records it', async () => {
    const { receiver, log, db } = start(sinkFor(caches));
    const port = await receiver.listen(0);
    const payload = JSON.stringify(customerEvent('evt_good', 'Signed'));
    expect(await post(port, payload, sign(payload))).toEqual({
      status: 200,
      body: { received: true, outcome: 'accepted' },
    });
    await until(() => log.pendingCount() === 0);
    expect(caches.open(scope).get<{ name: string }>('customers', 'cus_W1')?.name).toBe('Signed');
    expect(log.deliveries({ limit: 10 }).rows[0]).toMatchObject({
      outcome: 'accepted',
      eventId: 'evt_good',
      accountId: ACCOUNT,
    });
    // The secret is in the keychain only, never in SQLite.
    expect(fs.readFileSync(path.join(dir, 'webhooks.db')).includes(SECRET)).toBe(false);
    await receiver.close();
    db.close();
  });

  it('rejects bad, missing and stale signatures with 400, says why, and counts them without storing them', async () => {
    const { receiver, log, db } = start(sinkFor(caches));
    const port = await receiver.listen(0);
    const payload = JSON.stringify(customerEvent('evt_bad', 'Forged'));
    const reasons: (string | undefined)[] = [];
    const refused = async (...args: [string, string?]) => {
      const answer = await post(port, ...args);
      expect(answer.status).toBe(400);
      reasons.push(answer.body.error);
    };
    await refused(payload, sign(payload, 'whsec_someoneElse99999'));
    await refused(payload);
    await refused(payload, sign(payload, SECRET, Math.floor(Date.now() / 1000) - 301));
    await refused(payload, sign(payload, SECRET, Math.floor(Date.now() / 1000) + 301));
    await refused(payload.replace('Forged', 'Tampered'), sign(payload));
    expect(reasons).toEqual([
      'bad signature: does not match any account’s signing secret',
      'missing Stripe-Signature header',
      'stale signature: timestamp outside the 300 s tolerance',
      'stale signature: timestamp outside the 300 s tolerance',
      'bad signature: does not match any account’s signing secret',
    ]);
    expect(receiver.refused()).toEqual({ count: 5, lastReason: reasons[4] });
    expect(log.deliveries({ limit: 10 }).rows).toEqual([]);
    expect(caches.open(scope).has('customers', 'cus_W1')).toBe(false);
    await receiver.close();
    db.close();
  });

  it('answers a replayed delivery as a duplicate and applies it once', async () => {
    const { receiver, log, db } = start(sinkFor(caches));
    const port = await receiver.listen(0);
    const payload = JSON.stringify(customerEvent('evt_replay', 'Once'));
    const signature = sign(payload);
    expect((await post(port, payload, signature)).body.outcome).toBe('accepted');
    expect((await post(port, payload, signature)).body.outcome).toBe('duplicate');
    await until(() => log.pendingCount() === 0);
    // And an event the poller already applied is a duplicate too.
    await applyEvent(
      new SqliteSyncStore(caches.open(scope)),
      customerEvent('evt_polled', 'Polled'),
      'poll',
      Date.now(),
    );
    const polled = JSON.stringify(customerEvent('evt_polled', 'Polled'));
    expect((await post(port, polled, sign(polled))).body.outcome).toBe('duplicate');
    // Recorded (once: the event id is the events table's key).
    expect(caches.open(scope).has('events', 'evt_replay')).toBe(true);
    expect(log.deliveries({ outcome: 'duplicate', limit: 10 }).rows).toHaveLength(2);
    await receiver.close();
    db.close();
  });

  it('loses nothing when the app dies between acknowledging and applying', async () => {
    const crashing = start(sinkFor(caches, { remaining: 1 }));
    const port = await crashing.receiver.listen(0);
    const payload = JSON.stringify(customerEvent('evt_crash', 'Survivor'));
    expect((await post(port, payload, sign(payload))).status).toBe(200);
    await until(() => crashing.log.deliveries({ limit: 1 }).rows.length === 1);
    expect(crashing.log.pendingCount()).toBe(1);
    expect(caches.open(scope).has('customers', 'cus_W1')).toBe(false);
    await crashing.receiver.close();
    crashing.db.close();

    // "Restart": a new receiver on the same files applies the inbox on start.
    const restarted = start(sinkFor(caches));
    await restarted.receiver.listen(0);
    await until(() => restarted.log.pendingCount() === 0);
    expect(caches.open(scope).get<{ name: string }>('customers', 'cus_W1')?.name).toBe('Survivor');
    await restarted.receiver.close();
    restarted.db.close();
  });
});
