import { isDeepStrictEqual } from 'node:util';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRecord, StripeObjectLike } from '../../src-main/cache';
import { endpointOf } from '../support/app';
import { pgUnavailable } from './pg-harness';
import { startTeamHarness } from './team-harness';

type Harness = Awaited<ReturnType<typeof startTeamHarness>>;
let h: Harness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
});

/** Posts an event to the service's endpoint as Stripe would: raw JSON, signed with `secret` at the clock's time. */
async function deliver(h: Harness, port: number, event: EventRecord, secret = h.emulator.webhookSecret) {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    timestamp: Math.floor(h.clock.now() / 1000),
  });
  const response = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as { outcome?: string; error?: string } };
}

async function ready(h: Harness, app: Awaited<ReturnType<Harness['app']>>) {
  await h.until(async () => (await app.service.status(h.scope)).phase === 'incremental', 'backfill complete');
}

/** Once Stripe's and the team database's copies agree, and no snapshot is left in doubt. */
async function converged(h: Harness, stripe: Stripe, id: string): Promise<boolean> {
  const remote = await stripe.customers.retrieve(id);
  const { rows } = await h.db.query<{ data: unknown; in_doubt: boolean }>(
    `SELECT data, in_doubt FROM stripe_objects WHERE resource = 'customers' AND id = $1`,
    [id],
  );
  return !!rows[0] && !rows[0].in_doubt && isDeepStrictEqual(rows[0].data, JSON.parse(JSON.stringify(remote)));
}

