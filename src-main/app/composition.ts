/**
 * The one composition root: builds every main-process service and wires features to the IPC contract.
 * It imports nothing from Electron, so the same services run in the app, in tests and in the browser test host.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type Database from 'better-sqlite3';
import { createAppStores, openAppDatabase } from './app-db';
import type { CoreServices } from './feature';
import { createAppFeature } from './app-feature';
import { CallRouter, type Handlers } from '../ipc/router';
import { EventBus } from '../platform/event-bus';
import { createFileLogger, type Logger } from '../platform/logger';
import { systemClock, type Clock } from '../platform/clock';
import { ConnectivityMonitor } from '../stripe/connectivity';
import { StripeGateway, probeClient, type StripeEndpoint } from '../stripe/gateway';
import { MutationLedger } from '../mutations/mutation-ledger';
import { createAccountServices, type AccountServices } from '../accounts/feature';
import type { DemoEmulatorOptions } from '../accounts/demo-account';
import type { Keychain } from '../platform/keychain';
import type { ScopeSyncOptions } from '../sync/scope-sync';
import { CacheRegistry } from '../cache';
import { createSyncFeature } from '../sync/feature';
import { WebhookSecrets, connectedScopes } from '../webhooks/webhook-secrets';
import type { SyncService } from '../sync/sync-service';
import { createCustomersFeature } from '../customers/feature';
import { createInvoicesFeature } from '../invoices/feature';
import { createPaymentsFeature } from '../payments/feature';
import { createSubscriptionsFeature } from '../subscriptions/feature';
import { createActivityFeature } from '../activity/feature';
import { createDisputesFeature } from '../disputes/feature';
import { createRadarFeature } from '../radar/feature';
import { createBalanceFeature } from '../balance/feature';
import { createNotificationsFeature } from '../notifications/feature';
import type { NotificationSink } from '../notifications/deadline-notifier';
import { createSearchFeature } from '../search/feature';
import type { CacheAccess } from '../cache/cache-access';
import type { RefundService } from '../payments/refund-service';
import type { CaptureService } from '../payments/capture-service';
import { createTeamConsoleFeature } from '../team/console-feature';

export interface ConsoleAppOptions {
  dataDir: string;
  version?: string;
  /** OS keychain service name; tests use a unique one per run. */
  keychainService?: string;
  /** The keychain itself (keytar by default); tests that don't exercise the OS keychain pass an in-memory one. */
  keychain?: Keychain;
  /** Where pasted keys' API lives: null (default) is api.stripe.com; the test host points it at an emulator. */
  apiEndpoint?: StripeEndpoint | null;
  /** STRIPE_API_KEY: a session-only account, never written anywhere. */
  envApiKey?: string | null;
  /** The in-app Demo account's emulator options; false runs without it. */
  demo?: DemoEmulatorOptions | false;
  agentName?: string;
  openExternal?: (url: string) => Promise<void>;
  /** Every wait (rate budget, backoff, polling) and timestamp; tests pass a clock they advance. */
  clock?: Clock;
  /** Sync tuning; `autoStart: false` leaves starting a scope's sync to the caller (tests that set faults first). */
  sync?: Partial<ScopeSyncOptions> & { autoStart?: boolean };
  /** Where deadline notifications show besides the contract's event: the OS notification centre in Electron. */
  notificationSinks?: NotificationSink[];
}

