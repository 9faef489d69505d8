import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import type { Scope } from '../../src-preload/contract';
import { CacheRegistry } from '../../src-main/cache';
import { startEmulator, type EmulatorOptions } from '../../src-main/emulator';
import { EventBus } from '../../src-main/platform/event-bus';
import type { Logger } from '../../src-main/platform/logger';
import { ConnectivityMonitor } from '../../src-main/stripe/connectivity';
import { StripeGateway } from '../../src-main/stripe/gateway';
import { SyncService } from '../../src-main/sync/sync-service';
import type { ScopeSyncOptions } from '../../src-main/sync/scope-sync';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export const silentLogger: Logger = { log() {}, info() {}, warn() {}, error() {} };

/** An emulator plus the product's own sync stack wired as the app wires it, over real HTTP. */
export async function startSyncHarness(
  emulatorOptions: EmulatorOptions = {},
  options: { rate?: number; sync?: Partial<ScopeSyncOptions>; dataDir?: string } = {},
) {
  const emulator = await startEmulator({ customers: 40, ...emulatorOptions });
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sync-'));
  const connectivity = new ConnectivityMonitor();
  const gateway = new StripeGateway({
    keys: { keyFor: async (scope) => emulator.keys[scope.mode] },
    endpointFor: () => ({ host: '127.0.0.1', port: emulator.port, protocol: 'http' }),
    rateFor: () => options.rate ?? 200,
    connectivity,
  });
  const events = new EventBus();
  const scope: Scope = { accountId: emulator.accountId, mode: 'test' };
  const build = () => {
    const caches = new CacheRegistry(dataDir);
    const sync = new SyncService({
      caches,
      gateway,
      connectivity,
      events,
      logger: silentLogger,
      now: Date.now,
      options: { pollIntervalMs: 100, ...options.sync },
    });
    return { caches, sync };
  };
  return {
    emulator,
    dataDir,
    gateway,
    connectivity,
    events,
    scope,
    build,
    /** A plain SDK client for checking what Stripe (the emulator) holds, outside the budget. */
    stripe: (mode: 'test' | 'live' = 'test') =>
      new Stripe(emulator.keys[mode], {
        host: '127.0.0.1',
        port: emulator.port,
        protocol: 'http',
        maxNetworkRetries: 5,
      }),
    async stop() {
      await emulator.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Bounded poll of a real condition (no fixed sleeps). */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every id Stripe (the emulator) has for a list endpoint, sorted. */
export async function allIds<P>(list: (params: P) => AsyncIterable<{ id: string }>, params: P): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of list(params)) ids.push(item.id);
  return ids.sort();
}
