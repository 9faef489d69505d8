import fs from 'node:fs';
import Stripe from 'stripe';
import type { CallInput, CallName, CallOutput, ConsoleErrorShape } from '../../src-preload/contract';
import type { CacheStore, Resource, StripeObjectLike } from '../../src-main/cache';
import { buildTestApp, endpointOf, startStripe, startTestApp, type TestApp } from '../support/app';

/**
 * The disputes feature as the app builds it (`createConsoleApp`: real SQLite files, the ledger, the real SDK over
 * HTTP to the emulator), with the cache filled by listing the emulator's objects, and calls dispatched through the
 * router so every payload also passes the contract's schema.
 */
export async function startDisputesHarness(options: { customers?: number } = {}) {
  const emulator = await startStripe({ customers: options.customers ?? 80 });
  const sdk = new Stripe(emulator.keys.test, endpointOf(emulator));
  let app: TestApp = await startTestApp({ stripe: emulator, rate: 100, agentName: 'Finance Tester' });
  const apps = [app];
  const { scope, dataDir, keychain } = app;
  const cache = () => app.app.services.caches.open(scope);
  await fillCache(sdk, cache());

  return {
    emulator,
    sdk,
    scope,
    dataDir,
    get cache(): CacheStore {
      return cache();
    },
    get core() {
      return app.app.core;
    },
    /** Uses another key for this account (e.g. the restricted one), rotated as Settings → Accounts does. */
    useKey: (key: string) => app.useKey(key),
    call<C extends CallName>(name: C, input: CallInput<C>): Promise<CallOutput<C>> {
      return app.call(name, input);
    },
    fail<C extends CallName>(name: C, input: CallInput<C>): Promise<ConsoleErrorShape> {
      return app.fail(name, input);
    },
    /** The app dies (work in flight can no longer record its outcome) and is relaunched on the same data dir, before its start-up work runs. */
    restart() {
      app.crash();
      app = buildTestApp({ stripe: emulator, dataDir, keychain, agentName: 'Finance Tester' });
      apps.push(app);
    },
    /**
     * Opens a fresh dispute on an undisputed charge in the emulator and brings it and its charge into the cache,
     * as sync would: each test works on its own dispute.
     */
    async openDispute(
      options: { reason?: 'fraudulent' | 'product_not_received' | 'duplicate' | 'general'; dueBy?: number } = {},
    ) {
      const store = cache();
      const chargeId = await newestUndisputedCharge(sdk);
      const dispute = emulator.admin.createDispute(chargeId, options);
      const charge = await sdk.charges.retrieve(chargeId);
      store.upsert('disputes', [dispute as unknown as StripeObjectLike], { lo: Date.now(), hi: Date.now() });
      store.upsert('charges', [charge as unknown as StripeObjectLike], { lo: Date.now(), hi: Date.now() });
      return dispute;
    },
    activity(objectId: string) {
      return app.app.services.appDb
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
      for (const built of apps.splice(0)) await built.stop();
      await emulator.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type DisputesHarness = Awaited<ReturnType<typeof startDisputesHarness>>;

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

/** The newest charge Stripe holds that succeeded, has a customer, and was neither refunded nor disputed. */
async function newestUndisputedCharge(sdk: Stripe): Promise<string> {
  for await (const charge of sdk.charges.list({ limit: 100 }))
    if (charge.status === 'succeeded' && charge.customer && !charge.disputed && charge.amount_refunded === 0)
      return charge.id;
  throw new Error('the emulator holds no undisputed charge to open a dispute on');
}
