import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src-main/emulator';
import { startTestHost, type TestHost } from '../host/test-host';
import { shortWaits } from '../host/short-waits';
import type { DeadlineNotification } from '../../src-preload/contract';

export interface ConsoleHost extends TestHost {
  /** The stand-in for api.stripe.com that pasted keys talk to (a separate emulator from the in-app Demo). */
  stripe: RunningEmulator;
  dataDir: string;
  /** Every deadline notification the app showed since it first started (restarts included), in order. */
  notifications: DeadlineNotification[];
  /** Simulates Stripe going away and coming back on the same address with the same state. */
  stripeDown(): Promise<void>;
  stripeUp(): Promise<void>;
  /** Quits and restarts the app (the main-process services) on the same data dir, as a user would. */
  restart(): Promise<ConsoleHost>;
}

export interface HostOptions {
  /** Start the in-app Demo account. */
  demo: boolean;
  /** Add the emulator's test and live keys as an account and select it in test mode. */
  withStripeAccount: boolean;
  /** Customers in Stripe's stand-in: more where a spec needs every dispute status (about 150 and up). */
  customers: number;
  /**
   * The spec only reads (it may switch modes): its tests share one host per worker, already synced, instead of
   * seeding and syncing a fresh one each. The shared host refuses stripeDown/stripeUp/restart.
   */
  sharedHost: boolean;
}

type HostSetup = Omit<HostOptions, 'sharedHost'>;

/**
 * How long the e2e host lets any wait last: the event poll and every backoff or periodic check come round within
 * a second, so a spec waits for the app's next look, never for a production-length interval (test/host/short-waits.ts).
 */
const MAX_WAIT_MS = 1000;

interface RunningHost {
  current(): ConsoleHost;
  dispose(): Promise<void>;
}

/** Stripe's stand-in, then the app on a fresh data dir pointed at it, with the stand-in's account added. */
async function startHost({ demo, withStripeAccount, customers }: HostSetup): Promise<RunningHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-e2e-'));
  // Stripe's stand-in keeps its own state (keys included) outside the app's data dir, as api.stripe.com would.
  const stripeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-e2e-stripe-'));
  const keychainService = `stripe-console-e2e-${path.basename(dataDir)}`;
  let stripe = await startEmulator({ dataDir: stripeDir, customers });
  const port = stripe.port;
  // Recorded from the app's start: with short waits, notifications for seeded data fire before a spec can subscribe.
  const notifications: DeadlineNotification[] = [];
  const boot = async (): Promise<TestHost> =>
    startTestHost({
      dataDir,
      keychainService,
      apiEndpoint: { host: '127.0.0.1', port, protocol: 'http' },
      demo: demo ? {} : false,
      agentName: 'E2E Agent',
      clock: shortWaits(MAX_WAIT_MS),
      sync: { pollIntervalMs: MAX_WAIT_MS },
      notificationSinks: [{ show: (n) => notifications.push(n) }],
    });
  let host = await boot();
  // Stripe's own limits (25/s test, 100/s live) instead of the cautious defaults: a spec waits on backfills, and the
  // emulator here enforces no limit, so the pacing only costs time. Through the contract, as Settings sends it.
  await host.app.router.dispatch('settings.update', { rateBudget: { test: 25, live: 100 } });
  if (withStripeAccount) {
    for (const key of [stripe.keys.test, stripe.keys.live]) {
      const added = await host.app.router.dispatch('accounts.add', { key });
      if (!added.ok) throw new Error(`could not add the emulator account: ${added.error.message}`);
    }
    await host.app.router.dispatch('session.select', { accountId: stripe.accountId, mode: 'test' });
  }
  const current = (): ConsoleHost => ({
    ...host,
    stripe,
    dataDir,
    notifications,
    stripeDown: () => stripe.stop(),
    stripeUp: async () => {
      stripe = await startEmulator({ dataDir: stripeDir, port, customers });
    },
    restart: async () => {
      await host.stop();
      host = await boot();
      return current();
    },
  });
  return {
    current,
    async dispose() {
      // A failed test's page snapshot is taken after this: it shows what failed, not the account being removed.
      host.detachPages();
      await host.app.router.dispatch('accounts.remove', { accountId: stripe.accountId, confirm: stripe.accountId });
      await host.stop();
      await stripe.stop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(stripeDir, { recursive: true, force: true });
    },
  };
}

/** A worker's shared hosts, one per set of options, started on first use and stopped when the worker ends. */
interface SharedHosts {
  get(setup: HostSetup): Promise<ConsoleHost>;
}

const readOnly = (what: string) => () =>
  Promise.reject(new Error(`a shared host can't ${what}: give the spec its own`));

export const test = base.extend<HostOptions & { host: ConsoleHost }, { sharedHosts: SharedHosts }>({
  demo: [false, { option: true }],
  withStripeAccount: [true, { option: true }],
  customers: [120, { option: true }],
  sharedHost: [false, { option: true }],
  sharedHosts: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const started = new Map<string, Promise<RunningHost>>();
      await use({
        async get(setup) {
          const key = JSON.stringify(setup);
          if (!started.has(key)) started.set(key, startHost(setup));
          const host = (await started.get(key)!).current();
          return {
            ...host,
            stripeDown: readOnly('take Stripe down'),
            stripeUp: readOnly('bring Stripe back'),
            restart: readOnly('restart'),
          };
        },
      });
      for (const running of started.values()) await (await running).dispose();
    },
    { scope: 'worker' },
  ],
  // Its own timeout, apart from the test's: seeding and the first sync are setup, not what a spec times.
  host: [
    async ({ demo, withStripeAccount, customers, sharedHost, sharedHosts }, use) => {
      if (sharedHost) {
        const host = await sharedHosts.get({ demo, withStripeAccount, customers });
        // Each test starts where a fresh host would: the stand-in's account, in test mode.
        if (withStripeAccount)
          await host.app.router.dispatch('session.select', { accountId: host.stripe.accountId, mode: 'test' });
        await use(host);
        return;
      }
      const running = await startHost({ demo, withStripeAccount, customers });
      await use(running.current());
      await running.dispose();
    },
    { timeout: 120_000 },
  ],
});

export { expect };
