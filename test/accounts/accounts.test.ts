import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src-preload/contract';
import { maskKey } from '../../src-main/platform/redact';
import { cacheFile } from '../../src-main/cache';
import { recordingPermission } from '../../src-main/accounts/feature-access';
import { brokenKeychain } from '../platform/fixtures/broken-keychain';
import { closedEndpoint } from './fixtures/stripe-router';
import { filesContaining, type Harness } from './fixtures/harness';
import { emulatedStripeSuite } from './emulated-stripe';

const suite = emulatedStripeSuite({ demo: false });
const harness = suite.harness;

/** Both modes' cache files of an account, opened (so they exist on disk) as a sync would. */
function cacheFiles(h: Harness, accountId: string): string[] {
  return (['test', 'live'] as const).map((mode) => {
    h.app.services.caches.open({ accountId, mode });
    return cacheFile(h.dataDir, { accountId, mode });
  });
}

function rows(h: Harness) {
  return {
    accounts: h.appDb.prepare('SELECT * FROM accounts').all(),
    keys: h.appDb.prepare('SELECT * FROM account_keys').all(),
  };
}

describe('adding an account', () => {
  it('validates a secret key with Stripe, keeps it in the keychain and only its mask in SQLite', async () => {
    const h = await harness();
    const key = suite.stripe().primary.keys.test;
    const account = await h.accounts.add({ key });

    expect(account).toMatchObject({
      id: suite.stripe().primary.accountId,
      name: 'Northwind Supply Co.',
      country: 'US',
      defaultCurrency: 'usd',
      demo: false,
      sessionOnly: false,
      lastMode: 'test',
      keys: [{ mode: 'test', kind: 'secret', masked: maskKey(key), unavailable: [] }],
    });
    expect(maskKey(key)).toMatch(/^sk_test_…\w{4}$/);
    expect(await h.keychainEntries()).toEqual([{ account: `${account.id}:test`, password: key }]);
    expect(rows(h).keys).toEqual([
      expect.objectContaining({ account_id: account.id, mode: 'test', masked: maskKey(key) }),
    ]);
    expect(h.emitted.filter((e) => e.name === 'accounts.changed').at(-1)?.payload).toEqual([account]);
  });

  it('reads the key back from the keychain after a restart to build a client', async () => {
    const first = await harness();
    const account = await first.accounts.add({ key: suite.stripe().primary.keys.test });
    await first.close();

    const restarted = await harness({
      dataDir: first.dataDir,
      keychainService: first.keychainService,
    });
    expect(restarted.accounts.list()).toEqual([account]);
    const client = await restarted.gateway.client({ accountId: account.id, mode: 'test' });
    const customers = await client.customers.list({ limit: 3 });
    expect(customers.data).toHaveLength(3);
    expect(customers.data.every((c) => c.livemode === false)).toBe(true);
  });

  it('joins the other mode’s key to the same account, and refuses a second key for a mode', async () => {
    const h = await harness();
    await h.accounts.add({ key: suite.stripe().primary.keys.test });
    const joined = await h.accounts.add({ key: suite.stripe().primary.keys.live });
    expect(joined.keys.map((k) => [k.mode, k.masked])).toEqual([
      ['test', maskKey(suite.stripe().primary.keys.test)],
      ['live', maskKey(suite.stripe().primary.keys.live)],
    ]);
    expect(h.accounts.list()).toHaveLength(1);
    expect((await h.keychainEntries()).map((e) => e.account).sort()).toEqual([
      `${joined.id}:live`,
      `${joined.id}:test`,
    ]);

    await expect(h.accounts.add({ key: suite.stripe().primary.keys.restrictedTest })).rejects.toMatchObject({
      code: 'duplicate',
      message: expect.stringMatching(/already has a test key .*Rotate key/),
    });
  });

  it('handles the same key pasted twice at once: one account, its key kept in the keychain', async () => {
    const h = await harness();
    const key = suite.stripe().primary.keys.test;
    const outcomes = await Promise.allSettled([h.accounts.add({ key }), h.accounts.add({ key })]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'duplicate' } });
    expect(await h.keychainEntries()).toEqual([{ account: `${suite.stripe().primary.accountId}:test`, password: key }]);
    expect(h.accounts.list()).toHaveLength(1);
  });

  it('refuses a publishable key and a malformed key before calling Stripe, storing nothing', async () => {
    const h = await harness();
    await expect(h.router.dispatch('accounts.add', { key: 'pk_test_51Habc123DEF456ghi789JKL' })).resolves.toEqual({
      ok: false,
      error: {
        code: 'invalid_key',
        retryable: false,
        message: 'This is a publishable key. Paste a secret (sk_) or restricted (rk_) key.',
      },
    });
    const malformed = await h.router.dispatch('accounts.add', { key: 'sk_test_oops' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_key' } });
    expect(rows(h)).toEqual({ accounts: [], keys: [] });
    expect(await h.keychainEntries()).toEqual([]);
  });

  it('says a revoked key is invalid or revoked (401) and stores nothing', async () => {
    const h = await harness();
    const revoked = suite.stripe().other.admin.createRestrictedKey('test', ['rak_customer_read']);
    suite.stripe().other.admin.revokeKey(revoked);
    const result = await h.router.dispatch('accounts.add', { key: revoked });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: expect.stringMatching(/invalid or was revoked/) },
    });
    expect(JSON.stringify(result)).not.toContain(revoked);
    expect(rows(h)).toEqual({ accounts: [], keys: [] });
    expect(await h.keychainEntries()).toEqual([]);
  });

  it('saves nothing when Stripe can’t be reached, and offers a retry', async () => {
    const h = await harness({ apiEndpoint: await closedEndpoint() });
    await expect(h.accounts.add({ key: suite.stripe().primary.keys.test })).rejects.toMatchObject({
      code: 'offline',
      retryable: true,
      message: expect.stringMatching(/Nothing was saved/),
    });
    expect(rows(h)).toEqual({ accounts: [], keys: [] });
    expect(await h.keychainEntries()).toEqual([]);
  });

  it('fails with keychain_unavailable when the keychain is locked, writing the key nowhere', async () => {
    const h = await harness({ keychain: brokenKeychain('Cannot create an item in a locked collection') });
    const key = suite.stripe().primary.keys.test;
    const result = await h.router.dispatch('accounts.add', { key });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'keychain_unavailable', message: expect.stringMatching(/gnome-keyring or KWallet/) },
    });
    expect(rows(h)).toEqual({ accounts: [], keys: [] });
    expect(h.accounts.list()).toEqual([]);
    expect(filesContaining(h.dataDir, key)).toEqual([]);
    expect(filesContaining(h.dataDir, key.slice(8))).toEqual([]);
  });

  it('refuses a name already in use when typed, and suffixes a name Stripe suggested', async () => {
    const h = await harness();
    await h.accounts.add({ key: suite.stripe().primary.keys.test, name: 'Support' });
    await expect(h.accounts.add({ key: suite.stripe().other.keys.test, name: 'support' })).rejects.toMatchObject({
      code: 'duplicate',
    });
    expect(await h.keychainEntries()).toHaveLength(1);

    await h.accounts.rename({ accountId: suite.stripe().primary.accountId, name: 'Northwind Supply Co.' });
    const other = await h.accounts.add({ key: suite.stripe().other.keys.test });
    expect(other.name).toBe('Northwind Supply Co. (2)');
    expect(() => h.accounts.rename({ accountId: other.id, name: 'northwind supply co.' })).toThrow(
      expect.objectContaining({ code: 'duplicate' }),
    );
  });
});

