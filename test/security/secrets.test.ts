import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName } from '../../src-preload/contract';
import { filesContaining, startHarness, type Harness } from '../accounts/fixtures/harness';
import { startEmulatedStripe } from '../accounts/emulated-stripe';
import { until } from '../support/until';

/**
 * After keys are added and used, no key or signing secret may appear in any file under the data dir (SQLite with
 * its -wal, logs) or in anything sent to the renderer (call results, errors, events): only masks.
 */
let stripe: Awaited<ReturnType<typeof startEmulatedStripe>>;
let h: Harness;
let revoked: string;
const sentToRenderer: unknown[] = [];
const WEBHOOK_SECRET = 'whsec_SecretsTestSigning0123456789abcdef';

async function call(name: CallName, input: unknown) {
  const result = await h.router.dispatch(name, input);
  sentToRenderer.push(result);
  return result;
}

beforeAll(async () => {
  stripe = await startEmulatedStripe();
  h = await startHarness({ apiEndpoint: stripe.endpoint });
  const { primary, other } = stripe;

  // Keys added, the wrong ones refused, a key rotated, a mode switched.
  await call('accounts.add', { key: primary.keys.test });
  await call('accounts.add', { key: primary.keys.live, name: 'Northwind live' });
  await call('accounts.add', { key: other.keys.restrictedTest, name: 'Other (restricted)' });
  await call('accounts.add', { key: primary.keys.test }); // duplicate
  await call('accounts.add', { key: primary.keys.test.replace('sk_', 'pk_') }); // publishable
  await call('accounts.rotateKey', { accountId: primary.accountId, key: other.keys.test }); // another account's key
  revoked = other.admin.createRestrictedKey('test', ['rak_customer_read']);
  other.admin.revokeKey(revoked);
  await call('accounts.rotateKey', { accountId: other.accountId, key: revoked }); // 401: Stripe echoes the key
  await call('accounts.rotateKey', { accountId: other.accountId, key: other.keys.test });
  await call('session.select', { accountId: primary.accountId, mode: 'live' });
  await call('session.select', { accountId: primary.accountId, mode: 'test' });
  await call('session.get', {});
  await call('accounts.list', {});
  const { webhookReceiver } = h.app.core.settings.get();
  const scope = { accountId: primary.accountId, mode: 'test' as const };
  await call('settings.update', {
    webhookReceiver: { enabled: false, port: webhookReceiver.port, secret: { scope, value: WEBHOOK_SECRET } },
  });

  // The app's sync of the secret key's scope to completion, and of the restricted key's (which meets 403s) alongside.
  const restricted = { accountId: other.accountId, mode: 'test' as const };
  const { sync } = h.app.services;
  sync.start(scope);
  sync.start(restricted);
  await until(() => sync.status(scope).resources.every((r) => r.complete), 'both syncs complete');
  sentToRenderer.push(sync.status(scope), sync.status(restricted));

  // A refund through the ledger, sent twice (one change), and one the app refuses, with a log that records failures.
  const charges = await (await h.gateway.client(scope)).charges.list({ limit: 50 });
  const charge = charges.data.find(
    (c) => c.status === 'succeeded' && !c.refunded && !c.disputed && c.currency === 'usd',
  )!;
  const refund = { scope, chargeId: charge.id, amount: 1, intentId: randomUUID() };
  await call('payments.refund', refund);
  await call('payments.refund', refund);
  await call('payments.refund', { ...refund, amount: charge.amount, intentId: randomUUID() });
  h.app.core.logger.info('probe of the logger with a key in it', { key: primary.keys.live });
  h.appDb.pragma('wal_checkpoint(PASSIVE)');
}, 60_000);

afterAll(async () => {
  await h.destroy();
  await stripe.stop();
});

function secrets(): [string, string][] {
  const labelled = (who: string, keys: Record<string, string>) =>
    Object.entries(keys).map(([k, v]): [string, string] => [`${who}.${k}`, v]);
  return [
    ...labelled('primary', stripe.primary.keys),
    ...labelled('other', stripe.other.keys),
    ['revoked', revoked],
    ['webhook', WEBHOOK_SECRET],
  ];
}

describe('secrets', () => {
  it('were used: the calls above reached Stripe with the stored keys', () => {
    expect(h.accounts.list().map((a) => a.name)).toEqual(
      expect.arrayContaining(['Demo', 'Northwind Supply Co.', 'Other (restricted)']),
    );
    expect(sentToRenderer.filter((r) => (r as { ok: boolean }).ok === false).length).toBeGreaterThanOrEqual(4);
    expect(h.appDb.prepare(`SELECT outcome FROM activity WHERE action LIKE 'refund%'`).all()).toContainEqual({
      outcome: 'succeeded',
    });
  });

  it.each(['files', 'renderer'] as const)('never reach %s', async (where) => {
    const demoKeys = h.demo!.handle!.keys;
    const all: [string, string][] = [
      ...secrets(),
      ...Object.entries(demoKeys).map(([k, v]): [string, string] => [`demo.${k}`, String(v)]),
    ];
    for (const [label, secret] of all) {
      const body = secret.replace(/^(sk|rk)_(test|live)_|^whsec_/, '');
      if (where === 'files') {
        // The demo emulator's own store issues the demo keys; it is the only file allowed to hold those.
        const emulatorStore = (file: string) =>
          label.startsWith('demo.') && file.startsWith(path.join(h.dataDir, 'demo'));
        expect(filesContaining(h.dataDir, body, emulatorStore), label).toEqual([]);
      } else {
        const payloads = JSON.stringify([sentToRenderer, h.emitted]);
        expect(payloads.includes(body), label).toBe(false);
      }
    }
  });

  it('appear to the renderer only as masks', () => {
    const payloads = JSON.stringify(h.emitted);
    expect(payloads).toMatch(/sk_test_…\w{4}/);
    expect(payloads).toMatch(/rk_test_…\w{4}/);
  });
});
