import fs from 'node:fs';
import type { GroupCommitOptions } from './inbox-group-commit';
import type { Mode, Scope } from '../../src-preload/contract';
import type { StripeEndpoint } from '../stripe/gateway';

/** One account+mode the service keeps in PostgreSQL, with the key it reads Stripe with. */
export interface TeamScope {
  scope: Scope;
  /** A restricted read key (rk_…) is what the service needs; a secret key works but can do more than that. */
  apiKey: string;
  /** The endpoint's signing secrets: two while a rotation is under way (Stripe signs with both). */
  webhookSecrets: string[];
}

export interface TeamConfig {
  databaseUrl: string;
  scopes: TeamScope[];
  /** Requests per second per account+mode the service may spend (the whole team's share of Stripe's limit). */
  rate: Record<Mode, number>;
  webhook: { host: string; port: number; workers: number; groupCommit?: GroupCommitOptions } | null;
  /** Where Stripe's API is: null for api.stripe.com (tests and the demo point it at the emulator). */
  apiEndpoint: StripeEndpoint | null;
  pollIntervalMs: number;
}

export class TeamConfigError extends Error {}

/**
 * The settings, by name. Secrets come from the environment or from a JSON file named by TEAM_SYNC_SECRETS_FILE
 * holding the same names (readable by its owner only); never from code or the command line.
 *
 *   TEAM_DATABASE_URL      postgres://… the service's role (owns the tables; migrations run at start)
 *   TEAM_STRIPE_KEYS       acct_…:test:rk_test_…,acct_…:live:rk_live_…
 *   TEAM_WEBHOOK_SECRETS   acct_…:test:whsec_new|whsec_old,…   (optional: without it, no webhook endpoint)
 *   TEAM_WEBHOOK_PORT      default 4242;  TEAM_WEBHOOK_HOST default 127.0.0.1;  TEAM_WEBHOOK_WORKERS default 4
 *   TEAM_RATE_TEST, TEAM_RATE_LIVE   requests/s per account+mode, default 10 and 20
 *   TEAM_STRIPE_API        http://127.0.0.1:12111 to sync an emulator instead of api.stripe.com
 *   TEAM_POLL_INTERVAL_MS  default 5000
 */
export function loadTeamConfig(env: NodeJS.ProcessEnv): TeamConfig {
  const file = env.TEAM_SYNC_SECRETS_FILE;
  const values: Record<string, string | undefined> = { ...(file ? readSecretsFile(file) : {}), ...definedOnly(env) };
  const databaseUrl = values.TEAM_DATABASE_URL;
  if (!databaseUrl) throw new TeamConfigError('TEAM_DATABASE_URL is not set (environment or secrets file).');
  const keys = parseList(values.TEAM_STRIPE_KEYS, 'TEAM_STRIPE_KEYS');
  if (keys.length === 0) throw new TeamConfigError('TEAM_STRIPE_KEYS names no account: acct_…:test:rk_test_…');
  const secrets = parseList(values.TEAM_WEBHOOK_SECRETS, 'TEAM_WEBHOOK_SECRETS');
  const scopes = keys.map(({ scope, value }): TeamScope => {
    const keyMode = /^(?:sk|rk)_(test|live)_/.exec(value)?.[1];
    if (!keyMode)
      throw new TeamConfigError(
        `The key for ${scope.accountId} (${scope.mode}) is not a Stripe secret or restricted key.`,
      );
    if (keyMode !== scope.mode)
      throw new TeamConfigError(`The key for ${scope.accountId} (${scope.mode}) is a ${keyMode}-mode key.`);
    const own = secrets.find((s) => s.scope.accountId === scope.accountId && s.scope.mode === scope.mode);
    const webhookSecrets = own ? own.value.split('|').filter(Boolean) : [];
    if (webhookSecrets.some((s) => !s.startsWith('whsec_')))
      throw new TeamConfigError(`A webhook secret for ${scope.accountId} (${scope.mode}) does not start with whsec_.`);
    return { scope, apiKey: value, webhookSecrets };
  });
  const port = int(values.TEAM_WEBHOOK_PORT, 4242, 'TEAM_WEBHOOK_PORT');
  return {
    databaseUrl,
    scopes,
    rate: {
      test: int(values.TEAM_RATE_TEST, 10, 'TEAM_RATE_TEST'),
      live: int(values.TEAM_RATE_LIVE, 20, 'TEAM_RATE_LIVE'),
    },
    webhook: scopes.some((s) => s.webhookSecrets.length > 0)
      ? {
          host: values.TEAM_WEBHOOK_HOST ?? '127.0.0.1',
          port,
          workers: Math.max(1, int(values.TEAM_WEBHOOK_WORKERS, 4, 'TEAM_WEBHOOK_WORKERS')),
        }
      : null,
    apiEndpoint: values.TEAM_STRIPE_API ? endpointOf(values.TEAM_STRIPE_API) : null,
    pollIntervalMs: int(values.TEAM_POLL_INTERVAL_MS, 5000, 'TEAM_POLL_INTERVAL_MS'),
  };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

function readSecretsFile(file: string): Record<string, string> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new TeamConfigError(`The secrets file ${file} can’t be read.`);
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)
    throw new TeamConfigError(`The secrets file ${file} is readable by others: chmod 600 it.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new TeamConfigError(`The secrets file ${file} is not a JSON object of settings.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new TeamConfigError(`The secrets file ${file} is not a JSON object of settings.`);
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

/** `acct_…:mode:value,…` → entries; the value is never echoed back in an error. */
function parseList(text: string | undefined, name: string): { scope: Scope; value: string }[] {
  if (!text) return [];
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item, index) => {
      const [accountId, mode, ...rest] = item.split(':');
      const value = rest.join(':');
      if (!accountId || !/^acct_[A-Za-z0-9]+$/.test(accountId) || (mode !== 'test' && mode !== 'live') || !value)
        throw new TeamConfigError(`${name}: entry ${index + 1} is not acct_…:test|live:value.`);
      return { scope: { accountId, mode }, value };
    });
}

function int(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new TeamConfigError(`${name} must be a whole number.`);
  return value;
}

function endpointOf(url: string): StripeEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TeamConfigError('TEAM_STRIPE_API is not a URL.');
  }
  const protocol = parsed.protocol === 'http:' ? 'http' : parsed.protocol === 'https:' ? 'https' : null;
  if (!protocol) throw new TeamConfigError('TEAM_STRIPE_API must be http(s)://host:port.');
  return { host: parsed.hostname, port: Number(parsed.port) || (protocol === 'https' ? 443 : 80), protocol };
}
