import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src-main/emulator';
import { filesUnder, startEmulatedStripe, startSecurityApp, type EmulatedStripe } from './harness';
import { leaveSessionTraces } from './fixtures/session-traces';

/**
 * What must never be on disk: a session-only account's data after the app exits (cleanly, or killed and
 * restarted), and the Demo account's keys and webhook secret at any time.
 */
let stripe: EmulatedStripe;

beforeAll(async () => {
  stripe = await startEmulatedStripe();
}, 60_000);
afterAll(async () => {
  await stripe?.stop();
});

/** Files under the data dir that still hold `needle`, as paths relative to it. */
function holding(dataDir: string, needle: string): string[] {
  return filesUnder(dataDir)
    .filter(({ bytes }) => bytes.includes(needle))
    .map(({ file }) => path.relative(dataDir, file));
}

describe('a session-only account (STRIPE_API_KEY)', () => {
  it('leaves nothing on disk after a clean exit, though it was used', async () => {
    const h = await startSecurityApp({ apiEndpoint: stripe.endpoint, envApiKey: stripe.primary.keys.test });
    const accountId = await leaveSessionTraces(h.app, stripe.primary.keys.test, stripe.endpoint, randomUUID());
    expect(accountId).toBe(stripe.primary.accountId);
    await h.call('session.select', { accountId, mode: 'test' });
    expect(holding(h.dataDir, accountId).length).toBeGreaterThan(0); // it was on disk while running
    await h.stop();
    expect(holding(h.dataDir, accountId)).toEqual([]);
    expect(holding(h.dataDir, stripe.primary.keys.test)).toEqual([]);
    expect(await keytar.findCredentials(h.keychainService)).toEqual([]);
    fs.rmSync(h.dataDir, { recursive: true, force: true });
  });

  it('is erased at the next start when the run ended before it could clean up (a crash)', async () => {
    const crashed = await startSecurityApp({ apiEndpoint: stripe.endpoint, envApiKey: stripe.primary.keys.test });
    const accountId = await leaveSessionTraces(crashed.app, stripe.primary.keys.test, stripe.endpoint, randomUUID());
    expect(holding(crashed.dataDir, accountId).length).toBeGreaterThan(0);
    // The next start on the same files, without STRIPE_API_KEY, while the crashed run never ran stop().
    const next = await startSecurityApp({
      dataDir: crashed.dataDir,
      keychainService: crashed.keychainService,
      apiEndpoint: stripe.endpoint,
    });
    expect(holding(crashed.dataDir, accountId)).toEqual([]);
    await next.stop();
    await crashed.destroy();
  });
});

describe('the Demo account', () => {
  it('keeps its keys and webhook secret in memory only, and scrubs those an older store held', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-demo-'));
    // A demo store as earlier versions wrote it: keys and signing secret in plaintext.
    const old = await startEmulator({ dataDir: path.join(dataDir, 'demo'), seed: 2024, customers: 5 });
    const oldSecrets = [old.keys.test, old.keys.live, old.keys.restrictedTest, old.webhookSecret];
    await old.stop();
    expect(oldSecrets.every((s) => holding(dataDir, s).length > 0)).toBe(true);

    const h = await startSecurityApp({ dataDir, demo: { customers: 5 } });
    const demo = h.app.services.demo!.handle!;
    const secrets = [demo.keys.test, demo.keys.live, demo.keys.restrictedTest, demo.webhookSecret];
    expect(secrets.filter((s) => oldSecrets.includes(s))).toEqual([]); // derived afresh, not read back
    // The demo works with them (the SDK, over HTTP)...
    const account = h.app.services.accounts.list().find((a) => a.demo)!;
    const page = await h.call<{ items: unknown[] }>('customers.search', {
      scope: { accountId: account.id, mode: 'test' },
    });
    expect(Array.isArray(page.items)).toBe(true);
    // ...and none of them, old or new, is in any file.
    for (const secret of [...secrets, ...oldSecrets])
      expect([secret.slice(0, 12), holding(dataDir, secret)]).toEqual([secret.slice(0, 12), []]);
    await h.destroy();
  });
});
