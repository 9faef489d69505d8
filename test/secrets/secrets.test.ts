import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { ActivityLog } from '../../src-main/activity/activity-log';
import { MutationLedger } from '../../src-main/mutations/mutation-ledger';
import { createFileLogger } from '../../src-main/platform/logger';
import { systemClock } from '../../src-main/platform/clock';
import { CacheRegistry } from '../../src-main/cache';
import { ConnectivityMonitor } from '../../src-main/stripe/connectivity';
import { SyncService } from '../../src-main/sync/sync-service';
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

async function call(name: string, input: unknown) {
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
  await h.webhookSecrets.set({ accountId: primary.accountId, mode: 'test' }, WEBHOOK_SECRET);

  // A few actions through the ledger, one of them refused by Stripe, with a log that records failures.
  const logger = createFileLogger(path.join(h.dataDir, 'logs'));
  const ledger = new MutationLedger(h.appDb, new ActivityLog(h.appDb), (scope) => h.gateway.client(scope));
  ledger.register('refund.create', async (client: Stripe, params, context) => {
    const refund = await client.refunds.create({ charge: params.charge }, context.requestOptions);
    return { id: refund.id, status: refund.status, requestId: refund.lastResponse.requestId, object: refund };
  });
  const scope = { accountId: primary.accountId, mode: 'test' as const };
  const charges = await (await h.gateway.client(scope)).charges.list({ limit: 50 });
  const charge = charges.data.find((c) => c.status === 'succeeded' && !c.refunded && !c.disputed)!;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await ledger.run({
        scope,
        kind: 'refund.create',
        targetId: charge.id,
        params: { charge: charge.id, amount: charge.amount, reason: null, note: null },
        agent: 'secrets-test',
      });
    } catch (err) {
      logger.error('refund failed', { error: String(err) });
    }
  }
  logger.info('probe of the logger with a key in it', { key: primary.keys.live });

  // A sync of the secret key's scope to completion, and of the restricted key's (which meets 403s) alongside.
  const caches = new CacheRegistry(h.dataDir);
  const sync = new SyncService({
    caches,
    gateway: h.gateway,
    connectivity: new ConnectivityMonitor(),
    events: h.events,
    logger: h.logger,
    clock: systemClock,
  });
  const restricted = { accountId: other.accountId, mode: 'test' as const };
  sync.start(scope);
  sync.start(restricted);
  await until(() => sync.status(scope).resources.every((r) => r.complete), 'both syncs complete');
  sentToRenderer.push(sync.status(scope), sync.status(restricted));
  await sync.close();
  caches.close();
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