export interface ConsoleApp {
  router: CallRouter;
  events: EventBus;
  core: CoreServices;
  /** The services features are built from, for tests and the test host to drive and inspect. */
  services: {
    caches: CacheRegistry;
    /** app.db itself, for tests to inspect; no feature is handed it (each gets the stores it needs). */
    appDb: Database.Database;
    sync: SyncService;
    accounts: AccountServices['accounts'];
    session: AccountServices['session'];
    /** The in-app Demo account (its emulator is `demo.handle` once started), or null without it. */
    demo: AccountServices['demo'];
    refunds: RefundService;
    captures: CaptureService;
  };
  /** Background work: demo, reconciliation of unfinished mutations, sync, webhook receiver. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds every service synchronously; `start()` begins the background work (so a test can build, crash and rebuild). */
export function createConsoleApp(options: ConsoleAppOptions): ConsoleApp {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const { autoStart = true, ...syncOptions } = options.sync ?? {};
  // Readable by the user only: caches, ledger, logs (never a key, but customers' data).
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(options.dataDir, 0o700);
  const logger = createFileLogger(path.join(options.dataDir, 'logs'));
  const appDb = openAppDatabase(options.dataDir);
  const stores = createAppStores(appDb, {
    now,
    agentName: options.agentName ?? os.userInfo().username,
    // One signing secret per account+mode; Settings lists which have one (the keychain answers asynchronously).
    webhookSecretScopes: () => webhookSecretScopes.storedScopes(),
  });
  const events = new EventBus();
  const connectivity = new ConnectivityMonitor(now);
  const caches = new CacheRegistry(options.dataDir, (scope) =>
    connectedScopes(accountServices.accounts.list()).some(
      (s) => s.accountId === scope.accountId && s.mode === scope.mode,
    ),
  );

  // Accounts come first: they are the gateway's key provider and endpoint map.
  let syncFeature: ReturnType<typeof createSyncFeature> | null = null;
  const accountServices = createAccountServices({
    dataDir: options.dataDir,
    stores,
    events,
    logger,
    now,
    probe: probeClient,
    // Syncs of the account stop before its cache files go.
    // Removing one mode's key touches only that mode's sync and cache.
    removeCachedData: async (accountId, mode) => {
      await syncFeature?.sync.forget(accountId, mode);
      caches.remove(accountId, mode);
    },
    // Removal (and a session-only account at stop) erases the rest: webhook inbox and secrets, app.db rows.
    purgeOther: [
      (accountId, mode) => syncFeature?.webhookLog.forget(accountId, mode),
      (accountId, mode) => webhookSecretScopes.forget(accountId, mode),
    ],
    apiEndpoint: options.apiEndpoint ?? null,
    ...(options.keychainService ? { keychainService: options.keychainService } : {}),
    ...(options.keychain ? { keychain: options.keychain } : {}),
    ...(options.envApiKey ? { sessionApiKey: options.envApiKey } : {}),
    demo: options.demo ?? {},
  });
  const { accounts, session, webhookSecrets } = accountServices;

  const webhookSecretScopes = new WebhookSecrets(webhookSecrets, () => connectedScopes(accounts.list()));
  const { settings, activity } = stores;
  const gateway = new StripeGateway({
    keys: accounts,
    endpointFor: (accountId) => accounts.endpointFor(accountId),
    rateFor: (mode) => settings.get().rateBudget[mode],
    connectivity,
    clock,
  });
  let teamMode: ReturnType<typeof createTeamConsoleFeature> | null = null;
  const ledger = new MutationLedger(stores.mutations, (scope) => gateway.client(scope), now, {
    warn: (message, fields) => logger.warn(message, fields),
    // Team mode: an intent is claimed in the team's ledger before it leaves (no-op otherwise).
    checkpoint: (step, intentId) => teamMode?.team.checkpoint(step, intentId),
  });
  activity.onRecord((entry) => teamMode?.team.recorded(entry));
  const core: CoreServices = {
    dataDir: options.dataDir,
    logger,
    events,
    settings,
    gateway,
    connectivity,
    activity,
    ledger,
    clock,
    now,
    agent: () => settings.get().agentName,
  };

  syncFeature = createSyncFeature(core, {
    caches,
    webhookSecrets,
    webhookScopes: () => connectedScopes(accounts.list()),
    initialScopes: () => {
      const current = session.get();
      return autoStart && current.accountId && !teamMode?.team.on()
        ? [{ accountId: current.accountId, mode: current.mode }]
        : [];
    },
    options: syncOptions,
  });
  const { sync } = syncFeature;
  // One shape of cache access for every feature: read a scope's store, write what Stripe just answered.
  const cacheAccess: CacheAccess = {
    caches,
    applyObject: (scope, object, sentAt) => sync.applyObject(scope, object, sentAt),
  };
  const appFeature = createAppFeature(core, {
    version: options.version ?? '0.1.0',
    session: () => session.get(),
    dataAsOf: (scope) => sync.dataAsOf(scope),
    webhookSecret: webhookSecretScopes,
    openExternal: options.openExternal ?? (async () => undefined),
  });

  // Mutation executors register with the ledger as features are created: before reconcile() at start.
  const customers = createCustomersFeature(core, cacheAccess);
  const invoices = createInvoicesFeature(core, cacheAccess);
  const payments = createPaymentsFeature(core, cacheAccess);
  const subscriptions = createSubscriptionsFeature(core, cacheAccess);
  const activityFeature = createActivityFeature(core, {
    unshared: (ids) => stores.teamOutbox.unsharedActivity(ids),
  });
  const disputes = createDisputesFeature(core, cacheAccess, {
    drafts: stores.evidenceDrafts,
    reviews: stores.disputeReviews,
  });
  const radar = createRadarFeature(core, cacheAccess);
  const balance = createBalanceFeature(core, cacheAccess);
  const notifications = createNotificationsFeature(core, {
    store: stores.notifications,
    caches,
    accounts: () => accounts.list(),
    startSync: (scope) => {
      if (autoStart && !teamMode?.team.on()) sync.start(scope);
    },
    selectSession: (scope) => session.select(scope),
    sinks: options.notificationSinks ?? [],
  });
  const search = createSearchFeature(core, {
    ...cacheAccess,
    completeResources: (scope) =>
      new Set(
        sync
          .status(scope)
          .resources.filter((r) => r.complete)
          .map((r) => r.resource),
      ),
  });
  // Team mode: the console copies the team database instead of syncing with Stripe itself (Settings → Team).
  teamMode = createTeamConsoleFeature(core, {
    vault: accountServices.vault,
    savedUrl: { get: () => settings.teamDatabaseUrl(), set: (url) => settings.setTeamDatabaseUrl(url) },
    caches,
    reviews: stores.disputeReviews,
    outbox: stores.teamOutbox,
    shownScope: () => {
      const current = session.get();
      return current.accountId ? { accountId: current.accountId, mode: current.mode } : null;
    },
    stopOwnSync: () => sync.stop(),
    resumeOwnSync: () => {
      const current = session.get();
      if (autoStart && current.accountId) sync.start({ accountId: current.accountId, mode: current.mode });
    },
  });
  stores.disputeReviews.onSet((scope, disputeId, review) => teamMode?.team.shareReview(scope, disputeId, review));
  const features = [
    accountServices.feature,
    appFeature,
    syncFeature,
    customers,
    invoices,
    payments,
    subscriptions,
    activityFeature,
    disputes,
    radar,
    balance,
    search,
    notifications,
    teamMode.feature,
  ];
  // Typed, so a call in the contract without a handler fails the typecheck.
  const handlers: Handlers = {
    ...accountServices.feature.handlers,
    ...appFeature.handlers,
    ...syncFeature.handlers,
    ...customers.handlers,
    ...invoices.handlers,
    ...payments.handlers,
    ...subscriptions.handlers,
    ...activityFeature.handlers,
    ...disputes.handlers,
    ...radar.handlers,
    ...balance.handlers,
    ...notifications.handlers,
    ...search.handlers,
    ...teamMode.feature.handlers,
    ...teamMode.guardOwnSync(syncFeature.handlers),
  };
  // Whatever the window shows is what gets synced.
  events.on('session.changed', (current) => {
    teamMode?.team.follow();
    if (autoStart && current.accountId && !teamMode?.team.on())
      sync.start({ accountId: current.accountId, mode: current.mode });
  });

  return {
    router: new CallRouter(handlers, logger),
    events,
    core,
    services: {
      caches,
      appDb,
      sync,
      accounts,
      session,
      demo: accountServices.demo,
      refunds: payments.refunds,
      captures: payments.captures,
    },
    async start() {
      for (const feature of features) await feature.start?.();
      await webhookSecretScopes.refresh();
      const reconciled = await ledger.reconcile();
      if (reconciled.succeeded + reconciled.refused + reconciled.unknown > 0)
        logger.info('reconciled mutations', { ...reconciled });
    },
    async stop() {
      await accountServices.forgetSessionAccounts();
      // A write in flight settles (and is recorded) before the databases close.
      await ledger.idle();
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
