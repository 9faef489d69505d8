import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleError } from '../../src-preload/contract';
import { TeamDrafts } from '../../src-main/team/team-drafts';
import { endpointOf } from '../support/app';
import { pgUnavailable } from './pg-harness';
import { startTeamHarness } from './team-harness';
import { agentRole, teamConsole, type Cleanups, type ConsoleApp } from './team-consoles';

type Harness = Awaited<ReturnType<typeof startTeamHarness>>;
let h: Harness | null = null;
const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await h?.stop();
  h = null;
});

/** A refund from a console's payment view, through its router and ledger, as the agent's click sends it. */
const refund = (t: ConsoleApp, chargeId: string, amount: number) =>
  t.call('payments.refund', { scope: t.scope, chargeId, amount, intentId: randomUUID() });

/** The team's Activity has the terminal entries the consoles recorded (each console appends after its own). */
async function teamActivity(h: Harness, chargeId: string, entries: number) {
  const read = () =>
    h.db.query<{ agent: string; outcome: string; object_id: string }>(
      'SELECT agent, outcome, object_id FROM team_activity WHERE object_id = $1 ORDER BY id',
      [chargeId],
    );
  await h.until(async () => (await read()).rows.length >= entries, 'the team’s Activity');
  return (await read()).rows;
}

describe.skipIf(pgUnavailable)('shared, safe writes in team mode', () => {
  it('two agents refunding one charge at once make one refund; the second is told who; Activity names them', async () => {
    h = await startTeamHarness({ customers: 30 });
    const service = h.service();
    await service.start();
    await h.until(async () => (await service.status(h!.scope)).phase === 'incremental', 'team backfill complete');
    const stripe = new Stripe(h.emulator.keys.test, endpointOf(h.emulator));
    const charge = (await stripe.charges.list({ limit: 100 })).data.find(
      (c) => c.status === 'succeeded' && c.amount_refunded === 0 && !c.disputed && c.amount > 200,
    )!;
    const login = await agentRole(h, cleanups);
    const alice = await teamConsole(h, cleanups, 'Alice', login);
    const bob = await teamConsole(h, cleanups, 'Bob', login);
    const results = await Promise.allSettled([refund(alice, charge.id, 100), refund(bob, charge.id, 100)]);
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(ConsoleError);
    expect((refused[0]!.reason as ConsoleError).code).toBe('conflict');
    expect((refused[0]!.reason as ConsoleError).message).toMatch(/Alice|Bob/);
    expect((await stripe.refunds.list({ charge: charge.id })).data).toHaveLength(1);
    await teamActivity(h, charge.id, 1);

    // After the first settled, the same object may be acted on again (a second partial refund is a decision).
    const winner = results[0]!.status === 'fulfilled' ? alice : bob;
    await refund(winner, charge.id, 50);
    expect((await stripe.refunds.list({ charge: charge.id })).data).toHaveLength(2);

    const activity = await teamActivity(h, charge.id, 2);
    expect(activity.filter((r) => r.outcome === 'succeeded')).toHaveLength(2);
    expect(activity.every((r) => ['Alice', 'Bob'].includes(r.agent))).toBe(true);
    const ledger = await h.db.query<{ state: string }>(
      'SELECT state FROM team_mutations WHERE target_id = $1 ORDER BY created_at',
      [charge.id],
    );
    expect(ledger.rows.map((r) => r.state)).toEqual(['succeeded', 'succeeded']);
  }, 90_000);

  it('keeps Activity append-only: the agents’ role may not change it, and nobody may rewrite it', async () => {
    h = await startTeamHarness({ customers: 5 });
    await h.db.query(
      `INSERT INTO team_activity (agent, account_id, mode, action, object_id, outcome) VALUES ('Alice', $1, 'test', 'refund.create', 'ch_1', 'succeeded')`,
      [h.scope.accountId],
    );
    const asAgent = (sql: string) =>
      h!.db.transaction(async (client) => {
        await client.query('SET LOCAL ROLE stripe_console_agent');
        return client.query(sql);
      });
    await expect(asAgent(`UPDATE team_activity SET agent = 'Mallory'`)).rejects.toThrow(/permission denied/);
    await expect(asAgent('DELETE FROM team_activity')).rejects.toThrow(/permission denied/);
    expect((await asAgent('SELECT count(*) AS n FROM team_activity')).rows[0]).toEqual({ n: '1' });
    // The owner too: the trigger refuses every change.
    await expect(h.db.query(`UPDATE team_activity SET agent = 'Mallory'`)).rejects.toThrow(/append-only/);
    await expect(h.db.query('DELETE FROM team_activity')).rejects.toThrow(/append-only/);
    // Readers read synced data and nothing else.
    const asReader = (sql: string) =>
      h!.db.transaction(async (client) => {
        await client.query('SET LOCAL ROLE stripe_console_reader');
        return client.query(sql);
      });
    await expect(asReader('SELECT count(*) FROM stripe_objects')).resolves.toBeTruthy();
    await expect(asReader(`DELETE FROM stripe_objects`)).rejects.toThrow(/permission denied/);
  }, 30_000);

  it('shares dispute drafts and refuses a save based on a version someone else replaced', async () => {
    h = await startTeamHarness({ customers: 5 });
    const drafts = new TeamDrafts(h.db);
    const opened = await drafts.get(h.scope, 'dp_1');
    expect(opened.version).toBe(0);
    expect(await drafts.save(h.scope, 'dp_1', { product_description: 'Alice’s text' }, opened.version, 'Alice')).toBe(
      1,
    );
    // Bob opened the draft before Alice saved: his save would overwrite her work.
    await expect(drafts.save(h.scope, 'dp_1', { product_description: 'Bob’s text' }, 0, 'Bob')).rejects.toThrow(
      /Alice changed this draft/,
    );
    const reloaded = await drafts.get(h.scope, 'dp_1');
    expect(reloaded).toMatchObject({
      version: 1,
      updatedBy: 'Alice',
      evidence: { product_description: 'Alice’s text' },
    });
    expect(await drafts.save(h.scope, 'dp_1', { product_description: 'Both' }, reloaded.version, 'Bob')).toBe(2);
  }, 30_000);
});
