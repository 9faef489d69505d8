import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamModeStatus } from '../../src-preload/contract';
import { endpointOf, startTestApp, type TestApp } from '../support/app';
import { asRole, pgUnavailable } from './pg-harness';
import { startTeamHarness } from './team-harness';
import { addressOf, agentRole, consoleApp, relayTo, teamStatus as status } from './team-consoles';

type Harness = Awaited<ReturnType<typeof startTeamHarness>>;
let h: Harness | null = null;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await h?.stop();
  h = null;
});

/** Every file the console wrote, as text: what a stolen laptop would give away. */
function filesContain(dir: string, secret: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(secret)) found.push(file);
  }
  return found;
}

describe.skipIf(pgUnavailable)('a console switched into team mode (createConsoleApp, real PostgreSQL)', () => {
  it('connects from Settings, copies instead of syncing, says when PostgreSQL is down, and refuses bad input', async () => {
    h = await startTeamHarness({ customers: 60 });
    const service = h.service();
    await service.start();
    await h.until(async () => (await service.status(h!.scope)).phase === 'incremental', 'team backfill complete');
    const { role, password } = await agentRole(h, cleanups);
    const relay = await relayTo(Number(new URL(asRole(h.url, role, password)).port || 5432));
    cleanups.push(() => relay.down().catch(() => undefined));
    const address = addressOf(h, role, relay.port);

    const t = await consoleApp(h, cleanups, 'Alice');
    const changes: TeamModeStatus[] = [];
    t.app.events.on('team.changed', (s) => changes.push(s));
    expect((await status(t)).state).toBe('off');

    // Bad input: a clear error each, and nothing kept.
    expect((await t.fail('team.connect', { databaseUrl: 'mysql://x@host/db', password })).message).toMatch(
      /PostgreSQL/,
    );
    expect((await t.fail('team.connect', { databaseUrl: 'not an address', password })).code).toBe('invalid_input');
    expect((await t.fail('team.connect', { databaseUrl: address, password: '' })).message).toMatch(/password/);
    expect((await t.fail('team.connect', { databaseUrl: `${address}?password=x`, password })).code).toBe(
      'invalid_input',
    );
    const wrong = await t.fail('team.connect', { databaseUrl: address, password: 'wrong-password' });
    expect(wrong.code).toBe('unauthorized');
    expect(wrong.message).toMatch(/refused this role or its password/);
    const closed = await t.fail('team.connect', {
      databaseUrl: addressOf(h, role, 1),
      password,
    });
    expect(closed.code).toBe('offline');
    expect((await status(t)).state).toBe('off');
    expect([...t.keychain.entries.keys()].some((k) => k.endsWith('team:database'))).toBe(false);

    // Connected: the team's data lands in this console's cache; the console itself asks Stripe for nothing.
    const connected = await t.call('team.connect', { databaseUrl: address, password });
    expect(connected.database).toBe(address);
    expect(connected.canAct).toBe(true);
    await h.until(async () => (await status(t)).state === 'connected', 'first copy');
    const cache = t.app.services.caches.open(t.scope);
    expect(cache.count('customers')).toBe(await h.count('customers'));
    expect(changes.map((c) => c.state)).toContain('connecting');
    const copied = await status(t);
    expect(copied.lastCopyAt).not.toBeNull();
    expect(copied.dataAsOf).not.toBeNull();
    const progress = await t.call('sync.status', { scope: t.scope });
    expect(progress.message).toMatch(/Team sync/);

    // The password is in the keychain only: not in any file, result or event.
    expect([...t.keychain.entries.values()]).toContain(password);
    expect(filesContain(t.dataDir, password)).toEqual([]);
    expect(JSON.stringify([changes, copied, progress])).not.toContain(password);

    // A change the service stores reaches the console's copy.
    const stripe = new Stripe(h.emulator.keys.test, endpointOf(h.emulator));
    const customer = (await stripe.customers.list({ limit: 1 })).data[0]!;
    await stripe.customers.update(customer.id, { name: 'Copied to Alice' });
    await h.until(
      () => cache.get<Stripe.Customer>('customers', customer.id)?.name === 'Copied to Alice',
      'the change copied',
    );

    // PostgreSQL out of reach: the copy stays readable, and the console says so.
    await relay.down();
    await h.until(async () => (await status(t)).state === 'unreachable', 'outage noticed');
    expect((await status(t)).message).toMatch(/stays readable/);
    expect((await t.call('customers.get', { scope: t.scope, customerId: customer.id })).customer.name).toBe(
      'Copied to Alice',
    );
    await relay.up();
    await h.until(async () => (await status(t)).state === 'connected', 'back once PostgreSQL answers');

    // A restart stays in team mode, its password read from the keychain.
    await t.stop();
    const again = await startTestApp({
      stripe: h.emulator,
      clock: h.clock,
      keychain: t.keychain,
      dataDir: t.dataDir,
      sync: { autoStart: true },
    });
    cleanups.push(() => again.stop());
    await h.until(async () => (await status(again)).state === 'connected', 'connected after restart');
    expect((await status(again)).canAct).toBe(true);
    expect(again.app.services.sync.status(again.scope).phase).toBe('idle');

    // Off again: the console syncs itself; the password leaves the keychain; the copy stays.
    expect((await again.call('team.disconnect', {})).state).toBe('off');
    expect([...t.keychain.entries.values()]).not.toContain(password);
    expect(again.app.services.caches.open(again.scope).count('customers')).toBeGreaterThan(0);
    await h.until(() => again.app.services.sync.status(again.scope).phase !== 'idle', 'own sync resumed');
  }, 120_000);

  it('two consoles in team mode: one refund of a charge both refund at once, shared Activity and review markers', async () => {
    h = await startTeamHarness({ customers: 30 });
    const service = h.service();
    await service.start();
    await h.until(async () => (await service.status(h!.scope)).phase === 'incremental', 'team backfill complete');
    const { role, password } = await agentRole(h, cleanups);
    const address = addressOf(h, role);
    const [alice, bob] = [await consoleApp(h, cleanups, 'Alice'), await consoleApp(h, cleanups, 'Bob')];
    for (const t of [alice, bob]) {
      await t.call('team.connect', { databaseUrl: address, password });
      await h.until(async () => (await status(t)).state === 'connected', 'copied');
    }
    const stripe = new Stripe(h.emulator.keys.test, endpointOf(h.emulator));
    const charge = (await stripe.charges.list({ limit: 100 })).data.find(
      (c) => c.status === 'succeeded' && c.amount_refunded === 0 && !c.disputed && c.amount > 500,
    )!;
    const results = await Promise.allSettled(
      [alice, bob].map((t) =>
        t.call('payments.refund', { scope: t.scope, chargeId: charge.id, amount: 100, intentId: randomUUID() }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(/(Alice|Bob) is already acting|just did this/);
    expect((await stripe.refunds.list({ charge: charge.id })).data).toHaveLength(1);
    await h.until(async () => {
      const { rows } = await h!.db.query<{ agent: string }>(
        `SELECT DISTINCT agent FROM team_activity WHERE object_id = $1`,
        [charge.id],
      );
      return rows.length >= 1;
    }, 'the team’s Activity');

    // Review markers are the team's: Alice flags a dispute, Bob's console shows it; Bob's later marker wins on both.
    const dispute = (await stripe.disputes.list({ limit: 1 })).data[0]!;
    const target = (t: TestApp) => ({ scope: t.scope, disputeId: dispute.id });
    await alice.call('disputes.review.set', { ...target(alice), state: 'flagged', note: 'Card testing pattern' });
    await h.until(
      async () => (await bob.call('disputes.get', target(bob))).review.state === 'flagged',
      'Alice’s marker on Bob’s console',
    );
    expect((await bob.call('disputes.get', target(bob))).review.note).toBe('Card testing pattern');
    h.clock.advance(1_000);
    await bob.call('disputes.review.set', { ...target(bob), state: 'reviewed', note: 'Refunded, fine' });
    await h.until(
      async () => (await alice.call('disputes.get', target(alice))).review.state === 'reviewed',
      'Bob’s newer marker on Alice’s console',
    );
    expect((await bob.call('disputes.get', target(bob))).review.state).toBe('reviewed');
    const { rows } = await h.db.query<{ updated_by: string }>(
      'SELECT updated_by FROM team_reviews WHERE dispute_id = $1',
      [dispute.id],
    );
    expect(rows.map((r) => r.updated_by)).toEqual(['Bob']);
  }, 120_000);
});
