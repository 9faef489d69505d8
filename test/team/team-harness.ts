import type { EmulatorOptions } from '../../src-main/emulator';
import { sleep } from '../../src-main/platform/clock';
import { PgDatabase } from '../../src-main/team/pg-database';
import { migrate } from '../../src-main/team/pg-migrations';
import { TEAM_MIGRATIONS } from '../../src-main/team/team-schema';
import { TeamSyncService } from '../../src-main/team/team-sync-service';
import { startTeamSync, type TeamSyncApp } from '../../src-main/team/team-sync-app';
import type { TeamScope } from '../../src-main/team/team-config';
import { endpointOf, startStripe } from '../support/app';
import { TestClock } from '../support/clock';
import { silentLogger } from '../support/logger';
import { until } from '../support/until';
import { createTestDatabase } from './pg-harness';

/**
 * An emulator, a database of the test's own (migrated), and a way to build the team sync service over both, on one
 * test clock: the service's waits (budget, backoff, polling) pass as `until` moves it.
 */
export async function startTeamHarness(emulatorOptions: EmulatorOptions = {}) {
  const clock = new TestClock();
  const emulator = await startStripe({ customers: 40, ...emulatorOptions }, clock);
  const testDb = await createTestDatabase();
  const databases: PgDatabase[] = [];
  const database = (max = 10) => {
    const db = new PgDatabase({ connectionString: testDb.url, max, wait: (ms) => sleep(clock, ms) });
    databases.push(db);
    return db;
  };
  const owner = database();
  await migrate(owner, TEAM_MIGRATIONS);
  const scope = { accountId: emulator.accountId, mode: 'test' as const };
  const teamScope = (webhookSecrets: string[] = []): TeamScope => ({
    scope,
    apiKey: emulator.keys.test,
    webhookSecrets,
  });
  const services: TeamSyncService[] = [];
  const apps: TeamSyncApp[] = [];
  /** The whole service as `npm run team-sync` starts it: sync engine, webhook endpoint, inbox workers. */
  const app = async (options: { webhookSecrets?: string[]; workers?: number; rate?: number } = {}) => {
    const started = await startTeamSync(
      {
        databaseUrl: testDb.url,
        scopes: [teamScope(options.webhookSecrets ?? [emulator.webhookSecret])],
        rate: { test: options.rate ?? 200, live: options.rate ?? 200 },
        webhook: { host: '127.0.0.1', port: 0, workers: options.workers ?? 3 },
        apiEndpoint: endpointOf(emulator),
        pollIntervalMs: 100,
      },
      clock,
      silentLogger,
    );
    apps.push(started);
    return started;
  };
  const service = (options: { rate?: number; db?: PgDatabase; webhookSecrets?: string[] } = {}) => {
    const s = new TeamSyncService({
      database: options.db ?? owner,
      config: {
        scopes: [teamScope(options.webhookSecrets)],
        rate: { test: options.rate ?? 200, live: options.rate ?? 200 },
        apiEndpoint: endpointOf(emulator),
        pollIntervalMs: 100,
      },
      clock,
      logger: silentLogger,
    });
    services.push(s);
    return s;
  };
  return {
    emulator,
    clock,
    until: (condition: () => boolean | Promise<boolean>, what?: string) =>
      until(condition, { clock, ...(what ? { what } : {}) }),
    db: owner,
    url: testDb.url,
    scope,
    teamScope,
    database,
    service,
    app,
    async count(resource: string): Promise<number> {
      const { rows } = await owner.query<{ n: string }>(
        'SELECT count(*) AS n FROM stripe_objects WHERE account_id = $1 AND mode = $2 AND resource = $3 AND NOT deleted',
        [scope.accountId, scope.mode, resource],
      );
      return Number(rows[0]!.n);
    },
    async object<T>(resource: string, id: string): Promise<T | null> {
      const { rows } = await owner.query<{ data: T }>(
        'SELECT data FROM stripe_objects WHERE account_id = $1 AND mode = $2 AND resource = $3 AND id = $4',
        [scope.accountId, scope.mode, resource, id],
      );
      return rows[0]?.data ?? null;
    },
    async stop() {
      for (const a of apps) await a.stop();
      for (const s of services) await s.stop();
      for (const db of databases) await db.close().catch(() => undefined);
      await testDb.drop();
      await emulator.stop();
    },
  };
}
