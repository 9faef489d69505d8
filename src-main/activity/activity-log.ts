import type Database from 'better-sqlite3';
import type { Mode, Scope } from '../../src-preload/contract';
import { ActivityQueries } from './activity-queries';

export interface ActivityEntryInput {
  agent: string;
  accountId: string;
  mode: Mode;
  action: string;
  objectId: string;
  amount?: number | null;
  currency?: string | null;
  outcome: 'succeeded' | 'failed' | 'pending' | 'unknown' | 'recorded';
  detail?: string | null;
  requestId?: string | null;
  resultId?: string | null;
  intentId?: string | null;
}

/** Refuses UPDATE and DELETE: the log is append-only (bar an account's removal, see forget()). */
const APPEND_ONLY_TRIGGERS = `
  CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity BEGIN SELECT RAISE(ABORT, 'activity is append-only'); END;
  CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity BEGIN SELECT RAISE(ABORT, 'activity is append-only'); END;
`;

/** app.db's `activity` table, written only by ActivityLog and read only through its queries. */
export const ACTIVITY_SCHEMA = `
  CREATE TABLE activity (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    agent TEXT NOT NULL,
    account_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    action TEXT NOT NULL,
    object_id TEXT NOT NULL,
    amount INTEGER,
    currency TEXT,
    outcome TEXT NOT NULL,
    detail TEXT,
    request_id TEXT,
    result_id TEXT,
    intent_id TEXT
  );
  CREATE INDEX activity_scope ON activity (account_id, mode, at DESC);
  ${APPEND_ONLY_TRIGGERS}
`;

export type ActivityListener = (entry: ActivityEntryInput & { id: number; at: number }) => void;

/** Append-only record of what agents did (the table refuses UPDATE and DELETE). */
export class ActivityLog {
  private readonly insert: Database.Statement;
  private readonly listeners = new Set<ActivityListener>();
  /** The Activity view's reads: filtered, paginated, exported. */
  readonly queries: ActivityQueries;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(`
      INSERT INTO activity (at, agent, account_id, mode, action, object_id, amount, currency, outcome, detail, request_id, result_id, intent_id)
      VALUES (@at, @agent, @accountId, @mode, @action, @objectId, @amount, @currency, @outcome, @detail, @requestId, @resultId, @intentId)`);
    this.queries = new ActivityQueries(db);
  }

  record(entry: ActivityEntryInput): number {
    const at = Math.floor(this.now() / 1000);
    const row = {
      amount: null,
      currency: null,
      detail: null,
      requestId: null,
      resultId: null,
      intentId: null,
      ...entry,
      at,
    };
    // One transaction with what listeners write (team mode's outbox): an entry is never kept without its share.
    return this.db.transaction(() => {
      const id = Number(this.insert.run(row).lastInsertRowid);
      for (const listener of this.listeners) listener({ ...row, id });
      return id;
    })();
  }

  /** Told of every entry inside the transaction that records it (a listener that throws undoes the entry). */
  onRecord(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether an intent already has an entry with this outcome (the ledger notes 'unknown' once per intent). */
  hasEntry(intentId: string, outcome: ActivityEntryInput['outcome']): boolean {
    return (
      this.db.prepare(`SELECT 1 FROM activity WHERE intent_id = ? AND outcome = ? LIMIT 1`).get(intentId, outcome) !==
      undefined
    );
  }

  /**
   * The one exception to append-only (docs/security.md): a removed account's entries go with it. The guard
   * triggers are lifted and put back around the DELETE, in one transaction (a savepoint in the caller's).
   */
  forget(scope: Scope): void {
    this.db.transaction(() => {
      this.db.exec(`DROP TRIGGER IF EXISTS activity_no_update; DROP TRIGGER IF EXISTS activity_no_delete;`);
      this.db.prepare(`DELETE FROM activity WHERE account_id = ? AND mode = ?`).run(scope.accountId, scope.mode);
      this.db.exec(APPEND_ONLY_TRIGGERS);
    })();
  }
}
