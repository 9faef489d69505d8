import fs from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings, WebhookReceiverStatus } from '../../src-preload/contract';
import { until } from '../support/until';
import {
  filesUnder,
  freePort,
  request,
  startEmulatedStripe,
  startSecurityApp,
  type EmulatedStripe,
  type SecurityApp,
} from './harness';

/**
 * Attacks on the webhook receiver over real HTTP, with real per-account secrets in the OS keychain: an event
 * lands only in the account whose secret signed it, whatever the window shows; a page can't fill the log.
 */
const PRIMARY_SECRET = 'whsec_PrimaryTestSecret0123456789';
const OTHER_SECRET = 'whsec_OtherTestSecret0123456789ab';

let stripe: EmulatedStripe;
let h: SecurityApp;
let port: number;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sign = (payload: string, secret: string, timestamp = nowSeconds()) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

function customerEvent(id: string, fields: Record<string, unknown> = {}) {
  return JSON.stringify({
    id,
    object: 'event',
    type: 'customer.updated',
    created: nowSeconds(),
    livemode: false,
    data: { object: { id: `cus_${id.slice(4)}`, object: 'customer', created: 1, name: id, metadata: {} } },
    ...fields,
  });
}

const deliver = (payload: string, headers: Record<string, string> = {}) =>
  request(port, {
    method: 'POST',
    path: '/webhooks',
    headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...headers },
    body: payload,
  });

const status = () => h.call<WebhookReceiverStatus>('webhooks.status', {});
const deliveries = async () =>
  (
    await h.call<{ items: { eventId: string | null; outcome: string; accountId: string | null }[] }>(
      'webhooks.deliveries',
      { limit: 100 },
    )
  ).items;
const cached = (accountId: string, id: string) =>
  h.app.services.caches.open({ accountId, mode: 'test' }).has('customers', `cus_${id.slice(4)}`);

beforeAll(async () => {
  stripe = await startEmulatedStripe();
  h = await startSecurityApp({
    apiEndpoint: stripe.endpoint,
    keys: [stripe.primary.keys.test, stripe.other.keys.test],
  });
  port = await freePort();
  const primary = { accountId: stripe.primary.accountId, mode: 'test' };
  const other = { accountId: stripe.other.accountId, mode: 'test' };
  await h.call('settings.update', {
    webhookReceiver: { enabled: true, port, secret: { scope: primary, value: PRIMARY_SECRET } },
  });
  await h.call('settings.update', {
    webhookReceiver: { enabled: true, port, secret: { scope: other, value: OTHER_SECRET } },
  });
  await until(async () => (await status()).listening, 'the receiver to listen');
  // The window shows the OTHER account: events must not follow it.
  await h.call('session.select', { accountId: stripe.other.accountId, mode: 'test' });
}, 60_000);

afterAll(async () => {
  await h?.destroy();
  await stripe?.stop();
});

