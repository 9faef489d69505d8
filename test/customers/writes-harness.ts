import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import type { CallName, ConsoleErrorShape, Scope } from '../../src-preload/contract';
import { ActivityLog } from '../../src-main/activity/activity-log';
import { openAppDatabase } from '../../src-main/app/app-db';
import type { CoreServices } from '../../src-main/app/feature';
import type { CacheAccess } from '../../src-main/cache/cache-access';
import { CacheRegistry, type StripeObjectLike } from '../../src-main/cache';
import { createCustomersFeature } from '../../src-main/customers/feature';
import { startEmulator } from '../../src-main/emulator';
import { CallRouter, type Handlers } from '../../src-main/ipc/router';
import { MutationLedger } from '../../src-main/mutations/mutation-ledger';
import { EventBus } from '../../src-main/platform/event-bus';
import { systemClock } from '../../src-main/platform/clock';
import type { Logger } from '../../src-main/platform/logger';
import { ConnectivityMonitor } from '../../src-main/stripe/connectivity';
import { StripeGateway } from '../../src-main/stripe/gateway';
import { resourceOf, type EventRecord } from '../../src-main/cache';

/** Another feature served by the same router (e.g. invoices), built as the composition root builds it. */
type FeatureFactory = (
  core: CoreServices,
  deps: CacheAccess,
) => { handlers: object; start?(): Promise<void>; stop?(): Promise<void> };

const silent: Logger = { log() {}, info() {}, warn() {}, error() {} };

/**
 * The customers feature wired as the composition root does it — real emulator over HTTP, real SDK through the
 * gateway, real ledger and activity log in app.db, real cache filled the way backfill fills it — driven through
 * the IPC router, so contract validation is part of every call. Other support features can share it.
 */
export async function startCustomerWrites(extraFeatures: FeatureFactory[] = [], customers = 40) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-customer-writes-'));
  const emulator = await startEmulator({ customers });
  const endpoint = { host: '127.0.0.1', port: emulator.port, protocol: 'http' as const };
  const scope: Scope = { accountId: emulator.accountId, mode: 'test' };
  /** A scope on the same emulator whose key may read customers but not write them. */
  const readOnly: Scope = { accountId: 'acct_1ReadOnlyCustomers', mode: 'test' };
  const readOnlyKey = emulator.admin.createRestrictedKey('test', ['rak_customer_read', 'rak_payment_method_read']);
  const appDb = openAppDatabase(dir);
  const activity = new ActivityLog(appDb);
  const gateway = new StripeGateway({
    keys: { keyFor: async (s) => (s.accountId === readOnly.accountId ? readOnlyKey : emulator.keys.test) },
    endpointFor: () => endpoint,
    rateFor: () => 100,
    connectivity: new ConnectivityMonitor(),
    clock: systemClock,
  });
  const ledger = new MutationLedger(appDb, activity, (s) => gateway.client(s));
  const caches = new CacheRegistry(path.join(dir, 'cache'));
  const events = new EventBus();
  const applyObject = (s: Scope, object: StripeObjectLike, sentAt?: number) =>
    caches.open(s).applyObject(object, { lo: sentAt ?? Date.now(), hi: Date.now() });
  const core = { ledger, events, gateway, agent: () => 'Test Agent', now: Date.now, clock: systemClock };
  const features = [createCustomersFeature, ...extraFeatures].map((create) =>
    create(core as unknown as CoreServices, { caches, applyObject }),
  );
  for (const feature of features) await feature.start?.();
  const handlers = Object.assign({}, ...features.map((f) => f.handlers)) as Handlers;
  const router = new CallRouter(handlers, silent);
  const stripe = new Stripe(emulator.keys.test, { ...endpoint, maxNetworkRetries: 0 });

  /** What backfill does: every resource, listed from Stripe, into the cache. */
  const fill = async (s: Scope) => {
    const store = caches.open(s);
    const lists: (() => AsyncIterable<unknown>)[] = [
      () => stripe.customers.list({ limit: 100 }),
      () => stripe.paymentMethods.list({ limit: 100 }),
      () => stripe.paymentIntents.list({ limit: 100 }),
      () => stripe.charges.list({ limit: 100 }),
      () => stripe.refunds.list({ limit: 100 }),
      () => stripe.subscriptions.list({ limit: 100, status: 'all' }),
      () => stripe.invoices.list({ limit: 100 }),
      () => stripe.products.list({ limit: 100 }),
      () => stripe.prices.list({ limit: 100 }),
    ];
    for (const list of lists) {
      const lo = Date.now();
      for await (const object of list()) store.applyObject(object as StripeObjectLike, { lo, hi: Date.now() });
    }
    await sync(s);
  };

  /** What the event poller does (simplified): records every event not yet seen, applies its object, reports progress. */
  const sync = async (s: Scope) => {
    const store = caches.open(s);
    for await (const event of stripe.events.list({ limit: 100 })) {
      if (!store.recordEvent(event as unknown as EventRecord, 'poll', Date.now())) continue;
      const object = event.data.object as unknown as StripeObjectLike;
      const resource = resourceOf(object.object);
      const freshness = { lo: event.created * 1000, hi: event.created * 1000 + 999 };
      if (!resource || resource === 'events') continue;
      if (event.type === `${object.object}.deleted`) store.markDeleted(resource, object.id, freshness);
      else store.upsert(resource, [object], freshness);
    }
    events.emit('sync.progress', {
      accountId: s.accountId,
      mode: s.mode,
      phase: 'incremental',
      resources: [],
      message: null,
      dataAsOf: null,
    });
  };
  await fill(scope);
  await fill(readOnly);

  return {
    emulator,
    stripe,
    scope,
    readOnly,
    ledger,
    appDb,
    store: caches.open(scope),
    readOnlyStore: caches.open(readOnly),
    sync: () => sync(scope),
    async call<T>(name: CallName, input: unknown): Promise<T> {
      const result = await router.dispatch(name, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { shape: result.error });
      return result.value as T;
    },
    async refusal(name: CallName, input: unknown): Promise<ConsoleErrorShape> {
      const result = await router.dispatch(name, input);
      if (result.ok) throw new Error(`expected ${name} to be refused`);
      return result.error;
    },
    /** Events Stripe holds about one object, of one type. */
    async eventsFor(objectId: string, type: string): Promise<Stripe.Event[]> {
      const found: Stripe.Event[] = [];
      for await (const event of stripe.events.list({ type, limit: 100 }))
        if ((event.data.object as { id?: string }).id === objectId) found.push(event);
      return found;
    },
    async stop() {
      for (const feature of features) await feature.stop?.();
      caches.close();
      appDb.close();
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type CustomerWritesHarness = Awaited<ReturnType<typeof startCustomerWrites>>;
