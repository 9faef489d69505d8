import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import type { Scope } from '../../src-preload/contract';
import type { EmulatorOptions } from '../../src-main/emulator';
import type { ScopeSyncOptions } from '../../src-main/sync/scope-sync';
import { startStripe, startTestApp, endpointOf, type TestApp } from '../support/app';
import { TestClock } from '../support/clock';
import { memoryKeychain } from '../support/keychain';
import { until } from '../support/until';

export { silentLogger } from '../support/logger';
export { until } from '../support/until';

/**
 * An emulator standing in for Stripe plus the app built by `createConsoleApp` (both modes' keys connected, sync
 * started by the test), on one test clock: the app's waits (budget, backoff, polling) pass as `h.until` moves it.
 * `build()` starts the app again on the same data dir, as after quitting.
 */
export async function startSyncHarness(
  emulatorOptions: EmulatorOptions = {},
  options: { rate?: number; sync?: Partial<ScopeSyncOptions>; dataDir?: string } = {},
) {
  const clock = new TestClock();
  const emulator = await startStripe({ customers: 40, ...emulatorOptions }, clock);
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sync-'));
  const keychain = memoryKeychain();
  const scope: Scope = { accountId: emulator.accountId, mode: 'test' };
  const apps: TestApp[] = [];
  return {
    emulator,
    dataDir,
    clock,
    scope,
    /** Starts the app (again); `rate` overrides the harness's budget for this run. */
    async build(run: { rate?: number } = {}) {
      const built = await startTestApp({
        stripe: emulator,
        dataDir,
        keychain,
        clock,
        keys: [emulator.keys.test, emulator.keys.live],
        rate: run.rate ?? options.rate ?? 200,
        sync: { autoStart: false, pollIntervalMs: 100, ...options.sync },
      });
      apps.push(built);
      // The window shows the test scope: connectivity and the status bar answer for it.
      await built.call('session.select', { accountId: scope.accountId, mode: 'test' });
      const { caches, sync } = built.app.services;
      return { app: built.app, call: built.call, events: built.app.events, caches, sync };
    },
    /** Waits for a condition while the app's time moves on. */
    until: (condition: () => boolean | Promise<boolean>, what?: string) =>
      until(condition, { clock, ...(what ? { what } : {}) }),
    /** Lets the app's time move on until `work` settles (e.g. a stop whose workers wait for the budget). */
    async whileTimePasses<T>(work: Promise<T>): Promise<T> {
      let settled = false;
      const done = work.finally(() => (settled = true));
      await until(() => settled, { clock, what: 'work to settle' });
      return done;
    },
    /** A plain SDK client for checking what Stripe (the emulator) holds, outside the budget. */
    stripe: (mode: 'test' | 'live' = 'test') =>
      new Stripe(emulator.keys[mode], { ...endpointOf(emulator), maxNetworkRetries: 5 }),
    async stop() {
      for (const app of apps.splice(0)) await app.stop();
      await emulator.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every id Stripe (the emulator) has for a list endpoint, sorted. */
export async function allIds<P>(list: (params: P) => AsyncIterable<{ id: string }>, params: P): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of list(params)) ids.push(item.id);
  return ids.sort();
}