describe.skipIf(pgUnavailable)(
  'ordering in the team database: Stripe’s current state, whatever the delivery order',
  () => {
    it('keeps the newer of two updates made in the same second, delivered newest first and twice', async () => {
      h = await startTeamHarness({ customers: 30 });
      const app = await h.app();
      await ready(h, app);
      const stripe = new Stripe(h.emulator.keys.test, endpointOf(h.emulator));
      const since = Math.floor(h.clock.now() / 1000);
      const customer = (await stripe.customers.list({ limit: 1 })).data[0]!;
      // The test clock stands still: both updates carry the same whole-second `created` (the peer drops the newer).
      await stripe.customers.update(customer.id, { name: 'Older' });
      await stripe.customers.update(customer.id, { name: 'Newer' });
      const events = (await stripe.events.list({ type: 'customer.updated', created: { gte: since } }))
        .data as unknown as EventRecord[];
      expect(events).toHaveLength(2);
      expect(events[0]!.created).toBe(events[1]!.created);
      // Newest first (the list's order), then each again.
      const replies = [];
      for (const event of [...events, ...events]) replies.push(await deliver(h, app.webhookPort!, event));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(replies.slice(0, 2).map((r) => r.body.outcome)).toEqual(['accepted', 'accepted']);
      // A redelivery is 'duplicate' while its first copy waits in the inbox; once that is applied (and deleted) it is
      // stored again and dropped by the worker at stripe_events: applied once either way.

      await h.until(() => converged(h!, stripe, customer.id), 'Stripe’s current state');
      expect((await h.object<Stripe.Customer>('customers', customer.id))?.name).toBe('Newer');
      const { rows } = await h.db.query<{ n: string }>(`SELECT count(*) AS n FROM stripe_events WHERE id = ANY($1)`, [
        events.map((e) => e.id),
      ]);
      expect(Number(rows[0]!.n)).toBe(2);
      // Applied deliveries leave the inbox.
      await h.until(
        async () =>
          Number((await h!.db.query<{ n: string }>('SELECT count(*) AS n FROM webhook_inbox')).rows[0]!.n) === 0,
        'the inbox emptied',
      );
    }, 60_000);

    it('never lets a backfill page read before an update overwrite the update’s webhook', async () => {
      h = await startTeamHarness({ customers: 30 });
      const app = await h.app();
      await ready(h, app);
      const store = app.service.store(h.scope);
      const stripe = new Stripe(h.emulator.keys.test, endpointOf(h.emulator));
      for (const gapMs of [0, 2_000]) {
        // A page read first (the old snapshot) ...
        const sentAt = h.clock.now();
        const page = (await stripe.customers.list({ limit: 5 })).data as unknown as StripeObjectLike[];
        const receivedPageAt = h.clock.now();
        const target = page[0]!;
        h.clock.advance(gapMs);
        // ... then the update, whose webhook is applied before the page is written (the peer's stale row).
        const since = Math.floor(h.clock.now() / 1000);
        await stripe.customers.update(target.id, { name: `Updated after ${gapMs} ms` });
        const [event] = (await stripe.events.list({ type: 'customer.updated', created: { gte: since }, limit: 1 }))
          .data as unknown as EventRecord[];
        expect((await deliver(h, app.webhookPort!, event!)).body.outcome).toBe('accepted');
        await h.until(
          async () => (await h!.object<Stripe.Customer>('customers', target.id))?.name === `Updated after ${gapMs} ms`,
        );
        // The page lands last, as the backfill writes it: in one transaction, its window the request's.
        const outcome = await store.transaction((tx) =>
          tx.upsert('customers', page, { lo: sentAt, hi: receivedPageAt }),
        );
        if (gapMs === 0 && outcome.doubtful.includes(target.id)) {
          // Same second: the order can't be told apart, so Stripe is asked again (within the rate budget). Under
          // load the emulator's event can fall in the next second, where the page is rightly skipped instead; either
          // way the row below must hold the update, never the page's older snapshot.
          app.service.refetch(
            h.scope,
            outcome.doubtful.map((id) => ({ resource: 'customers' as const, id })),
          );
        } else if (gapMs > 0) expect(outcome.doubtful).not.toContain(target.id);
        expect((await h.object<Stripe.Customer>('customers', target.id))?.name).toBe(`Updated after ${gapMs} ms`);
        await h.until(() => converged(h!, stripe, target.id), 'Stripe’s current state');
      }
    }, 60_000);

    it('refuses deliveries the endpoint’s secrets did not sign, and takes both secrets during a rotation', async () => {
      h = await startTeamHarness({ customers: 5 });
      const rotated = 'whsec_rotatedSecret0123456789abcdef';
      const app = await h.app({ webhookSecrets: [rotated, h.emulator.webhookSecret] });
      const stripe = new Stripe(h.emulator.keys.test, endpointOf(h.emulator));
      const since = Math.floor(h.clock.now() / 1000);
      await stripe.customers.create({ name: 'Rotation' });
      await stripe.customers.create({ name: 'Rotation 2' });
      const [a, b] = (await stripe.events.list({ type: 'customer.created', created: { gte: since } }))
        .data as unknown as EventRecord[];
      expect((await deliver(h, app.webhookPort!, a!, rotated)).body.outcome).toBe('accepted');
      expect((await deliver(h, app.webhookPort!, b!, h.emulator.webhookSecret)).body.outcome).toBe('accepted');
      const forged = await deliver(h, app.webhookPort!, { ...a!, id: 'evt_forged' }, 'whsec_notOurs0123456789');
      expect(forged.status).toBe(400);
      expect(forged.body.error).toMatch(/signature/);
      const unsigned = await fetch(`http://127.0.0.1:${app.webhookPort}/`, { method: 'POST', body: JSON.stringify(a) });
      expect(unsigned.status).toBe(400);
      // Both stored and applied (an inbox row goes once applied); the forged and unsigned ones never were.
      await h.until(async () => (await h!.db.query('SELECT 1 FROM webhook_inbox')).rowCount === 0, 'the inbox emptied');
      const { rows } = await h.db.query<{ id: string }>(`SELECT id FROM stripe_events WHERE id = ANY($1) ORDER BY id`, [
        [a!.id, b!.id, 'evt_forged'],
      ]);
      expect(rows.map((r) => r.id)).toEqual([a!.id, b!.id].sort());
    }, 60_000);
  },
);
