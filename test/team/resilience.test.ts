import { afterEach, describe, expect, it } from 'vitest';
import { sleep } from '../../src-main/platform/clock';
import { PgDatabase } from '../../src-main/team/pg-database';
import { migrate } from '../../src-main/team/pg-migrations';
import { TEAM_MIGRATIONS } from '../../src-main/team/team-schema';
import { pgUnavailable } from './pg-harness';
import { serverBin, startPrivateCluster } from './private-cluster';
import { startTeamHarness } from './team-harness';

type Harness = Awaited<ReturnType<typeof startTeamHarness>>;
let h: Harness | null = null;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  await h?.stop();
  h = null;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Every synced row of the scope, by resource, and each event id at most once (the primary key says so). */
async function counts(db: PgDatabase): Promise<Record<string, number>> {
  const { rows } = await db.query<{ resource: string; n: string }>(
    'SELECT resource, count(*) AS n FROM stripe_objects WHERE NOT deleted GROUP BY resource',
  );
  return Object.fromEntries(rows.map((r) => [r.resource, Number(r.n)]));
}

describe.skipIf(pgUnavailable)('team sync survives what the peer does not', () => {
  it('waits out a storm of 429s instead of stopping the backfill', async () => {
    h = await startTeamHarness({ customers: 120 });
    h.emulator.faults.rateLimitBurst(5, { path: /\/v1\/customers/ }, { retryAfter: 1 });
    h.emulator.faults.rateLimitBurst(3, { path: /\/v1\/charges/ }, { code: 'lock_timeout' });
    const service = h.service();
    await service.start();
    await h.until(async () => (await service.status(h!.scope)).phase === 'incremental', 'backfill after the storm');
    const status = await service.status(h.scope);
    expect(status.resources.every((r) => r.lastError === null)).toBe(true);
    expect(await h.count('customers')).toBe(h.emulator.admin.counts('customer', 'test'));
    expect(await h.count('charges')).toBe(h.emulator.admin.counts('charge', 'test'));
  }, 180_000);

  it.skipIf(!serverBin())(
    'resumes after PostgreSQL crashes mid-backfill: nothing lost, nothing doubled',
    async () => {
      const cluster = startPrivateCluster();
      cleanups.push(() => cluster.stop());
      h = await startTeamHarness({ customers: 200 });
      const db = new PgDatabase({
        connectionString: cluster.url,
        max: 10,
        wait: (ms) => sleep(h!.clock, ms),
      });
      cleanups.push(() => db.close());
      await migrate(db, TEAM_MIGRATIONS);
      // A slow budget keeps the backfill mid-way when the server goes down.
      const service = h.service({ db, rate: 20 });
      await service.start();
      await h.until(async () => ((await counts(db)).customers ?? 0) >= 60, 'a few pages stored');
      cluster.crash();
      cluster.start();
      await h.until(async () => (await service.status(h!.scope)).phase === 'incremental', 'backfill resumed and done');
      const stored = await counts(db);
      expect(stored.customers).toBe(h.emulator.admin.counts('customer', 'test'));
      expect(stored.charges).toBe(h.emulator.admin.counts('charge', 'test'));
      expect(stored.payment_intents).toBe(h.emulator.admin.counts('payment_intent', 'test'));
      // The checkpoints count every object once: a page committed before the crash was not counted again after.
      const { rows } = await db.query<{ fetched: string }>(
        `SELECT fetched FROM sync_state WHERE resource = 'customers'`,
      );
      expect(Number(rows[0]!.fetched)).toBeGreaterThanOrEqual(stored.customers!);
    },
    120_000,
  );
});
