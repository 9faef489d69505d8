import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src-main/emulator';
import { startTestHost, type TestHost } from '../host/test-host';

export interface ConsoleHost extends TestHost {
  /** The stand-in for api.stripe.com that pasted keys talk to (a separate emulator from the in-app Demo). */
  stripe: RunningEmulator;
  dataDir: string;
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
}

export const test = base.extend<HostOptions & { host: ConsoleHost }>({
  demo: [false, { option: true }],
  withStripeAccount: [true, { option: true }],
  customers: [120, { option: true }],
  host: async ({ demo, withStripeAccount, customers }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-e2e-'));
    // Stripe's stand-in keeps its own state (keys included) outside the app's data dir, as api.stripe.com would.
    const stripeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-e2e-stripe-'));
    const keychainService = `stripe-console-e2e-${path.basename(dataDir)}`;
    let stripe = await startEmulator({ dataDir: stripeDir, customers });
    const port = stripe.port;
    const boot = async (): Promise<TestHost> =>
      startTestHost({
        dataDir,
        keychainService,
        apiEndpoint: { host: '127.0.0.1', port, protocol: 'http' },
        demo: demo ? {} : false,
        agentName: 'E2E Agent',
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
    const consoleHost = (): ConsoleHost => ({
      ...host,
      stripe,
      dataDir,
      stripeDown: () => stripe.stop(),
      stripeUp: async () => {
        stripe = await startEmulator({ dataDir: stripeDir, port, customers });
      },
      restart: async () => {
        await host.stop();
        host = await boot();
        return consoleHost();
      },
    });
    await use(consoleHost());
    await host.app.router.dispatch('accounts.remove', { accountId: stripe.accountId, confirm: stripe.accountId });
    await host.stop();
    await stripe.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(stripeDir, { recursive: true, force: true });
  },
});

export { expect };
