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

/** Local preferences (never secrets: the webhook signing secret lives in the keychain). */
export class SettingsStore {
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly db: Database.Database,
    private readonly defaults: { agentName?: string } = {},
    private readonly webhookSecretScopes: () => Scope[] = () => [],
  ) {}

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
    const next = { ...this.read(), ...patch };
    this.db
      .prepare(
        `INSERT INTO settings (name, value) VALUES ('app', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value`,
      )
      .run(JSON.stringify(next));
    const settings = this.get();
    for (const listener of this.listeners) listener(settings);
    return settings;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private installWebhookPort(): number {
    const [low, high] = WEBHOOK_PORT_RANGE;
    this.db
      .prepare(`INSERT OR IGNORE INTO settings (name, value) VALUES ('webhookReceiver.installPort', ?)`)
      .run(JSON.stringify(randomInt(low, high + 1)));
    const row = this.db.prepare(`SELECT value FROM settings WHERE name = 'webhookReceiver.installPort'`).get() as {
      value: string;
    };
    return JSON.parse(row.value) as number;
  }

  private read(): StoredSettings {
    const row = this.db.prepare(`SELECT value FROM settings WHERE name = 'app'`).get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as StoredSettings) : {};
  }
}
