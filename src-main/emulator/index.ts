import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdmin, type EmulatorAdmin } from './admin';
import { Clock } from './clock';
import { FaultInjector } from './faults';
import { generateDatasets } from './generator/datasets';
import type { Environment } from './http/context';
import { IdempotencyStore } from './http/idempotency';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from './http/rate-limiter';
import { EmulatorHttpServer } from './http/server';
import { ROUTES } from './resources';
import { JSON_FILTERED_FIELDS } from './resources/shared/list';
import { openDatabase, readMeta } from './store/database';
import { IdFactory, cryptoChars } from './store/ids';
import { KeyRegistry } from './store/keys';
import { ObjectStore } from './store/object-store';
import { Compactor } from './store/compaction';
import { STORAGE_TEMPLATES } from './objects/storage-templates';
import { WebhookDispatcher } from './webhooks/dispatcher';
import { EndpointSecrets } from './webhooks/endpoints';
import { EventRecorder } from './webhooks/event-recorder';

export type { EmulatorAdmin } from './admin';
export type { FaultInjector, RequestMatch } from './faults';
export type { Mode, ObjectType } from './store/types';

export interface EmulatorOptions {
  /** 0/undefined = a random free port; always bound to 127.0.0.1. */
  port?: number;
  /** Seed of the deterministic dataset; default 42. */
  seed?: number;
  /** Customers per mode; default 300. */
  customers?: number;
  /** Customers in live mode; default = customers. */
  liveCustomers?: number;
  /** Delay added to every request. */
  latencyMs?: number;
  /** Off by default; true = Stripe's 25 (test) / 100 (live) / 20 (search) requests per second. */
  rateLimits?: boolean | RateLimits;
  /** Objects written within this many ms are not yet searchable (Stripe's search lag). */
  searchIndexLagMs?: number;
  /** Where the SQLite data and keys live; default a fresh temp dir removed on stop. Reuse it to restart with the same state. */
  dataDir?: string;
  /** Clock in ms, for tests. */
  now?: () => number;
  /** Derive the account's keys and webhook secret from this (HMAC) and keep them in memory, never in `dataDir`. */
  keySecret?: Buffer;
}

export interface RunningEmulator {
  port: number;
  url: string;
  keys: { test: string; live: string; restrictedTest: string };
  accountId: string;
  webhookSecret: string;
  faults: FaultInjector;
  admin: EmulatorAdmin;
  stop(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const ownsDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'stripe-emulator-'));
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'emulator.sqlite'));
  const seed = opts.seed ?? 42;
  const keys = new KeyRegistry(db, opts.keySecret ?? null);
  const identity = keys.identity(seed);
  const clock = new Clock(opts.now);
  const store = new ObjectStore(db, new Compactor(STORAGE_TEMPLATES, JSON_FILTERED_FIELDS));
  if (!readMeta(db, 'generated')) {
    generateDatasets(store, {
      seed,
      customers: { test: opts.customers ?? 300, live: opts.liveCustomers ?? opts.customers ?? 300 },
      nowSeconds: clock.nowSeconds(),
      accountId: identity.accountId,
    });
  }

  const dispatcher = new WebhookDispatcher(store, new EndpointSecrets(db));
  const ids = new IdFactory(identity.accountId.slice(6, 14), cryptoChars);
  const env: Environment = {
    store,
    clock,
    ids,
    events: new EventRecorder(store, ids, clock, dispatcher),
    accountId: identity.accountId,
    baseUrl: '',
    searchIndexLagMs: opts.searchIndexLagMs ?? 0,
  };
  const runInTransaction = <T>(fn: () => T): T => db.transaction(fn)();
  const faults = new FaultInjector();
  const limits = opts.rateLimits === true ? DEFAULT_RATE_LIMITS : opts.rateLimits || null;
  const server = new EmulatorHttpServer({
    env,
    routes: ROUTES,
    keys,
    idempotency: new IdempotencyStore(db, clock),
    faults,
    // On the emulator's clock, so a test that fixes or moves time decides when buckets refill.
    rateLimiter: limits ? new RateLimiter(limits, () => clock.nowMs()) : null,
    latencyMs: opts.latencyMs ?? 0,
    runInTransaction,
  });
  let port: number;
  try {
    port = await server.listen(opts.port ?? 0);
  } catch (error) {
    db.close();
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  env.baseUrl = url;

  let stopped: Promise<void> | undefined;
  return {
    port,
    url,
    keys: identity.keys,
    accountId: identity.accountId,
    webhookSecret: identity.webhookSecret,
    faults,
    admin: createAdmin(env, keys, identity.webhookSecret, runInTransaction),
    stop: () =>
      (stopped ??= (async () => {
        dispatcher.stop();
        await server.close();
        db.close();
        if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
      })()),
  };
}
