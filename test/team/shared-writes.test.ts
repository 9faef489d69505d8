import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleError } from '../../src-preload/contract';
import { ActivityLog } from '../../src-main/activity/activity-log';
import { openAppDatabase } from '../../src-main/app/app-db';
import { CacheRegistry } from '../../src-main/cache';
import { MutationLedger } from '../../src-main/mutations/mutation-ledger';
import { RefundService } from '../../src-main/payments/refund-service';
import { REFUND_CREATE } from '../../src-main/mutations/refund-kind';
import { ConnectivityMonitor } from '../../src-main/stripe/connectivity';
import { StripeGateway } from '../../src-main/stripe/gateway';
import { TeamDrafts } from '../../src-main/team/team-drafts';
import { TeamLedger } from '../../src-main/team/team-ledger';
import { endpointOf } from '../support/app';
import { pgUnavailable } from './pg-harness';
import { startTeamHarness } from './team-harness';

type Harness = Awaited<ReturnType<typeof startTeamHarness>>;
let h: Harness | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await h?.stop();
  h = null;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A console as far as writes go: its own app.db (ledger, Activity), its own key, the team's ledger in PostgreSQL. */
function teamConsole(h: Harness, agent: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-team-console-'));
  dirs.push(dir);
  const appDb = openAppDatabase(dir);
  const activity = new ActivityLog(appDb);
  const gateway = new StripeGateway({
    keys: { keyFor: async () => h.emulator.keys.test },
    endpointFor: () => endpointOf(h.emulator),
    rateFor: () => 100,
    connectivity: new ConnectivityMonitor(),
    clock: h.clock,
  });
  let team: TeamLedger | null = null;
  const ledger = new MutationLedger(appDb, activity, (s) => gateway.client(s), Date.now, {
    checkpoint: (step, intentId) => team!.checkpoint(step, intentId),
  });
  team = new TeamLedger(
    h.db,
    (id) => ledger.find(id),
    () => agent,
  );
  const mirrored: Promise<void>[] = [];
  activity.onRecord((entry) => void mirrored.push(team!.recorded(entry)));
  const caches = new CacheRegistry(path.join(dir, 'cache'));
  // Builds the refund executor into the ledger, as the app does.
  new RefundService({ ledger, gateway, agent: () => agent, now: Date.now }, { caches, applyObject: () => undefined });
  const refund = (chargeId: string, amount: number, intentId: string) =>
    ledger.run({
      scope: h.scope,
      kind: REFUND_CREATE,
      targetId: chargeId,
      intentId,
      amount,
      currency: 'usd',
      agent,
      params: { charge: chargeId, amount, reason: null, note: null },
    });
  return { ledger, refund, mirrored, close: () => appDb.close() };
}

describe.skipIf(pgUnavailable)('shared, safe writes in team mode', () => {
  it('two agents refunding one charge at once make one refund; the second is told who; Activity names them', async () => {
    h = await startTeamHarness({ customers: 30 });
    const stripe = new Stripe(h.emulator.keys.test, endpointOf(h.emulator));
    const charge = (await stripe.charges.list({ limit: 100 })).data.find(
      (c) => c.status === 'succeeded' && c.amount_refunded === 0 && !c.disputed && c.amount > 200,
    )!;
    const alice = teamConsole(h, 'Alice');
    const bob = teamConsole(h, 'Bob');
    const results = await Promise.allSettled([
      alice.refund(charge.id, 100, 'intent-alice-1'),
      bob.refund(charge.id, 100, 'intent-bob-1'),
    ]);
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(ConsoleError);
    expect((refused[0]!.reason as ConsoleError).code).toBe('conflict');
    expect((refused[0]!.reason as ConsoleError).message).toMatch(/Alice|Bob/);
    const refunds = await stripe.refunds.list({ charge: charge.id });
    expect(refunds.data).toHaveLength(1);
    await Promise.all([...alice.mirrored, ...bob.mirrored]);

    // After the first settled, the same object may be acted on again (a second partial refund is a decision).
    const winner = done.length && results[0]!.status === 'fulfilled' ? alice : bob;
    await winner.refund(charge.id, 50, 'intent-second');
    expect((await stripe.refunds.list({ charge: charge.id })).data).toHaveLength(2);
    await Promise.all([...alice.mirrored, ...bob.mirrored]);

    const activity = await h.db.query<{ agent: string; outcome: string; object_id: string }>(
      'SELECT agent, outcome, object_id FROM team_activity ORDER BY id',
    );
    expect(activity.rows.filter((r) => r.outcome === 'succeeded')).toHaveLength(2);
    expect(activity.rows.every((r) => r.object_id === charge.id && ['Alice', 'Bob'].includes(r.agent))).toBe(true);
    const ledger = await h.db.query<{ state: string }>('SELECT state FROM team_mutations ORDER BY created_at');
    expect(ledger.rows.map((r) => r.state)).toEqual(['succeeded', 'succeeded']);
    alice.close();
    bob.close();
  }, 60_000);

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