describe('restricted keys', () => {
  it('learns the account from the permission error and records the features the key can’t use', async () => {
    const h = await harness();
    const account = await h.accounts.add({ key: suite.stripe().primary.keys.restrictedTest });
    expect(account.id).toBe(suite.stripe().primary.accountId);
    const [key] = account.keys;
    expect(key).toMatchObject({
      mode: 'test',
      kind: 'restricted',
      masked: maskKey(suite.stripe().primary.keys.restrictedTest),
    });
    expect(key!.unavailable).toEqual(
      expect.arrayContaining([
        { feature: 'Account details', permission: expect.stringMatching(/^rak_account/) },
        { feature: 'Dispute responses', permission: 'rak_dispute_write' },
        { feature: 'Subscriptions', permission: 'rak_subscription_read' },
      ]),
    );
    const features = key!.unavailable.map((u) => u.feature);
    for (const usable of ['Customers', 'Payments', 'Refunds', 'Disputes', 'Live updates (events)'])
      expect(features).not.toContain(usable);
  });

  it('records a permission a feature discovers at run time', async () => {
    const h = await harness();
    const account = await h.accounts.add({ key: suite.stripe().primary.keys.test });
    const scope = { accountId: account.id, mode: 'test' as const };
    h.accounts.recordUnavailable(scope, { feature: 'Payouts', permission: 'rak_payout_read' });
    h.accounts.recordUnavailable(scope, { feature: 'Payouts', permission: 'rak_payout_read' });
    expect(h.accounts.get(account.id).keys[0]!.unavailable).toEqual([
      { feature: 'Payouts', permission: 'rak_payout_read' },
    ]);
  });
});

