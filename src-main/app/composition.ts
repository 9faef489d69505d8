/**
 * The one composition root: builds every main-process service and wires features to the IPC contract.
 * It imports nothing from Electron, so the same services run in the app, in tests and in the browser test host.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type Database from 'better-sqlite3';
import { openAppDatabase } from './app-db';
import type { CoreServices } from './feature';
import { createAppFeature } from './app-feature';
import { CallRouter, type Handlers } from '../ipc/router';
import { EventBus } from '../platform/event-bus';
import { createFileLogger, type Logger } from '../platform/logger';
import { SettingsStore } from '../settings/settings-store';
import { ConnectivityMonitor } from '../stripe/connectivity';
import { StripeGateway, type StripeEndpoint } from '../stripe/gateway';
import { ActivityLog } from '../activity/activity-log';
import { MutationLedger } from '../mutations/mutation-ledger';
import { createAccountServices } from '../accounts/feature';
import type { DemoEmulatorOptions } from '../demo/demo-account';
import { CacheRegistry } from '../cache';

export interface ConsoleAppOptions {
  dataDir: string;
  version?: string;
  /** OS keychain service name; tests use a unique one per run. */
  keychainService?: string;
  /** Where pasted keys' API lives: null (default) is api.stripe.com; the test host points it at an emulator. */
  apiEndpoint?: StripeEndpoint | null;
  /** STRIPE_API_KEY: a session-only account, never written anywhere. */
  envApiKey?: string | null;
  /** The in-app Demo account's emulator options; false runs without it. */
  demo?: DemoEmulatorOptions | false;
  agentName?: string;
  openExternal?: (url: string) => Promise<void>;
  now?: () => number;
}

export interface ConsoleApp {
  router: CallRouter;
  events: EventBus;
  core: CoreServices;
  /** Background work: demo, reconciliation of unfinished mutations, sync, webhook receiver. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createConsoleApp(options: ConsoleAppOptions): Promise<ConsoleApp> {
  const now = options.now ?? Date.now;
  fs.mkdirSync(options.dataDir, { recursive: true });
  const logger = createFileLogger(path.join(options.dataDir, 'logs'));
  const appDb = openAppDatabase(options.dataDir);
  const events = new EventBus();
  const connectivity = new ConnectivityMonitor(now);
  const caches = new CacheRegistry(options.dataDir);

  // Accounts come first: they are the gateway's key provider and endpoint map.
  let gateway: StripeGateway | null = null;
  const accountServices = createAccountServices({
    dataDir: options.dataDir,
    appDb,
    events,
    logger,
    now,
    gateway: () => gateway!,
    removeCachedData: (accountId) => caches.remove(accountId),
    apiEndpoint: options.apiEndpoint ?? null,
    ...(options.keychainService ? { keychainService: options.keychainService } : {}),
    ...(options.envApiKey ? { sessionApiKey: options.envApiKey } : {}),
    demo: options.demo ?? {},
  });
  const { accounts, session, webhookSecrets } = accountServices;

  const settings = new SettingsStore(appDb, { agentName: options.agentName ?? os.userInfo().username });
  gateway = new StripeGateway({
    keys: accounts,
    endpointFor: (accountId) => accounts.endpointFor(accountId),
    rateFor: (mode) => settings.get().rateBudget[mode],
    connectivity,
  });
  const activity = new ActivityLog(appDb, now);
  const ledger = new MutationLedger(appDb, activity, (scope) => gateway!.client(scope), now);
  const core: CoreServices = {
    dataDir: options.dataDir,
    appDb,
    logger,
    events,
    settings,
    gateway,
    connectivity,
    activity,
    ledger,
    now,
    agent: () => settings.get().agentName,
  };

  const appFeature = createAppFeature(core, {
    version: options.version ?? '0.1.0',
    session: () => session.get(),
    dataAsOf: () => null,
    webhookSecret: webhookSecrets,
    openExternal: options.openExternal ?? (async () => undefined),
  });

  const features = [accountServices.feature, appFeature];
  const handlers = Object.assign({}, ...features.map((f) => f.handlers)) as Handlers;

  return {
    router: new CallRouter(handlers, logger),
    events,
    core,
    async start() {
      for (const feature of features) await feature.start?.();
      const reconciled = await ledger.reconcile();
      if (reconciled.reconciled + reconciled.expired + reconciled.failed > 0) logger.info('reconciled mutations', reconciled);
    },
    async stop() {
      for (const feature of [...features].reverse()) await feature.stop?.();
      caches.close();
      closeQuietly(appDb, logger);
    },
  };
}

function closeQuietly(db: Database.Database, logger: Logger): void {
  try {
    db.close();
  } catch (err) {
    logger.warn('closing the app database failed', { error: String(err) });
  }
}
