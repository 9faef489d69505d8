import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheRegistry } from '../../src-main/cache';
import { PgDatabase } from '../../src-main/team/pg-database';
import { TeamSource } from '../../src-main/team/team-source';
import { endpointOf } from '../support/app';
import { asRole, pgUnavailable } from './pg-harness';
import { startTeamHarness } from './team-harness';

type Harness = Awaited<ReturnType<typeof startTeamHarness>>;
let h: Harness | null = null;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await h?.stop();
  h = null;
});

/** A console in team mode: its own SQLite cache, filled from the team database over a read-only login role. */
function teamConsole(h: Harness, url: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-team-reader-'));
  const caches = new CacheRegistry(dir);
  const database = new PgDatabase({ connectionString: url, max: 2 });
  const source = new TeamSource(database, caches.open(h.scope), () => h.clock.now());
  cleanups.push(async () => {
    await database.close();
    caches.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { cache: caches.open(h.scope), source };
}

describe.skipIf(pgUnavailable)('consoles in team mode read what the one sync service stored', () => {
  it('two consoles see the same data, follow changes, and keep their copy when PostgreSQL is out of reach', async () => {
    h = await startTeamHarness({ customers: 120 });
    const service = h.service();
    await service.start();
    await h.until(async () => (await service.status(h!.scope)).phase === 'incremental', 'backfill complete');

    const role = `sc_console_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await h.db.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE stripe_console_reader`);
    cleanups.push(() => h!.db.query(`DROP ROLE IF EXISTS ${role}`));
    const url = asRole(h.url, role, password);
    const first = teamConsole(h, url);
    const second = teamConsole(h, url);
    await first.source.pull();
    await second.source.pull();
    for (const resource of ['customers', 'charges', 'payment_intents', 'invoices'] as const) {
      expect(first.cache.count(resource)).toBe(await h.count(resource));
      expect(second.cache.count(resource)).toBe(first.cache.count(resource));
    }
    expect(first.source.status().dataAsOf).not.toBeNull();

    // A change reaches Stripe; the service stores it once; both consoles copy it (and nothing else again).
    const stripe = new Stripe(h.emulator.keys.test, endpointOf(h.emulator));
    const customer = (await stripe.customers.list({ limit: 1 })).data[0]!;
    await stripe.customers.update(customer.id, { name: 'Seen by both' });
    await h.until(async () => (await h!.object<Stripe.Customer>('customers', customer.id))?.name === 'Seen by both');
    // A copy takes rows only below the oldest transaction still open, so it may need another pull to see it.
    for (const console of [first, second])
      await h.until(async () => {
        await console.source.pull();
        return console.cache.get<Stripe.Customer>('customers', customer.id)?.name === 'Seen by both';
      }, 'the change copied');
    // Nothing is copied twice: once the service is idle, a pull finds nothing new.
    await service.stop();
    await first.source.pull();
    expect(await first.source.pull()).toBe(0);
    expect(first.cache.count('customers')).toBe(second.cache.count('customers'));
    expect(first.cache.has('events', (await stripe.events.list({ limit: 1 })).data[0]!.id)).toBe(true);

    // The read-only role can't write what the service owns.
    const reader = new PgDatabase({ connectionString: url, max: 1 });
    cleanups.push(() => reader.close());
    await expect(reader.pool.query(`UPDATE stripe_objects SET deleted = true`)).rejects.toThrow(/permission denied/);

    // Offline: the copy stays readable and the console says why it is not current.
    const unreachable = new PgDatabase({ connectionString: asRole(h.url, role, 'wrong-password'), max: 1 });
    cleanups.push(() => unreachable.close());
    const offline = new TeamSource(unreachable, first.cache, () => h!.clock.now());
    await expect(offline.pull()).rejects.toThrow();
    expect(offline.status().error).toMatch(/showing the copy on this computer/);
    expect(first.cache.get<Stripe.Customer>('customers', customer.id)?.name).toBe('Seen by both');
  }, 90_000);
});
