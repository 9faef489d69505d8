import type { Scope } from '../../src-preload/contract';
import type { ScopedSecret } from '../platform/keychain';
import { sleep, type Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { InboxWorkers } from './inbox-workers';
import { PgDatabase } from './pg-database';
import { migrate } from './pg-migrations';
import type { TeamConfig } from './team-config';
import { TEAM_MIGRATIONS } from './team-schema';
import { TeamSyncService } from './team-sync-service';
import { TeamWebhookEndpoint } from './webhook-endpoint';

export interface TeamSyncApp {
  database: PgDatabase;
  service: TeamSyncService;
  endpoint: TeamWebhookEndpoint | null;
  workers: InboxWorkers | null;
  /** The port the webhook endpoint listens on (null without webhook secrets). */
  webhookPort: number | null;
  stop(): Promise<void>;
}

/**
 * Builds and starts the headless sync service from its configuration: migrations, the sync engine per account+mode,
 * and — when signing secrets are configured — the webhook endpoint with its inbox workers. Used by `npm run team-sync`,
 * the tests and the bench alike.
 */
export async function startTeamSync(config: TeamConfig, clock: Clock, logger: Logger): Promise<TeamSyncApp> {
  const database = new PgDatabase({
    connectionString: config.databaseUrl,
    max: 10 + (config.webhook?.workers ?? 0),
    onRetry: (reason, attempt) => logger.warn('PostgreSQL unavailable, retrying', { reason, attempt }),
    wait: (ms) => sleep(clock, ms),
  });
  try {
    await migrate(database, TEAM_MIGRATIONS);
  } catch (err) {
    await database.close();
    throw err;
  }
  const service = new TeamSyncService({ database, config, clock, logger });
  let endpoint: TeamWebhookEndpoint | null = null;
  let workers: InboxWorkers | null = null;
  let webhookPort: number | null = null;
  if (config.webhook) {
    const configured = new Set(service.scopes.map((s) => `${s.accountId}:${s.mode}`));
    workers = new InboxWorkers({
      database,
      storeFor: (scope: Scope) => (configured.has(`${scope.accountId}:${scope.mode}`) ? service.store(scope) : null),
      refetch: (scope, objects) => service.refetch(scope, objects),
      clock,
      logger,
      workers: config.webhook.workers,
    });
    const secrets: ScopedSecret[] = config.scopes.flatMap((s) =>
      s.webhookSecrets.map((secret) => ({ scope: s.scope, secret })),
    );
    const started = workers;
    endpoint = new TeamWebhookEndpoint({
      database,
      secrets,
      clock,
      logger,
      onAccepted: () => started.wake(),
      ...(config.webhook.groupCommit ? { groupCommit: config.webhook.groupCommit } : {}),
    });
    webhookPort = await endpoint.listen(config.webhook.port, config.webhook.host);
    workers.start();
  }
  await service.start();
  return {
    database,
    service,
    endpoint,
    workers,
    webhookPort,
    async stop() {
      await endpoint?.close();
      await workers?.stop();
      await service.stop();
      await database.close();
    },
  };
}