describe('rotating, renaming and removing', () => {
  it('rotates a key in place after validating it, and drops the old client', async () => {
    const h = await harness();
    const account = await h.accounts.add({ key: suite.stripe().primary.keys.test });
    const before = await h.gateway.client({ accountId: account.id, mode: 'test' });
    const rotated = await h.accounts.rotateKey({
      accountId: account.id,
      key: suite.stripe().primary.keys.restrictedTest,
    });
    expect(rotated.keys).toEqual([
      expect.objectContaining({
        mode: 'test',
        kind: 'restricted',
        masked: maskKey(suite.stripe().primary.keys.restrictedTest),
      }),
    ]);
    expect(await h.keychainEntries()).toEqual([
      { account: `${account.id}:test`, password: suite.stripe().primary.keys.restrictedTest },
    ]);
    expect(await h.gateway.client({ accountId: account.id, mode: 'test' })).not.toBe(before);
  });

  it('refuses a key for a different account, changing nothing', async () => {
    const h = await harness();
    const account = await h.accounts.add({ key: suite.stripe().primary.keys.test });
    await expect(
      h.accounts.rotateKey({ accountId: account.id, key: suite.stripe().other.keys.test }),
    ).rejects.toMatchObject({
      code: 'account_mismatch',
      details: { expected: account.id, actual: suite.stripe().other.accountId },
    });
    expect(await h.keychainEntries()).toEqual([
      { account: `${account.id}:test`, password: suite.stripe().primary.keys.test },
    ]);
    expect(h.accounts.get(account.id)).toEqual(account);
  });

  it('rejects a revoked key on rotate', async () => {
    const h = await harness();
    const account = await h.accounts.add({ key: suite.stripe().primary.keys.test });
    const fresh = suite.stripe().primary.admin.createRestrictedKey('test', ['rak_customer_read']);
    suite.stripe().primary.admin.revokeKey(fresh);
    await expect(h.accounts.rotateKey({ accountId: account.id, key: fresh })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });

  it('removes one mode’s key but not the last one', async () => {
    const h = await harness();
    const account = await h.accounts.add({ key: suite.stripe().primary.keys.test });
    await h.accounts.add({ key: suite.stripe().primary.keys.live });
    const caches = cacheFiles(h, account.id);
    const after = await h.accounts.removeKey({ accountId: account.id, mode: 'live' });
    expect(after.keys.map((k) => k.mode)).toEqual(['test']);
    expect((await h.keychainEntries()).map((e) => e.account)).toEqual([`${account.id}:test`]);
    expect(caches.map((file) => fs.existsSync(file))).toEqual([true, false]);
    await expect(h.accounts.removeKey({ accountId: account.id, mode: 'test' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('removes an account only when confirmed with its id: keychain entries, rows and cached data go', async () => {
    const h = await harness();
    const account = await h.accounts.add({ key: suite.stripe().primary.keys.test });
    await h.accounts.add({ key: suite.stripe().primary.keys.live });
    const caches = cacheFiles(h, account.id);
    const refused = await h.router.dispatch('accounts.remove', {
      accountId: account.id,
      confirm: suite.stripe().other.accountId,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await h.keychainEntries()).toHaveLength(2);

    expect(await h.router.dispatch('accounts.remove', { accountId: account.id, confirm: account.id })).toEqual({
      ok: true,
      value: null,
    });
    expect(await h.keychainEntries()).toEqual([]);
    expect(rows(h)).toEqual({ accounts: [], keys: [] });
    expect(caches.map((file) => fs.existsSync(file))).toEqual([false, false]);
    await expect(h.gateway.client({ accountId: account.id, mode: 'test' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('STRIPE_API_KEY', () => {
  it('adds a session-only account that is written nowhere and gone after a restart', async () => {
    const key = suite.stripe().other.keys.live;
    const h = await harness({ sessionApiKey: key });
    const [account] = h.accounts.list() as [AccountSummary];
    expect(account).toMatchObject({
      id: suite.stripe().other.accountId,
      sessionOnly: true,
      keys: [{ mode: 'live', masked: maskKey(key) }],
    });
    expect(h.session.get()).toEqual({ accountId: account.id, mode: 'live' });
    const client = await h.gateway.client({ accountId: account.id, mode: 'live' });
    expect((await client.customers.list({ limit: 1 })).data[0]?.livemode).toBe(true);

    expect(rows(h)).toEqual({ accounts: [], keys: [] });
    expect(await h.keychainEntries()).toEqual([]);
    await h.close();
    expect(filesContaining(h.dataDir, key)).toEqual([]);

    const restarted = await harness({
      dataDir: h.dataDir,
      keychainService: h.keychainService,
    });
    expect(restarted.accounts.list()).toEqual([]);
  });
});

describe('recordingPermission', () => {
  it('marks a feature unavailable when a restricted key meets a 403 at run time, and rethrows it typed', async () => {
    const h = await harness();
    const account = await h.accounts.add({
      key: suite.stripe().primary.admin.createRestrictedKey('test', ['rak_customer_read']),
    });
    const scope = { accountId: account.id, mode: 'test' as const };
    const client = await h.gateway.client(scope);
    await expect(
      recordingPermission(h.accounts, scope, 'Invoices', () => client.invoices.list({ limit: 1 })),
    ).rejects.toMatchObject({
      code: 'permission_denied',
      details: { permission: 'rak_invoice_read' },
    });
    expect(h.accounts.get(account.id).keys[0]!.unavailable).toContainEqual({
      feature: 'Invoices',
      permission: 'rak_invoice_read',
    });
    expect(h.emitted.at(-1)?.name).toBe('accounts.changed');
  });
});
