import type Database from 'better-sqlite3';
import type { NotificationPrefs, Scope } from '../../src-preload/contract';

const DEFAULT_PREFS: NotificationPrefs = { enabled: true, leadHours: [72, 24, 4] };

/**
 * What has been notified (one row per account, mode, dispute and threshold: a notification fires at most once,
 * across restarts) and the lead times chosen, in app.db.
 */
export class NotificationStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS deadline_notifications (
        account_id TEXT NOT NULL, mode TEXT NOT NULL, dispute_id TEXT NOT NULL, threshold TEXT NOT NULL,
        notified_at INTEGER NOT NULL, PRIMARY KEY (account_id, mode, dispute_id, threshold)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS notification_prefs (id INTEGER PRIMARY KEY CHECK (id = 1), prefs TEXT NOT NULL);
    `);
  }

  /** Records the thresholds as notified; true if `threshold` was new (so its notification should fire). */
  claim(
    key: { accountId: string; mode: string; disputeId: string },
    threshold: string,
    alsoDone: string[],
    at: number,
  ): boolean {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO deadline_notifications (account_id, mode, dispute_id, threshold, notified_at) VALUES (?, ?, ?, ?, ?)`,
    );
    return this.db.transaction(() => {
      const fresh = insert.run(key.accountId, key.mode, key.disputeId, threshold, at).changes === 1;
      // Wider thresholds already passed are done too: a dispute first seen 3 h out gets one notification, not three.
      for (const done of alsoDone) insert.run(key.accountId, key.mode, key.disputeId, done, at);
      return fresh;
    })();
  }

  /** A removed account's notification marks go with it (account removal, docs/security.md). */
  forget(scope: Scope): void {
    this.db
      .prepare(`DELETE FROM deadline_notifications WHERE account_id = ? AND mode = ?`)
      .run(scope.accountId, scope.mode);
  }

  prefs(): NotificationPrefs {
    const raw = this.db.prepare(`SELECT prefs FROM notification_prefs WHERE id = 1`).pluck().get() as
      | string
      | undefined;
    return raw ? (JSON.parse(raw) as NotificationPrefs) : DEFAULT_PREFS;
  }

  setPrefs(prefs: NotificationPrefs): NotificationPrefs {
    const clean = { enabled: prefs.enabled, leadHours: [...new Set(prefs.leadHours)].sort((a, b) => b - a) };
    this.db.prepare(`INSERT OR REPLACE INTO notification_prefs (id, prefs) VALUES (1, ?)`).run(JSON.stringify(clean));
    return clean;
  }
}
