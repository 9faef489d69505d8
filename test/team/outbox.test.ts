import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src-main/platform/clock';
import { startTestApp, type TestApp } from '../support/app';
import { memoryKeychain } from '../support/keychain';
import { asRole, pgUnavailable } from './pg-harness';
import { startTeamHarness } from './team-harness';
import { addressOf, agentRole, relayTo, teamConsole, teamStatus, untilCopied, type Cleanups } from './team-consoles';

type Harness = Awaited<ReturnType<typeof startTeamHarness>>;
let h: Harness | null = null;
const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await h?.stop();
  h = null;
});

const DISPUTE = 'dp_outbox_1';

/** What a console's app.db holds: its Activity in order, the outbox, and its copy of a dispute's marker. */
const local = (t: TestApp) => ({
  activity: t.app.services.appDb
    .prepare(`SELECT action, object_id, outcome, detail, at FROM activity WHERE agent = 'Alice' ORDER BY id`)
    .all() as { action: string; object_id: string; outcome: string; detail: string | null; at: number }[],
  outbox: t.app.services.appDb.prepare('SELECT source_key FROM team_outbox ORDER BY seq').pluck().all() as string[],
  review: t.app.services.appDb.prepare('SELECT state, note FROM dispute_reviews WHERE dispute_id = ?').get(DISPUTE) as
    | { state: string; note: string }
    | undefined,
});

const teamActivity = async (h: Harness, agent: string) =>
  (
    await h.db.query<{
      action: string;
      object_id: string;
      outcome: string;
      detail: string | null;
      at: number;
      source_key: string;
    }>(
      `SELECT action, object_id, outcome, detail, recorded_at::int AS at, source_key FROM team_activity
       WHERE agent = $1 ORDER BY id`,
      [agent],
    )
  ).rows;

const teamReview = async (h: Harness) =>
  (
    await h.db.query<{ state: string; note: string; version: number; updated_by: string }>(
      'SELECT state, note, version, updated_by FROM team_reviews WHERE dispute_id = $1',
      [DISPUTE],
    )
  ).rows[0];

/** A note the agent's console records in its Activity (as the ledger and the dispute tools do). */
const note = (t: TestApp, objectId: string) =>
  t.app.core.activity.record({
    agent: 'Alice',
    accountId: t.scope.accountId,
    mode: t.scope.mode,
    action: 'customer.note',
    objectId,
    outcome: 'recorded',
  });

const review = (t: TestApp, state: 'flagged' | 'reviewed' | 'needs_info', text: string) =>
  t.call('disputes.review.set', { scope: t.scope, disputeId: DISPUTE, state, note: text });

