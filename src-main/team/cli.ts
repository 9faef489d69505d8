/**
 * `npm run team-sync`: the headless sync service for a team (Node, no Electron). Configuration and Stripe keys come
 * from the environment or a secrets file (see team-config.ts). Prints one JSON line when ready, then logs JSON lines
 * to stderr (secrets redacted) until SIGINT/SIGTERM.
 */
import { systemClock } from '../platform/clock';
import type { Logger, LogLevel } from '../platform/logger';
import { redactSecrets } from '../platform/redact';
import { loadTeamConfig, TeamConfigError } from './team-config';
import { startTeamSync } from './team-sync-app';

const STATUS_EVERY_MS = 30_000;

function stderrLogger(): Logger {
  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) =>
    process.stderr.write(
      redactSecrets(JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })) + '\n',
    );
  return {
    log,
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

async function main(): Promise<void> {
  const logger = stderrLogger();
  let config;
  try {
    config = loadTeamConfig(process.env);
  } catch (err) {
    if (!(err instanceof TeamConfigError)) throw err;
    process.stderr.write(`team-sync: ${err.message}\n`);
    process.exit(2);
  }
  const app = await startTeamSync(config, systemClock, logger);
  process.stdout.write(
    JSON.stringify({
      ready: true,
      scopes: app.service.scopes,
      webhookPort: app.webhookPort,
    }) + '\n',
  );
  const timer = setInterval(() => {
    for (const scope of app.service.scopes)
      void app.service.status(scope).then(
        (status) => logger.info('sync status', { ...scope, phase: status.phase, dataAsOf: status.dataAsOf }),
        () => undefined,
      );
  }, STATUS_EVERY_MS);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    void app.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`team-sync: ${redactSecrets(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});
