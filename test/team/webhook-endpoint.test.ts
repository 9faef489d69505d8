import pg from 'pg';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src-main/cache';
import { InboxWorkers } from '../../src-main/team/inbox-workers';
import { PgDatabase } from '../../src-main/team/pg-database';
import { migrate } from '../../src-main/team/pg-migrations';
import { PgSyncStore } from '../../src-main/team/pg-sync-store';
import { TEAM_MIGRATIONS } from '../../src-main/team/team-schema';
import { TeamWebhookEndpoint } from '../../src-main/team/webhook-endpoint';
import type { GroupCommitOptions } from '../../src-main/team/inbox-group-commit';
import { TestClock } from '../support/clock';
import { silentLogger } from '../support/logger';
import { until } from '../support/until';
import { createTestDatabase, pgUnavailable } from './pg-harness';
import { serverBin, startPrivateCluster } from './private-cluster';

const scope = { accountId: 'acct_1TeamEndpoint', mode: 'test' as const };
const SECRET = 'whsec_teamEndpointCurrent0001';
const OLD_SECRET = 'whsec_teamEndpointPrevious001';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The endpoint and one inbox worker over a migrated database (the shared server's, or `url`), on a test clock. */
async function startEndpoint(groupCommit: GroupCommitOptions, url?: string) {
  let databaseUrl = url;
  if (!databaseUrl) {
    const testDb = await createTestDatabase('sc_team_endpoint');
    cleanups.push(() => testDb.drop());
    databaseUrl = testDb.url;
  }
  const clock = new TestClock();
  const database = new PgDatabase({ connectionString: databaseUrl, max: 6, attempts: 1 });
  cleanups.push(() => database.close());
  await migrate(database, TEAM_MIGRATIONS);
  const store = new PgSyncStore(database, scope);
  const workers = new InboxWorkers({
    database,
    storeFor: () => store,
    refetch: () => undefined,
    clock,
    logger: silentLogger,
    workers: 1,
  });
  let accepted = 0;
  const endpoint = new TeamWebhookEndpoint({
    database,
    secrets: [
      { scope, secret: SECRET },
      { scope, secret: OLD_SECRET },
    ],
    clock,
    logger: silentLogger,
    onAccepted: () => accepted++,
    groupCommit,
  });
  const port = await endpoint.listen(0);
  cleanups.push(() => endpoint.close());

  /** Posts an event as Stripe would (raw JSON, signed at the clock's time); the body can be tampered with after signing. */
  const deliver = async (
    event: EventRecord,
    options: { secret?: string; tamper?: boolean; signedAt?: number } = {},
  ) => {
    const payload = JSON.stringify(event);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? SECRET,
      timestamp: options.signedAt ?? Math.floor(clock.now() / 1000),
    });
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
      body: options.tamper ? payload.replace('"Name', '"Forged') : payload,
    });
    return { status: response.status, body: (await response.json()) as { outcome?: string; error?: string } };
  };
  const inboxIds = async () =>
    (await database.query<{ event_id: string }>('SELECT event_id FROM webhook_inbox ORDER BY event_id')).rows.map(
      (r) => r.event_id,
    );
  return { clock, database, databaseUrl, endpoint, workers, deliver, inboxIds, accepted: () => accepted };
}

let serial = 0;
function customerUpdated(name = `Name ${serial}`): EventRecord {
  serial++;
  return {
    id: `evt_endpoint_${serial}_${Math.random().toString(36).slice(2, 8)}`,
    object: 'event',
    type: 'customer.updated',
    livemode: false,
    created: 1_700_000_000 + serial,
    data: { object: { id: `cus_endpoint_${serial}`, object: 'customer', created: 1_700_000_000, name } },
  } as EventRecord;
}

