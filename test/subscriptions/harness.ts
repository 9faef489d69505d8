import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import type { CallName, Scope } from '../../src-preload/contract';
import { ActivityLog } from '../../src-main/activity/activity-log';
import { ActivityQueries } from '../../src-main/activity/activity-queries';
import { openAppDatabase } from '../../src-main/app/app-db';
import type { CoreServices } from '../../src-main/app/feature';
import { CacheRegistry, type Resource, type StripeObjectLike } from '../../src-main/cache';
import { startEmulator } from '../../src-main/emulator';
import { CallRouter, type Handlers } from '../../src-main/ipc/router';
import { MutationLedger } from '../../src-main/mutations/mutation-ledger';
import type { Logger } from '../../src-main/platform/logger';
import { ConnectivityMonitor } from '../../src-main/stripe/connectivity';
import { StripeGateway } from '../../src-main/stripe/gateway';
import { createSubscriptionsFeature } from '../../src-main/subscriptions/feature';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const silent: Logger = { log() {}, info() {}, warn() {}, error() {} };
/** Resources the subscription views read, filled the way a backfill would. */
const SEEDED: [Resource, (s: Stripe) => Stripe.ApiListPromise<{ id: string }>][] = [
  ['customers', (s) => s.customers.list({ limit: 100 })],
  ['products', (s) => s.products.list({ limit: 100 })],
  ['subscriptions', (s) => s.subscriptions.list({ limit: 100, status: 'all' })],
  ['invoices', (s) => s.invoices.list({ limit: 100 })],
];

/**
 * The subscriptions feature wired as the composition root does: real emulator over HTTP, real SDK through the
 * gateway, real app.db (ledger + activity) and a real cache, filled from the emulator before the tests run.
 */
export async function startSubscriptionsHarness() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-subscriptions-'));
  const emulator = await startEmulator({ dataDir: path.join(dir, 'emulator'), customers: 150 });
  const scope: Scope = { accountId: emulator.accountId as Scope['accountId'], mode: 'test' };
  /** More scopes on the same emulator: one whose key may only read subscriptions, one whose cache is empty. */
  const restricted: Scope = { accountId: 'acct_1RestrictedKey', mode: 'test' };
  const uncached: Scope = { accountId: 'acct_1UncachedScope', mode: 'test' };
  const restrictedKey = emulator.admin.createRestrictedKey('test', ['rak_subscription_read', 'rak_customer_read']);
  const endpoint = { host: '127.0.0.1', port: emulator.port, protocol: 'http' as const };

  const appDb = openAppDatabase(dir);
  const activity = new ActivityLog(appDb);
  const gateway = new StripeGateway({
    keys: { keyFor: async (s) => (s.accountId === restricted.accountId ? restrictedKey : emulator.keys.test) },
    endpointFor: () => endpoint,
    rateFor: () => 100,
    connectivity: new ConnectivityMonitor(),
  });
  const ledger = new MutationLedger(appDb, activity, (s) => gateway.client(s));
  const cache = new CacheRegistry(path.join(dir, 'app'));
  const applyObject = (s: Scope, object: StripeObjectLike) =>
    cache.open(s).applyObject(object, { lo: Date.now(), hi: Date.now() });
  const core = { ledger, agent: () => 'Test Agent', now: Date.now } as Pick<CoreServices, 'ledger' | 'agent' | 'now'>;
  const feature = createSubscriptionsFeature(core as CoreServices, { cache, applyObject });
  const router = new CallRouter(feature.handlers as unknown as Handlers, silent);
  const stripe = new Stripe(emulator.keys.test, { ...endpoint, maxNetworkRetries: 0 });

  const store = cache.open(scope);
  for (const [resource, list] of SEEDED) {
    const lo = Date.now();
    const objects: StripeObjectLike[] = [];
    for await (const object of list(stripe)) objects.push(object as unknown as StripeObjectLike);
    store.upsert(resource, objects, { lo, hi: Date.now() });
  }

  return {
    emulator,
    stripe,
    scope,
    restricted,
    uncached,
    activity: new ActivityQueries(appDb),
    /** The ledger's intent for an object (its first one). */
    intentFor: (targetId: string) =>
      appDb
        .prepare('SELECT intent_id FROM mutations WHERE target_id = ? ORDER BY created_at')
        .pluck()
        .get(targetId) as string,
    ledger,
    store,
    async call<T>(name: CallName, input: unknown): Promise<T> {
      const result = await router.dispatch(name, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { shape: result.error });
      return result.value as T;
    },
    dispatch: (name: CallName, input: unknown) => router.dispatch(name, input),
    /** Events Stripe emitted about one object: each executed request leaves exactly one. */
    async eventsFor(objectId: string, type: string): Promise<Stripe.Event[]> {
      const events: Stripe.Event[] = [];
      for await (const event of stripe.events.list({ type, limit: 100 })) {
        if ((event.data.object as { id?: string }).id === objectId) events.push(event);
      }
      return events;
    },
    async stop() {
      cache.close();
      appDb.close();
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type SubscriptionsHarness = Awaited<ReturnType<typeof startSubscriptionsHarness>>;
