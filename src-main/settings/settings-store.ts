import type Database from 'better-sqlite3';
import os from 'node:os';
import { randomInt } from 'node:crypto';
import type { Scope, Settings } from '../../src-preload/contract';

/** Stripe's own limits are 25/s (test) and 100/s (live); by default the console takes a fifth of live, all of test's headroom but a share. */
export const DEFAULT_RATE_BUDGET = { test: 10, live: 20 } as const;
/** No fixed well-known port for the webhook receiver: each install draws one from the dynamic range, once. */
const WEBHOOK_PORT_RANGE = [49152, 65535] as const;

interface StoredSettings {
  agentName?: string;
  webhookReceiver?: { enabled: boolean; port: number };
  rateBudget?: { test: number; live: number };
}

type Listener = (settings: Settings) => void;

/** app.db's `settings` table: one JSON value per name. This store is its only reader and writer. */
export const SETTINGS_SCHEMA = `CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);`;

/** The stored names: the preferences, the install's webhook port, and what the session remembers across runs. */
const APP = 'app';
const INSTALL_PORT = 'webhookReceiver.installPort';
const LAST_ACCOUNT = 'session.lastAccount';
/** Session-only accounts (STRIPE_API_KEY) of a run, noted so a killed run's traces are erased at the next start. */
const SESSION_ONLY_ACCOUNTS = 'session.eraseOnExit';
/** The team database's address without its password (team mode, issue 17); its presence means team mode is on. */
const TEAM_DATABASE = 'team.databaseUrl';

/**
 * Local preferences (never secrets: the webhook signing secret lives in the keychain), and the few values the
 * session keeps across restarts.
 */
export class SettingsStore {
  private readonly listeners = new Set<Listener>();
  /** Prepared once: every read of the settings (each `get`, the session's values) goes through these two. */
  private readonly select: Database.Statement<[string], string>;
  private readonly upsert: Database.Statement<[string, string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly defaults: { agentName?: string } = {},
    private readonly webhookSecretScopes: () => Scope[] = () => [],
  ) {
    this.select = db.prepare<[string], string>(`SELECT value FROM settings WHERE name = ?`).pluck();
    this.upsert = db.prepare<[string, string]>(
      `INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value`,
    );
  }

  get(): Settings {
    const stored = this.read();
    return {
      agentName: stored.agentName ?? this.defaults.agentName ?? os.userInfo().username,
      webhookReceiver: {
        enabled: stored.webhookReceiver?.enabled ?? false,
        port: stored.webhookReceiver?.port ?? this.installWebhookPort(),
        hasSecret: this.webhookSecretScopes().length > 0,
        secretScopes: this.webhookSecretScopes(),
      },
      rateBudget: stored.rateBudget ?? { ...DEFAULT_RATE_BUDGET },
    };
  }

  update(patch: StoredSettings): Settings {
    this.write(APP, { ...this.read(), ...patch });
    const settings = this.get();
    for (const listener of this.listeners) listener(settings);
    return settings;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The account the window showed last (never a session-only one: the session doesn't remember those). */
  lastAccountId(): string | null {
    return this.value<string>(LAST_ACCOUNT);
  }

  rememberLastAccount(accountId: string): void {
    this.write(LAST_ACCOUNT, accountId);
  }

  /** A removed account is no longer the one to restore. */
  forgetLastAccount(accountId: string): void {
    this.db.prepare('DELETE FROM settings WHERE name = ? AND value = ?').run(LAST_ACCOUNT, JSON.stringify(accountId));
  }

  teamDatabaseUrl(): string | null {
    return this.value<string>(TEAM_DATABASE);
  }

  setTeamDatabaseUrl(url: string | null): void {
    if (url !== null) return this.write(TEAM_DATABASE, url);
    this.db.prepare('DELETE FROM settings WHERE name = ?').run(TEAM_DATABASE);
  }

  sessionOnlyAccounts(): string[] {
    return this.value<string[]>(SESSION_ONLY_ACCOUNTS) ?? [];
  }

  noteSessionOnlyAccounts(accountIds: string[]): void {
    if (accountIds.length > 0) return this.write(SESSION_ONLY_ACCOUNTS, accountIds);
    // Nothing was noted (most starts and stops): no ids to push out of the main file, so no checkpoint.
    if (this.db.prepare('DELETE FROM settings WHERE name = ?').run(SESSION_ONLY_ACCOUNTS).changes === 0) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)'); // the main file may hold the ids from a killed run's checkpoint
  }

  private installWebhookPort(): number {
    const [low, high] = WEBHOOK_PORT_RANGE;
    this.db
      .prepare(`INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)`)
      .run(INSTALL_PORT, JSON.stringify(randomInt(low, high + 1)));
    return this.value<number>(INSTALL_PORT)!;
  }

  private read(): StoredSettings {
    return this.value<StoredSettings>(APP) ?? {};
  }

  /** Values are written only here, as JSON of T under their name, so reading one back as T is sound. */
  private value<T>(name: string): T | null {
    const raw = this.select.get(name);
    return raw === undefined ? null : (JSON.parse(raw) as T);
  }

  private write(name: string, value: unknown): void {
    this.upsert.run(name, JSON.stringify(value));
  }
}