describe('webhook secrets per account and mode', () => {
  it('keeps each secret in the keychain only, and Settings lists which account+modes have one', async () => {
    const settings = await h.call<Settings>('settings.get', {});
    expect(settings.webhookReceiver.secretScopes).toHaveLength(2);
    for (const { bytes } of filesUnder(h.dataDir)) {
      expect(bytes.includes(PRIMARY_SECRET)).toBe(false);
      expect(bytes.includes(OTHER_SECRET)).toBe(false);
    }
  });

  it('routes an event to the account whose secret verified it, not to the one the window shows', async () => {
    const payload = customerEvent('evt_routedPrimary');
    const answer = await deliver(payload, { 'stripe-signature': sign(payload, PRIMARY_SECRET) });
    expect(answer.status).toBe(200);
    await until(async () => (await status()).pending === 0, 'the inbox to drain');
    expect(cached(stripe.primary.accountId, 'evt_routedPrimary')).toBe(true);
    expect(cached(stripe.other.accountId, 'evt_routedPrimary')).toBe(false);
  });

  it('refuses a signed event that names another account, or the other mode, and applies it nowhere', async () => {
    for (const [id, fields] of [
      ['evt_namesOther', { account: stripe.other.accountId }],
      ['evt_liveWithTestSecret', { livemode: true }],
      // Enough `..` to reach / from any data dir (the run's TMPDIR may be deeper than /tmp).
      ['evt_pathTraversal', { account: `${'../'.repeat(16)}tmp/sc-escape` }],
    ] as const) {
      const payload = customerEvent(id, fields);
      const answer = await deliver(payload, { 'stripe-signature': sign(payload, PRIMARY_SECRET) });
      expect(answer.status).toBe(400);
      expect(cached(stripe.primary.accountId, id)).toBe(false);
      expect(cached(stripe.other.accountId, id)).toBe(false);
    }
    const refused = (await deliveries()).filter((d) => d.outcome === 'rejected');
    expect(refused.map((d) => d.accountId)).toEqual(Array(3).fill(stripe.primary.accountId));
    // No cache file was made for the names in `account`, inside the data dir or out of it.
    const cacheFiles = fs.readdirSync(path.join(h.dataDir, 'cache'));
    expect(
      cacheFiles.every((f) => f.startsWith(stripe.primary.accountId) || f.startsWith(stripe.other.accountId)),
    ).toBe(true);
    expect(fs.existsSync('/tmp/sc-escape-test.db')).toBe(false);
  });

  it('refuses timestamps outside the tolerance on either side (an hour ahead too)', async () => {
    for (const [id, skew] of [
      ['evt_future', 3600],
      ['evt_past', -3600],
    ] as const) {
      const payload = customerEvent(id);
      const answer = await deliver(payload, { 'stripe-signature': sign(payload, PRIMARY_SECRET, nowSeconds() + skew) });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ error: 'stale signature: timestamp outside the 300 s tolerance' });
      expect(cached(stripe.primary.accountId, id)).toBe(false);
    }
  });
});

describe('a web page against the receiver', () => {
  it('can’t fill the log: unsigned text/plain posts are counted, never stored or sent to the window', async () => {
    const before = await status();
    const logged = (await deliveries()).length;
    const sentBefore = h.sent.filter((e) => e.name === 'webhooks.delivery').length;
    for (let i = 0; i < 25; i++) {
      // What a page can send without a preflight: a "simple" cross-site POST.
      const answer = await deliver(customerEvent(`evt_spam${i}`), {
        'content-type': 'text/plain',
        origin: 'https://evil.example',
      });
      expect(answer.status).toBe(403);
    }
    const unsigned = await deliver(customerEvent('evt_unsigned'));
    expect(unsigned.status).toBe(400);
    const after = await status();
    expect(after.refused).toBe(before.refused + 26);
    expect(after.lastRefusal).toBe('missing Stripe-Signature header');
    expect((await deliveries()).length).toBe(logged);
    expect(h.sent.filter((e) => e.name === 'webhooks.delivery').length).toBe(sentBefore);
  });

  it('answers only its own Host (DNS rebinding) and refuses a foreign Origin even on a signed event', async () => {
    const payload = customerEvent('evt_rebound');
    const signature = sign(payload, PRIMARY_SECRET);
    expect((await deliver(payload, { host: `attacker.example:${port}`, 'stripe-signature': signature })).status).toBe(
      403,
    );
    expect((await deliver(payload, { origin: 'http://evil.example', 'stripe-signature': signature })).status).toBe(403);
    expect(cached(stripe.primary.accountId, 'evt_rebound')).toBe(false);
    // localhost:<port> is its own name too.
    expect((await deliver(payload, { host: `localhost:${port}`, 'stripe-signature': signature })).status).toBe(200);
  });

  it('listens on a per-install port from the dynamic range by default, not a well-known one', async () => {
    const fresh = await startSecurityApp();
    try {
      const first = (await fresh.call<Settings>('settings.get', {})).webhookReceiver.port;
      expect(first).toBeGreaterThanOrEqual(49152);
      expect(first).not.toBe(4343);
      expect((await fresh.call<Settings>('settings.get', {})).webhookReceiver.port).toBe(first);
    } finally {
      await fresh.destroy();
    }
  });
});
