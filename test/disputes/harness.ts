import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import {
  ConsoleError,
  type CallInput,
  type CallName,
  type CallOutput,
  type ConsoleErrorShape,
  type Scope,
} from '../../src-preload/contract';
import { startEmulator, type RunningEmulator } from '../../src-main/emulator';
import { openAppDatabase } from '../../src-main/app/app-db';
import type { CoreServices } from '../../src-main/app/feature';
import { ActivityLog } from '../../src-main/activity/activity-log';
import { CacheRegistry, type CacheStore, type Resource, type StripeObjectLike } from '../../src-main/cache';
import { CallRouter, type Handlers } from '../../src-main/ipc/router';
import { MutationLedger } from '../../src-main/mutations/mutation-ledger';
import { EventBus } from '../../src-main/platform/event-bus';
import { createFileLogger } from '../../src-main/platform/logger';
import { SettingsStore } from '../../src-main/settings/settings-store';
import { ConnectivityMonitor } from '../../src-main/stripe/connectivity';
import { StripeGateway } from '../../src-main/stripe/gateway';
import { createDisputesFeature } from '../../src-main/disputes/feature';

/**
 * The disputes feature as the app builds it — real SQLite files, the ledger, the real SDK over HTTP to the
 * emulator — with the cache filled by listing the emulator's objects, and calls dispatched through the router
 * so every payload also passes the contract's schema.
 */
export async function startDisputesHarness(options: { customers?: number } = {}) {
  const emulator = await startEmulator({ customers: options.customers ?? 80 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-disputes-'));
  const scope: Scope = { accountId: emulator.accountId, mode: 'test' };
  const keyRef = { key: emulator.keys.test };
  const sdk = new Stripe(emulator.keys.test, { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
  const caches = new CacheRegistry(dataDir);
  await fillCache(sdk, caches.open(scope));

  let app = buildApp(dataDir, emulator, keyRef, caches);
  return {
    emulator,
    sdk,
    scope,
    dataDir,
    get cache(): CacheStore {
      return caches.open(scope);
    },
    get core() {
      return app.core;
    },
    /** Uses another key for this account (e.g. the restricted one); clients are rebuilt. */
    useKey(key: string) {
      keyRef.key = key;
      app.core.gateway.forget(scope.accountId);
    },
    call<C extends CallName>(name: C, input: CallInput<C>): Promise<CallOutput<C>> {
      return app.call(name, input);
    },
    async fail<C extends CallName>(name: C, input: CallInput<C>): Promise<ConsoleErrorShape> {
      const result = await app.router.dispatch(name, input);
      if (result.ok) throw new Error(`${name} was expected to fail`);
      return result.error;
    },
    /** A new app on the same data dir, as after quitting and starting again. */
    restart() {
      app.close();
      app = buildApp(dataDir, emulator, keyRef, caches);
    },
    /**
     * Opens a fresh dispute on an undisputed charge in the emulator and brings it and its charge into the cache,
     * as sync would: each test works on its own dispute.
     */
    async openDispute(
      options: { reason?: 'fraudulent' | 'product_not_received' | 'duplicate' | 'general'; dueBy?: number } = {},
    ) {
      const cache = caches.open(scope);
      const chargeId = cache.db
        .prepare(
          `SELECT id FROM charges WHERE status = 'succeeded' AND disputed = 0 AND amount_refunded = 0 AND customer IS NOT NULL AND deleted = 0
           AND id NOT IN (SELECT charge FROM disputes WHERE charge IS NOT NULL) ORDER BY created DESC LIMIT 1`,
        )
        .pluck()
        .get() as string;
      const dispute = emulator.admin.createDispute(chargeId, options);
      const charge = await sdk.charges.retrieve(chargeId);
      cache.upsert('disputes', [dispute as unknown as StripeObjectLike], { lo: Date.now(), hi: Date.now() });
      cache.upsert('charges', [charge as unknown as StripeObjectLike], { lo: Date.now(), hi: Date.now() });
      return dispute;
    },
    activity(objectId: string) {
      return app.core.appDb
        .prepare(`SELECT action, outcome, detail, amount, currency FROM activity WHERE object_id = ? ORDER BY id`)
        .all(objectId) as {
        action: string;
        outcome: string;
        detail: string | null;
        amount: number | null;
        currency: string | null;
      }[];
    },
    async stop() {
      app.close();
      caches.close();
      await emulator.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type DisputesHarness = Awaited<ReturnType<typeof startDisputesHarness>>;

function buildApp(dataDir: string, emulator: RunningEmulator, keyRef: { key: string }, caches: CacheRegistry) {
  const appDb = openAppDatabase(dataDir);
  const logger = createFileLogger(path.join(dataDir, 'logs'));
  const connectivity = new ConnectivityMonitor();
  const gateway = new StripeGateway({
    keys: { keyFor: async () => keyRef.key },
    endpointFor: () => ({ host: '127.0.0.1', port: emulator.port, protocol: 'http' }),
    rateFor: () => 100,
    connectivity,
  });
  const activity = new ActivityLog(appDb);
  const core: CoreServices = {
    dataDir,
    appDb,
    logger,
    events: new EventBus(),
    settings: new SettingsStore(appDb, { agentName: 'Finance Tester' }),
    gateway,
    connectivity,
    activity,
    ledger: new MutationLedger(appDb, activity, (scope) => gateway.client(scope)),
    now: Date.now,
    agent: () => 'Finance Tester',
  };
  const feature = createDisputesFeature(core, {
    cache: (scope) => caches.open(scope),
    applyObject: (scope, object, sentAt) => caches.open(scope).applyObject(object, { lo: sentAt, hi: Date.now() }),
  });
  const router = new CallRouter(feature.handlers as unknown as Handlers, logger);
  return {
    core,
    router,
    async call<C extends CallName>(name: C, input: CallInput<C>): Promise<CallOutput<C>> {
      const result = await router.dispatch(name, input);
      if (!result.ok) throw ConsoleError.fromShape(result.error);
      return result.value as CallOutput<C>;
    },
    close() {
      appDb.close();
    },
  };
}

async function fillCache(sdk: Stripe, cache: CacheStore): Promise<void> {
  const lists: [Resource, () => AsyncIterable<{ id: string }>][] = [
    ['disputes', () => sdk.disputes.list({ limit: 100 })],
    ['charges', () => sdk.charges.list({ limit: 100 })],
    ['customers', () => sdk.customers.list({ limit: 100 })],
    ['refunds', () => sdk.refunds.list({ limit: 100 })],
  ];
  for (const [resource, list] of lists) {
    const sentAt = Date.now();
    const objects: StripeObjectLike[] = [];
    for await (const object of list()) objects.push(object as unknown as StripeObjectLike);
    cache.upsert(resource, objects, { lo: sentAt, hi: Date.now() });
  }
}

/** A small, valid one-page PDF. */
export function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}
