import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyVault, keychainWebhookSecretStore } from '../../src-main/platform/keychain';
import { brokenKeychain } from './fixtures/broken-keychain';

// Against the real OS keychain (gnome-keyring under dbus-run-session in CI).
const service = `stripe-console-test-${randomUUID()}`;
const vault = new KeyVault(service);

afterAll(async () => {
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
});

describe('KeyVault', () => {
  it('stores, reads back, replaces and deletes one entry per account and mode', async () => {
    const entry = KeyVault.apiKeyEntry('acct_1Vault', 'live');
    expect(entry).toBe('acct_1Vault:live');
    await vault.set(entry, 'sk_live_first');
    expect(await vault.get(entry)).toBe('sk_live_first');
    expect(await keytar.getPassword(service, entry)).toBe('sk_live_first');
    await vault.set(entry, 'sk_live_second');
    expect(await vault.get(entry)).toBe('sk_live_second');
    await vault.delete(entry);
    expect(await vault.get(entry)).toBeNull();
    await vault.delete(entry); // deleting what is gone is fine
  });

  it('keeps one webhook signing secret per account and mode in the keychain too', async () => {
    const store = keychainWebhookSecretStore(vault);
    const live = { accountId: 'acct_1Vault', mode: 'live' as const };
    const test = { accountId: 'acct_1Vault', mode: 'test' as const };
    expect(await store.get(live)).toBeNull();
    await store.set(live, 'whsec_abcdefgh12345678');
    expect(await keytar.getPassword(service, 'webhook:acct_1Vault:live')).toBe('whsec_abcdefgh12345678');
    expect(await store.get(live)).toBe('whsec_abcdefgh12345678');
    expect(await store.all([test, live])).toEqual([{ scope: live, secret: 'whsec_abcdefgh12345678' }]);
    await store.clear(live);
    expect(await store.get(live)).toBeNull();
    expect(await keytar.getPassword(service, 'webhook:acct_1Vault:live')).toBeNull();
    await expect(store.set({ accountId: 'acct_../../x', mode: 'test' }, 'whsec_x')).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('turns a keychain failure into keychain_unavailable with what to do about it', async () => {
    const broken = new KeyVault(service, brokenKeychain('Cannot create an item in a locked collection'), 'linux');
    await expect(broken.set('acct_1X:test', 'sk_test_x')).rejects.toMatchObject({
      code: 'keychain_unavailable',
      retryable: true,
      message: expect.stringMatching(/locked collection.*gnome-keyring or KWallet/s),
    });
    await expect(broken.get('acct_1X:test')).rejects.toMatchObject({ code: 'keychain_unavailable' });
  });

  // Secret Service (D-Bus) failures are Linux's; macOS and Windows keychains fail differently.
  const onLinux = process.platform === 'linux';
  const script = path.join(__dirname, 'fixtures', 'vault-without-secret-service.ts');
  const runVault = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
    const child = spawnSync(command, args, {
      cwd: path.resolve(__dirname, '../..'),
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stderr).not.toContain('sk_test_');
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as { code: string; message: string };
  };

  it.runIf(onLinux)('reports keychain_unavailable from real keytar when no Secret Service can be reached', () => {
    const outcome = runVault(process.execPath, ['--import', 'tsx', script], {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/stripe-console-bus',
    });
    expect(outcome.code).toBe('keychain_unavailable');
    expect(outcome.message).toMatch(/Secret Service/);
  });

  it.runIf(onLinux)('reports keychain_unavailable from real keytar when the keyring is locked', () => {
    // A fresh session bus whose gnome-keyring was never unlocked (and can't prompt: no display).
    const outcome = runVault('dbus-run-session', ['--', process.execPath, '--import', 'tsx', script]);
    expect(outcome).toMatchObject({ code: 'keychain_unavailable', message: expect.stringMatching(/locked/) });
  });
});
