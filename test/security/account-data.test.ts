import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeObjectLike } from '../../src-main/cache';
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
 * Reads for accounts that aren't connected create nothing; removing an account erases everything the console
 * kept about it (cache files, ledger, activity, drafts, reviews, evidence files, settings, webhook inbox, log and
 * secrets); the data directory is the user's alone. Real SQLite, real keychain, real Stripe SDK over HTTP.
 */
let stripe: EmulatedStripe;
let h: SecurityApp;

beforeAll(async () => {
  stripe = await startEmulatedStripe();
  h = await startSecurityApp({ apiEndpoint: stripe.endpoint, keys: [stripe.other.keys.test] });
}, 60_000);

afterAll(async () => {
  await h?.destroy();
  await stripe?.stop();
});

const cacheFiles = () =>
  fs.existsSync(path.join(h.dataDir, 'cache')) ? fs.readdirSync(path.join(h.dataDir, 'cache')) : [];

describe('the cache registry', () => {
  it('refuses reads for accounts that are not connected, and creates no file for them', async () => {
    const before = cacheFiles();
    for (let i = 0; i < 30; i++) {
      const scope = { accountId: `acct_1Bogus${i}`, mode: i % 2 ? 'live' : 'test' };
      for (const call of ['customers.search', 'payments.list', 'events.list'] as const) {
        const error = await h.fail(call, { scope });
        expect(error.code).toBe('not_found');
      }
    }
    // A connected account's mode it has no key for is not connected either.
    expect(
      (await h.fail('customers.search', { scope: { accountId: stripe.other.accountId, mode: 'live' } })).code,
    ).toBe('not_found');
    expect(cacheFiles()).toEqual(before);
  });

  it('refuses account ids that are not acct_ + letters and digits before they reach a path', async () => {
    for (const accountId of ['acct_../../etc', 'acct_a/b', 'acct_a\\b', 'acct_x\u0000', 'acct_', 'acct_a_b']) {
      const error = await h.fail('customers.search', { scope: { accountId, mode: 'test' } });
      expect(error.code).toBe('invalid_input');
    }
    expect(() => h.app.services.caches.open({ accountId: '../../escape', mode: 'test' })).toThrow(/account id/);
  });
});

