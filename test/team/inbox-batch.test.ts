import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src-main/cache';
import { applyEventIn } from '../../src-main/sync/event-applier';
import { applyDeliveries } from '../../src-main/team/inbox-batch';
import { PgDatabase } from '../../src-main/team/pg-database';
import { migrate } from '../../src-main/team/pg-migrations';
import { PgSyncStore } from '../../src-main/team/pg-sync-store';
import { TEAM_MIGRATIONS } from '../../src-main/team/team-schema';
import { createTestDatabase, pgUnavailable } from './pg-harness';

let testDb: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
let db: PgDatabase;
beforeAll(async () => {
  if (pgUnavailable) return;
  testDb = await createTestDatabase();
  db = new PgDatabase({ connectionString: testDb.url, max: 4 });
  await migrate(db, TEAM_MIGRATIONS);
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

const IDS = ['cus_a', 'cus_b', 'cus_c'];
const BASE_S = 1_800_000_000;

/** A delivery: which customer, what happened, in which second, how late it arrived, and the name it carries. */
const delivery = fc.record({
  id: fc.constantFrom(...IDS),
  type: fc.constantFrom('customer.updated', 'customer.updated', 'customer.updated', 'customer.deleted'),
  second: fc.integer({ min: 0, max: 3 }),
  lateMs: fc.integer({ min: 0, max: 2_500 }),
  name: fc.constantFrom('One', 'Two', 'Three'),
});

interface Row {
  resource: string;
  id: string;
  created: string;
  deleted: boolean;
  fresh_lo: string;
  fresh_hi: string;
  in_doubt: boolean;
  data: unknown;
}

async function rowsOf(accountId: string): Promise<Row[]> {
  const { rows } = await db.query<Row>(
    `SELECT resource, id, created, deleted, fresh_lo, fresh_hi, in_doubt, data FROM stripe_objects
     WHERE account_id = $1 ORDER BY resource, id`,
    [accountId],
  );
  return rows;
}

async function eventIds(accountId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM stripe_events WHERE account_id = $1 AND applied_at IS NOT NULL ORDER BY id',
    [accountId],
  );
  return rows.map((r) => r.id);
}

describe.skipIf(pgUnavailable)('webhook batches applied set-wise', () => {
  it('end exactly as the same deliveries applied one at a time: nothing lost, doubled or stale', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(delivery, { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        async (plan, batchSize, seeded) => {
          run++;
          const one = { accountId: `acct_one${run}`, mode: 'test' as const };
          const set = { accountId: `acct_set${run}`, mode: 'test' as const };
          const oneStore = new PgSyncStore(db, one);
          const setStore = new PgSyncStore(db, set);
          if (seeded)
            for (const store of [oneStore, setStore])
              await store.upsert(
                'customers',
                IDS.map((id) => ({ id, object: 'customer', created: BASE_S - 100, name: 'Seed' })),
                { lo: BASE_S * 1000 - 5_000, hi: BASE_S * 1000 - 4_000 },
              );
          // Each delivery once, some twice (Stripe retries), in the plan's order: reversed and same-second included.
          const deliveries = plan.flatMap((d, i) => {
            const event = {
              id: `evt_${i}`,
              object: 'event',
              type: d.type,
              created: BASE_S + d.second,
              data: {
                object: {
                  id: d.id,
                  object: 'customer',
                  created: BASE_S - 100,
                  name: d.name,
                  metadata: { i: String(i) },
                },
              },
            } as unknown as EventRecord;
            const receivedAt = (BASE_S + d.second) * 1000 + d.lateMs;
            return i % 4 === 3
              ? [
                  { event, receivedAt },
                  { event, receivedAt },
                ]
              : [{ event, receivedAt }];
          });

          const refetchedOne = new Set<string>();
          for (const { event, receivedAt } of deliveries) {
            const outcome = await oneStore.transaction((tx) => applyEventIn(tx, event, 'webhook', receivedAt));
            if (outcome.status === 'applied') for (const o of outcome.refetch) refetchedOne.add(o.id);
          }
          const refetchedSet = new Set<string>();
          for (let i = 0; i < deliveries.length; i += batchSize) {
            const batch = deliveries.slice(i, i + batchSize).map(({ event, receivedAt }) => ({
              scope: set,
              receivedAt,
              payload: JSON.stringify(event),
            }));
            // The inbox never holds one event twice; a retried delivery comes in a later batch.
            const unique = batch.filter((d, j) => batch.findIndex((e) => e.payload === d.payload) === j);
            const refetches = await db.transaction((client) => applyDeliveries(client, unique));
            for (const { objects } of refetches) for (const o of objects) refetchedSet.add(o.id);
          }

          expect(await rowsOf(set.accountId)).toEqual(await rowsOf(one.accountId));
          expect(await eventIds(set.accountId)).toEqual(await eventIds(one.accountId));
          expect([...refetchedSet].sort()).toEqual([...refetchedOne].sort());
        },
      ),
      { numRuns: 25, seed: 1717 },
    );
  }, 60_000);

  it('compares same-second snapshots in full: equal is nothing new, different is a doubt', async () => {
    const scope = { accountId: 'acct_same_second', mode: 'test' as const };
    const store = new PgSyncStore(db, scope);
    const customer = (id: string, name: string) => ({ id, object: 'customer', created: BASE_S, name });
    // Stored in the events' second: the batch must read the stored JSON (its lock does not) to compare.
    await store.upsert('customers', [customer('cus_stored', 'Stored')], {
      lo: (BASE_S + 7) * 1000,
      hi: (BASE_S + 7) * 1000 + 900,
    });
    const update = (id: string, object: object) =>
      JSON.stringify({ id, object: 'event', type: 'customer.updated', created: BASE_S + 7, data: { object } });
    const receivedAt = (BASE_S + 7) * 1000 + 400;
    const refetches = await db.transaction((client) =>
      applyDeliveries(
        client,
        [
          update('evt_same_1', customer('cus_equal', 'Same')),
          update('evt_same_2', customer('cus_equal', 'Same')),
          update('evt_differ_1', customer('cus_differ', 'First')),
          update('evt_differ_2', customer('cus_differ', 'Second')),
          update('evt_stored_equal', customer('cus_stored', 'Stored')),
        ].map((payload) => ({ scope, receivedAt, payload })),
      ),
    );
    expect(refetches.flatMap((r) => r.objects.map((o) => o.id))).toEqual(['cus_differ']);
    const rows = await rowsOf(scope.accountId);
    expect(rows.map((r) => [r.id, r.in_doubt, (r.data as { name: string }).name])).toEqual([
      ['cus_differ', true, 'First'],
      ['cus_equal', false, 'Same'],
      ['cus_stored', false, 'Stored'],
    ]);
  });

  it('never lets an older event replace a newer row another writer stored', async () => {
    const scope = { accountId: 'acct_race', mode: 'test' as const };
    const store = new PgSyncStore(db, scope);
    const newer = { id: 'cus_race', object: 'customer', created: BASE_S, name: 'Newer (a refetch)' };
    await store.upsert('customers', [newer], { lo: (BASE_S + 10) * 1000, hi: (BASE_S + 10) * 1000 + 50 });
    const older = {
      id: 'evt_race_older',
      object: 'event',
      type: 'customer.updated',
      created: BASE_S + 5,
      data: { object: { ...newer, name: 'Older' } },
    };
    await db.transaction((client) =>
      applyDeliveries(client, [{ scope, receivedAt: (BASE_S + 5) * 1000 + 10, payload: JSON.stringify(older) }]),
    );
    const rows = await rowsOf(scope.accountId);
    expect(rows.map((r) => (r.data as { name: string }).name)).toEqual(['Newer (a refetch)']);
    expect(await eventIds(scope.accountId)).toEqual(['evt_race_older']);
  });
});
