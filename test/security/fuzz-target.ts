import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { createConsoleApp } from '../../src-main/app/composition';
import { startEmulator } from '../../src-main/emulator';
import type { FuzzTarget } from './ipc-fuzzer';

/**
 * The whole app (with the Demo account's data) as the fuzzer's target, behind the same router the renderer
 * reaches; pasted keys go to a second emulator standing in for Stripe, never to the network.
 */
export async function startFuzzTarget(): Promise<FuzzTarget & { stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-fuzz-'));
  const keychainService = `stripe-console-fuzz-${randomUUID()}`;
  const stripe = await startEmulator({ customers: 5, seed: 7 });
  const app = createConsoleApp({
    dataDir,
    keychainService,
    apiEndpoint: { host: '127.0.0.1', port: stripe.port, protocol: 'http' },
    demo: { customers: 20 },
    sync: { autoStart: false },
  });
  await app.start();
  const { accounts, session, caches, demo } = app.services;
  const accountIds = accounts.list().map((a) => a.id);
  // Both demo caches exist up front: a valid sync.start making one is not a refused call's doing.
  for (const id of accountIds) for (const mode of ['test', 'live'] as const) caches.open({ accountId: id, mode });
  const files = () =>
    fs
      .readdirSync(dataDir, { recursive: true })
      .map(String)
      .filter((f) => !/(-wal|-shm|-journal)$/.test(f) && !f.startsWith('logs') && !f.startsWith('demo'))
      .sort()
      .join(',');
  const fingerprint = () =>
    JSON.stringify([
      app.core.settings.get(),
      session.get(),
      accounts.list(),
      files(),
      app.services.appDb.prepare('SELECT total_changes()').pluck().get(),
    ]);
  // Stripe's full rate: the fuzzer's requests go to a local emulator, and a fuzzed Settings change that set
  // a rate of 1/s would only make the run slow. Restored after every accepted settings.update.
  const fullRate = () => {
    app.core.settings.update({ rateBudget: { test: 25, live: 100 } });
    app.core.gateway.updateRates();
  };
  fullRate();
  fingerprint(); // the first read of Settings may store the install's webhook port
  const handle = demo?.handle;
  return {
    async dispatch(name, payload) {
      const result = await app.router.dispatch(name, payload);
      if (name === 'settings.update' && result.ok) fullRate();
      return result;
    },
    fingerprint,
    accountIds,
    secrets: handle ? [handle.keys.test, handle.keys.live, handle.webhookSecret, stripe.keys.test] : [],
    async stop() {
      await app.stop();
      await stripe.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      for (const entry of await keytar.findCredentials(keychainService).catch(() => []))
        await keytar.deletePassword(keychainService, entry.account);
    },
  };
}
