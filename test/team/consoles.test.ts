import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { PgDatabase } from '../../src-main/team/pg-database';
import { endpointOf } from '../support/app';
import { inspectCache } from '../cache/cache-file';
import { asRole, pgUnavailable } from './pg-harness';
import { startTeamHarness } from './team-harness';
import {
  relayTo,
  teamConsole,
  teamRole,
  teamStatus,
  untilCopied,
  type Cleanups,
  type ConsoleApp,
} from './team-consoles';

type Harness = Awaited<ReturnType<typeof startTeamHarness>>;
let h: Harness | null = null;
const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await h?.stop();
  h = null;
});

const cacheOf = (t: ConsoleApp) => t.app.services.caches.open(t.scope);

/** What a console's cache holds of the team's copy: every row's stamps and data, and where each copy resumes. */
const copyState = (t: ConsoleApp) =>
  inspectCache(t.dataDir, t.scope, (db) => ({
    customers: db.prepare('SELECT id, fresh_lo, fresh_hi, data FROM customers ORDER BY id').all(),
    events: db.prepare('SELECT id, applied_at FROM events ORDER BY id').all(),
    cursors: db.prepare("SELECT key, value FROM meta WHERE key LIKE 'team.%after' ORDER BY key").all(),
  }));

/** Where a copy that took every row the team stored would resume: the last object and event, in txid order. */
async function lastStored(h: Harness) {
  const last = async (sql: string) =>
    (await h.db.query<{ key: string }>(sql, [h.scope.accountId, h.scope.mode])).rows[0]?.key ?? null;
  return [
    {
      key: 'team.events_after',
      value: await last(
        `SELECT txid::text || '|' || id AS key FROM stripe_events WHERE account_id = $1 AND mode = $2
         ORDER BY txid DESC, id DESC LIMIT 1`,
      ),
    },
    {
      key: 'team.objects_after',
      value: await last(
        `SELECT txid::text || '|' || resource || '|' || id AS key FROM stripe_objects WHERE account_id = $1 AND mode = $2
         ORDER BY txid DESC, resource DESC, id DESC LIMIT 1`,
      ),
    },
  ];
}

describe.skipIf(pgUnavailable)('consoles in team mode read what the one sync service stored', () => {
  it('two consoles see the same data, follow changes, and keep their copy when PostgreSQL is out of reach', async () => {
    h = await startTeamHarness({ customers: 120 });
    const service = h.service();
    await service.start();
    await h.until(async () => (await service.status(h!.scope)).phase === 'incremental', 'backfill complete');

    // Both consoles log in with a read-only role, through a relay the test can take down.
    const reader = await teamRole(h, cleanups, 'stripe_console_reader');
    const relay = await relayTo(Number(new URL(asRole(h.url, reader.role, reader.password)).port || 5432));
    cleanups.push(() => relay.down().catch(() => undefined));
    const first = await teamConsole(h, cleanups, 'Alice', reader, relay.port);
    const second = await teamConsole(h, cleanups, 'Bob', reader, relay.port);
    for (const resource of ['customers', 'charges', 'payment_intents', 'invoices'] as const) {
      const stored = await h.count(resource);
      await untilCopied(
        h,
        () => cacheOf(first).count(resource) === stored && cacheOf(second).count(resource) === stored,
        `${resource} copied`,
      );
    }
    const status = await teamStatus(first);
    expect(status.canAct).toBe(false);
    expect(status.dataAsOf).not.toBeNull();

    // A change reaches Stripe; the service stores it once; both consoles copy it.
    const stripe = new Stripe(h.emulator.keys.test, endpointOf(h.emulator));
    const customer = (await stripe.customers.list({ limit: 1 })).data[0]!;
    await stripe.customers.update(customer.id, { name: 'Seen by both' });
    await h.until(async () => (await h!.object<Stripe.Customer>('customers', customer.id))?.name === 'Seen by both');
    for (const t of [first, second])
      await untilCopied(
        h,
        () => cacheOf(t).get<Stripe.Customer>('customers', customer.id)?.name === 'Seen by both',
        'the change copied',
      );

    // Nothing is copied twice: once the service is idle and a console has taken every row stored (its resume points
    // are the last ones), a later copy takes nothing — it would move a resume point — and changes no row.
    await service.stop();
    const everything = await lastStored(h);
    await untilCopied(
      h,
      () => JSON.stringify(copyState(first).cursors) === JSON.stringify(everything),
      'every stored row copied',
    );
    const settled = copyState(first);
    const settledAt = (await teamStatus(first)).lastCopyAt!;
    await untilCopied(h, async () => (await teamStatus(first)).lastCopyAt! > settledAt, 'another copy');
    expect(copyState(first)).toEqual(settled);
    expect(cacheOf(first).count('customers')).toBe(cacheOf(second).count('customers'));
    expect(cacheOf(first).has('events', (await stripe.events.list({ limit: 1 })).data[0]!.id)).toBe(true);

    // The read-only role can't write what the service owns, and a console logged in with it sends Stripe nothing.
    const asReader = new PgDatabase({ connectionString: asRole(h.url, reader.role, reader.password), max: 1 });
    cleanups.push(() => asReader.close());
    await expect(asReader.pool.query(`UPDATE stripe_objects SET deleted = true`)).rejects.toThrow(/permission denied/);
    const charge = (await stripe.charges.list({ limit: 100 })).data.find(
      (c) => c.status === 'succeeded' && c.amount_refunded === 0 && !c.disputed,
    )!;
    const refused = await first.fail('payments.refund', {
      scope: first.scope,
      chargeId: charge.id,
      amount: 100,
      intentId: randomUUID(),
    });
    expect(refused.code).toBe('permission_denied');
    expect(refused.message).toMatch(/can read but not act/);
    expect((await stripe.refunds.list({ charge: charge.id })).data).toHaveLength(0);

    // Offline: the copy stays readable and the console says why it is not current.
    await relay.down();
    await h.until(async () => (await teamStatus(first)).state === 'unreachable', 'outage noticed');
    expect((await teamStatus(first)).message).toMatch(/stays readable/);
    expect((await first.call('customers.get', { scope: first.scope, customerId: customer.id })).customer.name).toBe(
      'Seen by both',
    );
  }, 120_000);
});
