import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Keychain } from '../../src-main/platform/keychain';
import { createConsoleApp, type ConsoleApp, type ConsoleAppOptions } from '../../src-main/app/composition';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src-main/emulator';
import type { Clock } from '../../src-main/platform/clock';
import type { StripeEndpoint } from '../../src-main/stripe/gateway';
import {
  ConsoleError,
  type CallInput,
  type CallName,
  type CallOutput,
  type ConsoleErrorShape,
  type Scope,
} from '../../src-preload/contract';
import { memoryKeychain } from './keychain';

/** An emulator standing in for Stripe, on the same clock as the app under test (Stripe's `created` vs our stamps). */
export function startStripe(options: EmulatorOptions = {}, clock?: Clock): Promise<RunningEmulator> {
  return startEmulator({ ...options, ...(clock ? { now: () => clock.now() } : {}) });
}

export function endpointOf(stripe: RunningEmulator): StripeEndpoint {
  return { host: '127.0.0.1', port: stripe.port, protocol: 'http' };
}

export interface TestAppOptions {
  /** Stripe's stand-in. It is not part of the app: it keeps running across restarts. */
  stripe: RunningEmulator;
  /** Reuse one to restart the app on the same files; a temp dir by default. */
  dataDir?: string;
  /** Reuse one across restarts, as the OS keychain would be; in memory by default. */
  keychain?: Keychain;
  clock?: Clock;
  /** Keys an operator pastes at first start (default: the emulator's test key). */
  keys?: string[];
  /** Requests per second per account+mode (Settings → rate budget). */
  rate?: number;
  /** Sync tuning; the app syncs only what the test starts unless `autoStart` is set. */
  sync?: ConsoleAppOptions['sync'];
  agentName?: string;
}

export interface TestApp {
  app: ConsoleApp;
  dataDir: string;
  keychain: Keychain;
  /** The emulator's account in test mode. */
  scope: Scope;
  /** Dispatches through the router (so the contract's schema checks the payload); throws the typed error. */
  call<C extends CallName>(name: C, input: CallInput<C>): Promise<CallOutput<C>>;
  /** Dispatches a call that must fail; returns its error. */
  fail<C extends CallName>(name: C, input: CallInput<C>): Promise<ConsoleErrorShape>;
  /** Rotates this account's key for its mode (e.g. to a restricted one), as Settings → Accounts does. */
  useKey(key: string): Promise<void>;
  /** Stops the app (its background work, caches, databases); keeps the data dir. */
  stop(): Promise<void>;
  /** Dies on the spot: its databases close with work in flight, nothing is stopped in order. `stop()` is then a no-op. */
  crash(): void;
}

/**
 * The app as it builds itself (`createConsoleApp`), on a data dir, started, with the emulator connected the way
 * an operator connects Stripe: keys pasted through `accounts.add`. No Demo account (tests bring their own Stripe).
 */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const built = buildTestApp(options);
  await built.app.start();
  if (!built.app.services.accounts.list().some((a) => a.id === built.scope.accountId))
    for (const key of options.keys ?? [options.stripe.keys.test]) await built.call('accounts.add', { key });
  return built;
}

/**
 * The app built but not started — what a relaunch looks like before start-up work (reconciliation, sync) runs.
 * Accounts connected by an earlier run on the same data dir and keychain are there.
 */
export function buildTestApp(options: TestAppOptions): TestApp {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sc-app-'));
  const keychain = options.keychain ?? memoryKeychain();
  const app = createConsoleApp({
    dataDir,
    keychain,
    keychainService: 'stripe-console-test',
    apiEndpoint: endpointOf(options.stripe),
    demo: false,
    agentName: options.agentName ?? 'Test Agent',
    ...(options.clock ? { clock: options.clock } : {}),
    sync: { autoStart: false, ...options.sync },
  });
  if (options.rate) app.core.settings.update({ rateBudget: { test: options.rate, live: options.rate } });
  const scope: Scope = { accountId: options.stripe.accountId, mode: 'test' };
  let crashed = false;

  const dispatch = async <C extends CallName>(name: C, input: CallInput<C>) => app.router.dispatch(name, input);
  const call = async <C extends CallName>(name: C, input: CallInput<C>): Promise<CallOutput<C>> => {
    const result = await dispatch(name, input);
    if (!result.ok) throw ConsoleError.fromShape(result.error);
    return result.value as CallOutput<C>;
  };

  return {
    app,
    dataDir,
    keychain,
    scope,
    call,
    async fail(name, input) {
      const result = await dispatch(name, input);
      if (result.ok) throw new Error(`${name} was expected to fail`);
      return result.error;
    },
    async useKey(key) {
      await call('accounts.rotateKey', { accountId: scope.accountId, key });
    },
    async stop() {
      if (!crashed) await app.stop();
    },
    crash() {
      crashed = true;
      app.services.appDb.close();
      app.services.caches.close();
    },
  };
}