describe('removing an account', () => {
  it('erases its cache, ledger, activity, drafts, reviews, evidence, settings, webhook data and secrets', async () => {
    const accountId = stripe.primary.accountId;
    const scope = { accountId, mode: 'test' as const };
    await h.call('accounts.add', { key: stripe.primary.keys.test });
    await h.call('session.select', { accountId, mode: 'test' });

    // A real refund: a ledger row and activity rows.
    const sdk = new Stripe(stripe.primary.keys.test, {
      host: '127.0.0.1',
      port: stripe.primary.port,
      protocol: 'http',
    });
    const charge = (await sdk.charges.list({ limit: 50 })).data.find((c) => c.status === 'succeeded' && !c.refunded)!;
    h.app.services.sync.applyObject(scope, charge as unknown as StripeObjectLike);
    await h.call('payments.refund', { scope, chargeId: charge.id, amount: 1, intentId: randomUUID() });
    // Local dispute work and an evidence file.
    const now = Date.now();
    h.app.services.appDb
      .prepare('INSERT INTO dispute_drafts (account_id, mode, dispute_id, updated_at) VALUES (?, ?, ?, ?)')
      .run(accountId, 'test', 'dp_Purge1', now);
    h.app.services.appDb
      .prepare('INSERT INTO dispute_reviews (account_id, mode, dispute_id, state, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(accountId, 'test', 'dp_Purge1', 'flagged', now);
    h.app.services.appDb
      .prepare(
        'INSERT INTO deadline_notifications (account_id, mode, dispute_id, threshold, notified_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(accountId, 'test', 'dp_Purge1', '24h', now);
    const evidence = path.join(h.dataDir, 'dispute-evidence', `${accountId}-test`, 'dp_Purge1');
    fs.mkdirSync(evidence, { recursive: true });
    fs.writeFileSync(path.join(evidence, 'receipt.pdf'), 'evidence');
    // A webhook secret and an accepted delivery.
    const port = await freePort();
    const secret = 'whsec_PurgeTestSecret0123456789';
    await h.call('settings.update', { webhookReceiver: { enabled: true, port, secret: { scope, value: secret } } });
    await until(async () => (await h.call<{ listening: boolean }>('webhooks.status', {})).listening, 'receiver');
    const payload = JSON.stringify({
      id: 'evt_PurgeMe',
      object: 'event',
      type: 'customer.updated',
      created: Math.floor(now / 1000),
      livemode: false,
      data: { object: { id: 'cus_PurgeMe', object: 'customer', created: 1, metadata: {} } },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    const delivered = await request(port, {
      method: 'POST',
      path: '/webhooks',
      headers: { host: `127.0.0.1:${port}`, 'stripe-signature': signature, 'content-type': 'application/json' },
      body: payload,
    });
    expect(delivered.status).toBe(200);

    // Another account's activity, which must outlive the removal.
    h.app.core.activity.record({
      agent: 'security-test',
      accountId: stripe.other.accountId,
      mode: 'test',
      action: 'note',
      objectId: 'cus_Kept',
      outcome: 'recorded',
    });
    const rows = (table: string) =>
      h.app.services.appDb
        .prepare(`SELECT count(*) FROM ${table} WHERE account_id = ?`)
        .pluck()
        .get(accountId) as number;
    expect(rows('mutations')).toBe(1);
    expect(rows('activity')).toBeGreaterThan(0);
    expect(cacheFiles().some((f) => f.startsWith(accountId))).toBe(true);
    const entries = async () =>
      (await keytar.findCredentials(h.keychainService)).filter((c) => c.account.includes(accountId));
    expect((await entries()).map((e) => e.account).sort()).toEqual([`${accountId}:test`, `webhook:${accountId}:test`]);

    await h.call('accounts.remove', { accountId, confirm: accountId });

    for (const table of ['mutations', 'activity', 'dispute_drafts', 'dispute_reviews', 'deadline_notifications'])
      expect(rows(table)).toBe(0);
    expect(cacheFiles().some((f) => f.startsWith(accountId))).toBe(false);
    expect(fs.existsSync(path.join(h.dataDir, 'dispute-evidence', `${accountId}-test`))).toBe(false);
    expect(await entries()).toEqual([]);
    expect(
      h.app.services.appDb.prepare(`SELECT count(*) FROM settings WHERE value LIKE ?`).pluck().get(`%${accountId}%`),
    ).toBe(0);
    // Nothing outside the logs still holds the id: rows are overwritten (secure_delete), WALs truncated.
    const holding = filesUnder(h.dataDir)
      .filter(({ file }) => !file.includes(`${path.sep}logs${path.sep}`))
      .filter(({ bytes }) => bytes.includes(accountId))
      .map(({ file }) => path.relative(h.dataDir, file));
    expect(holding).toEqual([]);
    // The Activity log is still append-only for everyone else.
    const kept = h.app.services.appDb.prepare('SELECT count(*) FROM activity WHERE account_id = ?').pluck();
    expect(kept.get(stripe.other.accountId)).toBe(1);
    expect(() => h.app.services.appDb.prepare('DELETE FROM activity').run()).toThrow(/append-only/);
    expect(() => h.app.services.appDb.prepare("UPDATE activity SET agent = 'x'").run()).toThrow(/append-only/);
  });
});

describe('the data directory', () => {
  it('is readable by the user only: the directory 0700, databases and logs 0600', () => {
    expect(fs.statSync(h.dataDir).mode & 0o777).toBe(0o700);
    const files = filesUnder(h.dataDir).filter(({ file }) => /\.db(-wal|-shm)?$|\.log$/.test(file));
    expect(files.length).toBeGreaterThan(2);
    for (const { file } of files) expect([file, fs.statSync(file).mode & 0o777]).toEqual([file, 0o600]);
  });
});
