import fs from 'node:fs';
import Stripe from 'stripe';
import type { CallName, ConsoleErrorShape, Scope } from '../../src-preload/contract';
import type { StripeObjectLike } from '../../src-main/cache';
import type { EventRecord } from '../../src-main/cache';
import { endpointOf, startStripe, startTestApp } from '../support/app';

/**
 * The app as it builds itself (`createConsoleApp`) — real emulator over HTTP, real SDK through the gateway, real
 * ledger and activity log in app.db, real cache filled through the sync's own apply path — driven through the IPC
 * router, so contract validation is part of every call. Every support feature is there, as in the app.
 */
export async function startCustomerWrites(customers = 40) {
  const emulator = await startStripe({ customers });
  // The live mode holds a key that may read customers but not write them.
  const readOnlyKey = emulator.admin.createRestrictedKey('live', ['rak_customer_read', 'rak_payment_method_read']);
  const test = await startTestApp({ stripe: emulator, rate: 100, keys: [emulator.keys.test, readOnlyKey] });
  const { app, scope } = test;
  const readOnly: Scope = { accountId: scope.accountId, mode: 'live' };
  const client = (key: string) => new Stripe(key, { ...endpointOf(emulator), maxNetworkRetries: 0 });
  const stripe = client(emulator.keys.test);
  /** Stripe's side of each scope, seen with a full key (the set-up and inspection the test does, not the app). */
  const admin = (s: Scope) => (s.mode === 'test' ? stripe : client(emulator.keys.live));

  /** What backfill does: every resource, listed from Stripe, applied through the sync service. */
  const fill = async (s: Scope) => {
    const from = admin(s);
    const lists: (() => AsyncIterable<unknown>)[] = [
      () => from.customers.list({ limit: 100 }),
      () => from.paymentMethods.list({ limit: 100 }),
      () => from.paymentIntents.list({ limit: 100 }),
      () => from.charges.list({ limit: 100 }),
      () => from.refunds.list({ limit: 100 }),
      () => from.subscriptions.list({ limit: 100, status: 'all' }),
      () => from.invoices.list({ limit: 100 }),
      () => from.products.list({ limit: 100 }),
      () => from.prices.list({ limit: 100 }),
    ];
    for (const list of lists) {
      const sentAt = Date.now();
      for await (const object of list()) app.services.sync.applyObject(s, object as StripeObjectLike, sentAt);
    }
    await sync(s);
  };

  /** What the event poller does: every event Stripe lists goes through the sync's ingest (once per id), then progress. */
  const sync = async (s: Scope) => {
    for await (const event of admin(s).events.list({ limit: 100 }))
      await app.services.sync.ingestEvent(s, event as unknown as EventRecord, 'poll', Date.now());
    app.events.emit('sync.progress', app.services.sync.status(s));
  };
  await fill(scope);
  await fill(readOnly);

  return {
    emulator,
    stripe,
    admin,
    scope,
    readOnly,
    dataDir: test.dataDir,
    ledger: app.core.ledger,
    appDb: app.services.appDb,
    store: app.services.caches.open(scope),
    readOnlyStore: app.services.caches.open(readOnly),
    sync: () => sync(scope),
    async call<T>(name: CallName, input: unknown): Promise<T> {
      const result = await app.router.dispatch(name, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { shape: result.error });
      return result.value as T;
    },
    async refusal(name: CallName, input: unknown): Promise<ConsoleErrorShape> {
      const result = await app.router.dispatch(name, input);
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
      await test.stop();
      await emulator.stop();
      fs.rmSync(test.dataDir, { recursive: true, force: true });
    },
  };
}

export type CustomerWritesHarness = Awaited<ReturnType<typeof startCustomerWrites>>;
