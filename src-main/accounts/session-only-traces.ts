import type Database from 'better-sqlite3';
import type { Logger } from '../platform/logger';

const PENDING_ERASE_SETTING = 'session.eraseOnExit';

/**
 * A session-only account (STRIPE_API_KEY) leaves nothing on disk after the app exits: its cache, ledger and
 * activity rows live while it runs and are erased at stop. Its id alone is noted meanwhile, so a run that was
 * killed before stop is cleaned up at the next start.
 */
export class SessionOnlyTraces {
  constructor(
    private readonly db: Database.Database,
    private readonly erase: (accountId: string) => Promise<void>,
    private readonly isStored: (accountId: string) => boolean,
    private readonly logger: Logger,
  ) {}

  remember(accountId: string): void {
    this.write([...new Set([...this.pending(), accountId])]);
  }

  /** Erases every noted account's traces (unless it has since been added for good), then the note itself. */
  async eraseAll(): Promise<void> {
    const left: string[] = [];
    for (const accountId of this.pending()) {
      if (this.isStored(accountId)) continue;
      try {
        await this.erase(accountId);
      } catch (err) {
        left.push(accountId);
        this.logger.warn('erasing a session-only account failed', { accountId, error: String(err) });
      }
    }
    this.write(left);
  }

  private pending(): string[] {
    const row = this.db.prepare('SELECT value FROM settings WHERE name = ?').get(PENDING_ERASE_SETTING) as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string[]) : [];
  }

  private write(ids: string[]): void {
    if (ids.length === 0) {
      this.db.prepare('DELETE FROM settings WHERE name = ?').run(PENDING_ERASE_SETTING);
      this.db.pragma('wal_checkpoint(TRUNCATE)'); // the main file may hold the ids from a killed run's checkpoint
    } else
      this.db
        .prepare(
          'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value',
        )
        .run(PENDING_ERASE_SETTING, JSON.stringify(ids));
  }
}