describe.skipIf(pgUnavailable)('a team-mode console’s outbox (createConsoleApp, real PostgreSQL)', () => {
  it('keeps Activity and markers recorded offline across a restart and shares each once, in order, when PostgreSQL is back', async () => {
    h = await startTeamHarness({ customers: 3 });
    const login = await agentRole(h, cleanups);
    const relay = await relayTo(Number(new URL(asRole(h.url, login.role, login.password)).port || 5432));
    cleanups.push(() => relay.down().catch(() => undefined));
    const alice = await teamConsole(h, cleanups, 'Alice', login, relay.port);

    // Online: shared at once.
    await review(alice, 'flagged', 'Card testing pattern');
    await h.until(async () => (await teamReview(h!))?.version === 1 && local(alice).outbox.length === 0, 'shared');
    expect(await teamActivity(h, 'Alice')).toHaveLength(1);

    // PostgreSQL out of reach: entries and a marker are recorded, kept, and shown as not shared.
    await relay.down();
    await h.until(async () => (await teamStatus(alice)).state === 'unreachable', 'outage noticed');
    for (const id of ['cus_a', 'cus_b', 'cus_c']) note(alice, id);
    await review(alice, 'reviewed', 'Refunded, fine');
    expect(local(alice).outbox).toHaveLength(5);
    const listed = await alice.call('activity.list', { scope: alice.scope, filters: {}, limit: 50 });
    expect(listed.items.map((e) => [e.objectId, e.unshared ?? false])).toEqual([
      [DISPUTE, true],
      ['cus_c', true],
      ['cus_b', true],
      ['cus_a', true],
      [DISPUTE, false],
    ]);

    // Restarted while still offline: nothing is lost, and more is recorded.
    await alice.stop();
    const again = await startTestApp({
      stripe: h.emulator,
      clock: h.clock,
      keychain: alice.keychain,
      dataDir: alice.dataDir,
      agentName: 'Alice',
    });
    cleanups.push(() => again.stop());
    expect(local(again).outbox).toHaveLength(5);
    note(again, 'cus_d');
    expect((await teamStatus(again)).state).not.toBe('connected');

    // Back: the first push commits but its answer is lost; the retry finds it there and adds nothing.
    relay.loseNextCommitAnswer();
    await relay.up();
    await untilCopied(h, () => relay.lostAnswers() === 1, 'a COMMIT answer lost');
    const [first] = local(again).outbox;
    expect((await teamActivity(h, 'Alice')).map((r) => r.source_key)).toContain(first);
    await untilCopied(h, () => local(again).outbox.length === 0, 'the outbox pushed');

    // Every entry once, in the order recorded, with the console's own time of each.
    const shared = await teamActivity(h, 'Alice');
    expect(shared.map(({ source_key: _, ...row }) => row)).toEqual(local(again).activity);
    expect(new Set(shared.map((r) => r.source_key)).size).toBe(shared.length);
    expect(shared).toHaveLength(6);
    expect(await teamReview(h)).toEqual({
      state: 'reviewed',
      note: 'Refunded, fine',
      version: 2,
      updated_by: 'Alice',
    });
    const after = await again.call('activity.list', { scope: again.scope, filters: {}, limit: 50 });
    expect(after.items.filter((e) => e.unshared)).toEqual([]);
  }, 120_000);

  it('orders review markers by the team’s versions: a skewed desktop clock can’t win, a stale marker is refused and said', async () => {
    h = await startTeamHarness({ customers: 3 });
    const login = await agentRole(h, cleanups);
    const alice = await teamConsole(h, cleanups, 'Alice', login);
    // Bob's desktop clock runs an hour ahead; he reaches PostgreSQL through a relay the test can take down.
    const relay = await relayTo(Number(new URL(asRole(h.url, login.role, login.password)).port || 5432));
    cleanups.push(() => relay.down().catch(() => undefined));
    const clock = h.clock;
    const skewed: Clock = { now: () => clock.now() + 3_600_000, setTimer: (fire, ms) => clock.setTimer(fire, ms) };
    const bob = await startTestApp({ stripe: h.emulator, clock: skewed, keychain: memoryKeychain(), agentName: 'Bob' });
    cleanups.push(async () => {
      await bob.stop();
      fs.rmSync(bob.dataDir, { recursive: true, force: true });
    });
    await bob.call('team.connect', { databaseUrl: addressOf(h, login.role, relay.port), password: login.password });
    await untilCopied(h, async () => (await teamStatus(bob)).state === 'connected', 'Bob connected');
    const reviewOf = (t: TestApp) => local(t).review;

    // Bob flags first (stamped an hour ahead); Alice, who saw his marker, marks it reviewed after: hers wins on
    // both consoles, though her desktop's time is an hour before his.
    await review(bob, 'flagged', 'Looks like fraud');
    await untilCopied(h, () => reviewOf(alice)?.state === 'flagged', 'Bob’s marker on Alice’s console');
    await review(alice, 'reviewed', 'Customer confirmed');
    await untilCopied(h, () => reviewOf(bob)?.state === 'reviewed', 'Alice’s newer marker on Bob’s console');
    expect(await teamReview(h)).toMatchObject({ state: 'reviewed', version: 2, updated_by: 'Alice' });

    // Bob, offline, changes it over version 2; meanwhile Alice sets version 3. Bob's comes back: refused, not
    // written over hers; his console shows hers and his Activity says why.
    await relay.down();
    await untilCopied(h, async () => (await teamStatus(bob)).state === 'unreachable', 'Bob offline');
    await review(bob, 'needs_info', 'Ask for receipts');
    await review(alice, 'flagged', 'Chargeback filed twice');
    await h.until(async () => (await teamReview(h!))?.version === 3, 'Alice’s change shared');
    await relay.up();
    await untilCopied(h, () => local(bob).outbox.length === 0, 'Bob’s outbox pushed');
    expect(await teamReview(h)).toMatchObject({ state: 'flagged', note: 'Chargeback filed twice', version: 3 });
    expect(reviewOf(bob)).toEqual({ state: 'flagged', note: 'Chargeback filed twice' });
    const said = await bob.call('activity.list', {
      scope: bob.scope,
      filters: { objectId: DISPUTE, outcome: 'failed' },
      limit: 5,
    });
    expect(said.items).toHaveLength(1);
    expect(said.items[0]!.detail).toMatch(
      /^Not shared: Alice changed this review to “flagged: Chargeback filed twice” before yours reached the team, so theirs stays\. Yours was “needs info: Ask for receipts”/,
    );
    // Bob's console goes on from the team's version: his next marker is shared.
    await review(bob, 'reviewed', 'Receipts in');
    await h.until(async () => (await teamReview(h!))?.version === 4, 'Bob’s next marker shared');
    await untilCopied(h, () => reviewOf(alice)?.state === 'reviewed', 'on Alice’s console');
  }, 120_000);
});