describe.skipIf(pgUnavailable)('team webhook endpoint: group commit', () => {
  it('acknowledges the deliveries of a batch only after its one INSERT has committed', async () => {
    const e = await startEndpoint({ maxWaitMs: 20, maxBatch: 64 });
    // Another session holds the inbox so the batch's INSERT must wait for it.
    const blocker = new pg.Client({ connectionString: e.databaseUrl });
    await blocker.connect();
    cleanups.push(() => blocker.end());
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE webhook_inbox IN SHARE ROW EXCLUSIVE MODE');

    const events = Array.from({ length: 6 }, () => customerUpdated());
    const answered: string[] = [];
    const replies = events.map((event) =>
      e.deliver(event).then((reply) => {
        answered.push(event.id);
        return reply;
      }),
    );
    // All six verified and waiting for their batch: the wait (20 ms of the clock) has not passed.
    await until(() => e.endpoint.waiting === 6, 'six deliveries waiting');
    expect(e.endpoint.inboxStats.batches).toBe(0);
    e.clock.advance(20);
    await until(async () => {
      // The blocker reads inside its transaction, where PostgreSQL keeps the first read of pg_stat_activity until the
      // transaction ends: without clearing it, a first look taken before the INSERT arrived is all it ever sees.
      await blocker.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await blocker.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO webhook_inbox%'`,
      );
      return Number(rows[0]!.n) === 1;
    }, 'one INSERT waiting on the lock');
    // The INSERT has been sent but not committed: nobody is told their delivery is stored.
    expect(answered).toEqual([]);
    expect(e.accepted()).toBe(0);

    await blocker.query('COMMIT');
    const outcomes = await Promise.all(replies);
    expect(outcomes.map((o) => [o.status, o.body.outcome])).toEqual(events.map(() => [200, 'accepted']));
    expect(e.endpoint.inboxStats).toMatchObject({ batches: 1, deliveries: 6 });
    expect(await e.inboxIds()).toEqual(events.map((ev) => ev.id).sort());
  }, 120_000);

  it('bounds a batch: more deliveries than maxBatch take several INSERTs, none larger', async () => {
    const e = await startEndpoint({ maxWaitMs: 1_000, maxBatch: 4, maxInFlight: 1 });
    const events = Array.from({ length: 10 }, () => customerUpdated());
    let answered = false;
    const replies = Promise.all(events.map((event) => e.deliver(event))).finally(() => (answered = true));
    // The clock moves only as far as a partial batch's wait: full batches go without it.
    await until(() => answered, { clock: e.clock, what: 'every delivery answered' });
    expect((await replies).every((r) => r.status === 200 && r.body.outcome === 'accepted')).toBe(true);
    expect(e.endpoint.inboxStats.deliveries).toBe(10);
    expect(e.endpoint.inboxStats.batches).toBeGreaterThanOrEqual(3);
    expect(e.endpoint.inboxStats.largest).toBeLessThanOrEqual(4);
    expect((await e.inboxIds()).length).toBe(10);
  }, 120_000);

  it('stores an event delivered several times once and applies it once', async () => {
    const e = await startEndpoint({ maxWaitMs: 10 });
    const event = customerUpdated('Twice');
    const other = customerUpdated('Once');
    // Three copies in one batch, one more in a later batch.
    const replies = Promise.all([e.deliver(event), e.deliver(other), e.deliver(event), e.deliver(event)]);
    await until(() => e.endpoint.waiting === 4, 'the batch gathered');
    e.clock.advance(10);
    const outcomes = (await replies).map((r) => r.body.outcome);
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(2);
    const again = e.deliver(event);
    await until(() => e.endpoint.waiting === 1, 'the redelivery waiting');
    e.clock.advance(10);
    expect((await again).body).toEqual({ received: true, outcome: 'duplicate' });

    expect(await e.workers.drain()).toBe(2);
    // Applied deliveries leave the inbox. A redelivery after that is stored again, and the worker drops it at
    // stripe_events: the object is not written again.
    expect(await e.inboxIds()).toEqual([]);
    const late = e.deliver({
      ...event,
      data: { object: { ...(event.data as { object: object }).object, name: 'Late' } },
    });
    await until(() => e.endpoint.waiting === 1, 'the late redelivery waiting');
    e.clock.advance(10);
    expect((await late).status).toBe(200);
    expect(await e.workers.drain()).toBe(1);
    expect(await e.inboxIds()).toEqual([]);
    const { rows } = await e.database.query<{ id: string; applied: boolean }>(
      'SELECT id, applied_at IS NOT NULL AS applied FROM stripe_events ORDER BY id',
    );
    expect(rows).toEqual([event.id, other.id].sort().map((id) => ({ id, applied: true })));
    const { rows: objects } = await e.database.query<{ name: string }>(
      `SELECT data->>'name' AS name FROM stripe_objects WHERE id = $1`,
      [(event.data as { object: { id: string } }).object.id],
    );
    expect(objects).toEqual([{ name: 'Twice' }]);
  }, 120_000);

  it('keeps every delivery the signature check refuses out of the inbox, also within a batch of good ones', async () => {
    const e = await startEndpoint({ maxWaitMs: 10 });
    const good = customerUpdated();
    const rotated = customerUpdated();
    const forged = customerUpdated();
    const tampered = customerUpdated();
    const stale = customerUpdated();
    const livemode = { ...customerUpdated(), livemode: true };
    const replies = Promise.all([
      e.deliver(good),
      e.deliver(rotated, { secret: OLD_SECRET }),
      e.deliver(forged, { secret: 'whsec_notTheTeams00000000001' }),
      e.deliver(tampered, { tamper: true }),
      e.deliver(stale, { signedAt: Math.floor(e.clock.now() / 1000) - 3_600 }),
      e.deliver(livemode),
    ]);
    await until(() => e.endpoint.waiting === 2, 'the two signed deliveries waiting');
    e.clock.advance(10);
    const statuses = (await replies).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 400, 400, 400, 400]);
    expect(e.endpoint.counts).toMatchObject({ accepted: 2, rejected: 4 });
    expect(await e.inboxIds()).toEqual([good.id, rotated.id].sort());
  }, 120_000);

  it.skipIf(!serverBin())(
    'answers 503 to every delivery of a batch PostgreSQL did not take, loses none, and stores them when redelivered',
    async () => {
      const cluster = startPrivateCluster();
      cleanups.push(() => cluster.stop());
      const e = await startEndpoint({ maxWaitMs: 10 }, cluster.url);
      const before = [customerUpdated(), customerUpdated()];
      const first = Promise.all(before.map((event) => e.deliver(event)));
      await until(() => e.endpoint.waiting === 2, 'first batch gathered');
      e.clock.advance(10);
      expect((await first).map((r) => r.status)).toEqual([200, 200]);

      cluster.crash();
      const during = [customerUpdated(), customerUpdated(), customerUpdated()];
      const refused = Promise.all(during.map((event) => e.deliver(event)));
      await until(() => e.endpoint.waiting === 3, 'second batch gathered');
      e.clock.advance(10);
      for (const reply of await refused) {
        expect(reply.status).toBe(503);
        expect(reply.body.error).toMatch(/deliver again later/);
      }
      expect(e.endpoint.counts.unavailable).toBe(3);

      cluster.start();
      // Stripe delivers again; a pooled connection the restart broke may refuse once more.
      for (const event of during) {
        let status = 0;
        for (let attempt = 0; attempt < 3 && status !== 200; attempt++) {
          const reply = e.deliver(event);
          await until(() => e.endpoint.waiting === 1, 'redelivery waiting');
          e.clock.advance(10);
          status = (await reply).status;
        }
        expect(status).toBe(200);
      }
      expect(await e.inboxIds()).toEqual([...before, ...during].map((ev) => ev.id).sort());
      expect(await e.workers.drain()).toBe(5);
      expect(await e.inboxIds()).toEqual([]);
    },
    60_000,
  );
});
