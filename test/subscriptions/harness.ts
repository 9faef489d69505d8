import fs from 'node:fs';
import Stripe from 'stripe';
import type { CallName } from '../../src-preload/contract';
import { ActivityQueries } from '../../src-main/activity/activity-queries';
import type { Resource, StripeObjectLike } from '../../src-main/cache';
import { endpointOf, startStripe, startTestApp } from '../support/app';

/** Resources the subscription views read, filled the way a backfill would. */
const SEEDED: [Resource, (s: Stripe) => Stripe.ApiListPromise<{ id: string }>][] = [
  ['customers', (s) => s.customers.list({ limit: 100 })],
  ['products', (s) => s.products.list({ limit: 100 })],
  ['subscriptions', (s) => s.subscriptions.list({ limit: 100, status: 'all' })],
  ['invoices', (s) => s.invoices.list({ limit: 100 })],
];

const billing = (s: object) => {
  const sub = s as Partial<Stripe.Subscription>;
  return sub.status === 'active' && !sub.cancel_at_period_end && !sub.pause_collection;
};

/**
 * The app as `createConsoleApp` builds it (real emulator over HTTP, real SDK through the gateway, real app.db and
 * cache), with the cache filled from the emulator before the tests run — all but one active subscription, which
 * the cache does not know yet.
 */
export async function startSubscriptionsHarness() {
  const emulator = await startStripe({ customers: 150 });
  const built = await startTestApp({ stripe: emulator, rate: 100 });
  const { app, scope } = built;
  /** A key that may only read subscriptions and customers. */
  const restrictedKey = emulator.admin.createRestrictedKey('test', ['rak_subscription_read', 'rak_customer_read']);
  const stripe = new Stripe(emulator.keys.test, { ...endpointOf(emulator), maxNetworkRetries: 0 });

  const store = app.services.caches.open(scope);
  let uncachedSubscription: Stripe.Subscription | null = null;
  for (const [resource, list] of SEEDED) {
    const lo = Date.now();
    const objects: StripeObjectLike[] = [];
    for await (const object of list(stripe)) {
      if (resource === 'subscriptions' && !uncachedSubscription && billing(object))
        uncachedSubscription = object as Stripe.Subscription;
      else objects.push(object as unknown as StripeObjectLike);
    }
    store.upsert(resource, objects, { lo, hi: Date.now() });
  }
  if (!uncachedSubscription) throw new Error('the emulator seeded no active subscription');

  return {
    emulator,
    stripe,
    scope,
    /** An active subscription at Stripe that the cache has never seen. */
    uncachedSubscription,
    activity: new ActivityQueries(app.services.appDb),
    /** The ledger's intent for an object (its first one). */
    intentFor: (targetId: string) =>
      app.services.appDb
        .prepare('SELECT intent_id FROM mutations WHERE target_id = ? ORDER BY created_at')
        .pluck()
        .get(targetId) as string,
    ledger: app.core.ledger,
    store,
    /** Runs `work` with the account's key rotated to one that may only read subscriptions and customers. */
    async withRestrictedKey<T>(work: () => Promise<T>): Promise<T> {
      await built.useKey(restrictedKey);
      try {
        return await work();
      } finally {
        await built.useKey(emulator.keys.test);
      }
    },
    async call<T>(name: CallName, input: unknown): Promise<T> {
      const result = await app.router.dispatch(name, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { shape: result.error });
      return result.value as T;
    },
    dispatch: (name: CallName, input: unknown) => app.router.dispatch(name, input),
    /** Events Stripe emitted about one object: each executed request leaves exactly one. */
    async eventsFor(objectId: string, type: string): Promise<Stripe.Event[]> {
      const events: Stripe.Event[] = [];
      for await (const event of stripe.events.list({ type, limit: 100 })) {
        if ((event.data.object as { id?: string }).id === objectId) events.push(event);
      }
      return events;
    },
    async stop() {
      await built.stop();
      await emulator.stop();
      fs.rmSync(built.dataDir, { recursive: true, force: true });
    },
  };
}

export type SubscriptionsHarness = Awaited<ReturnType<typeof startSubscriptionsHarness>>;
