import type Database from 'better-sqlite3';
import type { Mode, Scope } from '../../src-preload/contract';
import type { ActivityEntryInput, ActivityLog } from '../activity/activity-log';

/**
 * Where an intent is in its life. `prepared`: persisted, nothing has left. `sending`: a request may be on the
 * wire. `unknown`: an attempt ended without a definite answer, so Stripe may or may not have acted.
 * `succeeded` and `refused` are terminal, and each gets exactly one Activity entry.
 */
export type MutationState = 'prepared' | 'sending' | 'succeeded' | 'refused' | 'unknown';
export type TerminalState = 'succeeded' | 'refused';

/** The ledger's table: the one definition both of its migrations create. */
function mutationsTable(name: string): string {
  return `
  CREATE TABLE ${name} (
    intent_id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    params TEXT NOT NULL,
    amount INTEGER,
    currency TEXT,
    agent TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('prepared','sending','succeeded','refused','unknown')),
    result_id TEXT,
    result_status TEXT,
    request_id TEXT,
    error TEXT,
    error_code TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    first_sent_at INTEGER,
    updated_at INTEGER NOT NULL
  );`;
}
const MUTATIONS_INDEXES = `
  CREATE INDEX mutations_state ON mutations (state);
  CREATE INDEX mutations_target ON mutations (account_id, mode, target_id);
`;

/** app.db's first migration creates the table as it is now (the second then copies it onto itself, a no-op). */
export const MUTATIONS_SCHEMA = mutationsTable('mutations') + MUTATIONS_INDEXES;

/**
 * app.db's second migration, for databases made before it: the five states (the old 'failed' was a refusal),
 * the error code and the first send time.
 */
export const MUTATION_STATES_MIGRATION = `
  ${mutationsTable('mutations_v2')}
  INSERT INTO mutations_v2 (intent_id, idempotency_key, account_id, mode, kind, target_id, params, amount, currency,
      agent, state, result_id, result_status, request_id, error, attempts, created_at, first_sent_at, updated_at)
    SELECT intent_id, idempotency_key, account_id, mode, kind, target_id, params, amount, currency, agent,
      CASE state WHEN 'failed' THEN 'refused' ELSE state END, result_id, result_status, request_id, error, attempts,
      created_at, CASE WHEN attempts > 0 THEN created_at END, updated_at
    FROM mutations;
  DROP TABLE mutations;
  ALTER TABLE mutations_v2 RENAME TO mutations;
  ${MUTATIONS_INDEXES}
`;

export interface MutationRow {
  intent_id: string;
  idempotency_key: string;
  account_id: string;
  mode: Mode;
  kind: string;
  target_id: string;
  /** Canonical JSON (sorted keys), so a resend with the same parameters compares equal. */
  params: string;
  amount: number | null;
  currency: string | null;
  agent: string;
  state: MutationState;
  result_id: string | null;
  result_status: string | null;
  request_id: string | null;
  error: string | null;
  error_code: string | null;
  attempts: number;
  created_at: number;
  first_sent_at: number | null;
  updated_at: number;
}

export type NewMutationRow = Pick<
  MutationRow,
  | 'intent_id'
  | 'idempotency_key'
  | 'account_id'
  | 'mode'
  | 'kind'
  | 'target_id'
  | 'params'
  | 'amount'
  | 'currency'
  | 'agent'
  | 'created_at'
>;

export interface Settlement {
  resultId?: string | null;
  resultStatus?: string | null;
  requestId?: string | null;
  error?: string | null;
  errorCode?: string | null;
}

/** Activity's words for the ledger's states: a refusal is what agents know as "failed". */
const ACTIVITY_OUTCOME: Record<TerminalState | 'unknown', ActivityEntryInput['outcome']> = {
  succeeded: 'succeeded',
  refused: 'failed',
  unknown: 'unknown',
};

/** The ledger's table in app.db. Every state change is one guarded UPDATE, so no transition happens twice. */
export class MutationStore {
  /** Each intent's reads and moves, prepared once: a write runs several of them per attempt. */
  private readonly sql: ReturnType<typeof prepareLedgerStatements>;

  constructor(
    private readonly db: Database.Database,
    private readonly activity: ActivityLog,
  ) {
    this.sql = prepareLedgerStatements(db);
  }

  get(intentId: string): MutationRow | undefined {
    return this.sql.get.get(intentId);
  }

  open(): MutationRow[] {
    return this.sql.open.all();
  }

  insert(row: NewMutationRow): MutationRow {
    this.sql.insert.run(row);
    return this.get(row.intent_id)!;
  }

  /** A request is about to leave: from here on Stripe may act. The key's 24 h start at the first send. */
  markSending(intentId: string, at: number): void {
    this.sql.markSending.run({ intentId, at });
  }

  /**
   * Stripe turned this attempt away unexecuted (a 429): the intent goes back to where the attempt found it —
   * prepared if no earlier attempt could have executed, else unknown.
   */
  markNotSent(intentId: string, at: number, error: { message: string; code: string }, neverExecuted: boolean): void {
    // Back to prepared, no key is held at Stripe (a 429 comes before idempotency): the 24 h restart at the next send.
    this.sql.markNotSent.run({
      state: neverExecuted ? 'prepared' : 'unknown',
      message: error.message,
      code: error.code,
      at,
      intentId,
    });
  }

  /** No definite answer. The first time an intent becomes unknown the Activity log says so (not a terminal entry). */
  markUnknown(row: MutationRow, at: number, error: { message: string; code: string }): void {
    this.db.transaction(() => {
      const changed = this.sql.markUnknown.run(error.message, error.code, at, row.intent_id).changes;
      if (changed === 1 && !this.activity.hasEntry(row.intent_id, 'unknown'))
        this.record(row, 'unknown', { error: error.message });
    })();
  }

  /** The one move into a terminal state, with its one Activity entry, in one transaction: none if already terminal. */
  settle(row: MutationRow, state: TerminalState, at: number, result: Settlement): void {
    this.db.transaction(() => {
      const changed = this.sql.settle.run({
        state,
        resultId: result.resultId ?? null,
        resultStatus: result.resultStatus ?? null,
        requestId: result.requestId ?? null,
        error: result.error ?? null,
        errorCode: result.errorCode ?? null,
        at,
        intentId: row.intent_id,
      }).changes;
      if (changed === 1) this.record(row, state, result);
    })();
  }

  /** A removed account's intents go with it (account removal, docs/security.md). */
  forget(scope: Scope): void {
    this.db.prepare(`DELETE FROM mutations WHERE account_id = ? AND mode = ?`).run(scope.accountId, scope.mode);
  }

  private record(row: MutationRow, state: TerminalState | 'unknown', result: Settlement): void {
    this.activity.record({
      agent: row.agent,
      accountId: row.account_id,
      mode: row.mode,
      action: row.kind,
      objectId: row.target_id,
      amount: row.amount,
      currency: row.currency,
      outcome: ACTIVITY_OUTCOME[state],
      detail: result.error ?? result.resultStatus ?? null,
      requestId: result.requestId ?? null,
      resultId: result.resultId ?? null,
      intentId: row.intent_id,
    });
  }
}

/** The ledger's statements. Each move is guarded by the states it may leave, so a repeated move changes nothing. */
function prepareLedgerStatements(db: Database.Database) {
  return {
    get: db.prepare<[string], MutationRow>(`SELECT * FROM mutations WHERE intent_id = ?`),
    open: db.prepare<[], MutationRow>(
      `SELECT * FROM mutations WHERE state IN ('prepared','sending','unknown') ORDER BY created_at, rowid`,
    ),
    insert: db.prepare<[NewMutationRow]>(
      `INSERT INTO mutations (intent_id, idempotency_key, account_id, mode, kind, target_id, params, amount, currency, agent, state, created_at, updated_at)
       VALUES (@intent_id, @idempotency_key, @account_id, @mode, @kind, @target_id, @params, @amount, @currency, @agent, 'prepared', @created_at, @created_at)`,
    ),
    markSending: db.prepare<[{ intentId: string; at: number }]>(
      `UPDATE mutations SET state = 'sending', attempts = attempts + 1, first_sent_at = COALESCE(first_sent_at, @at), updated_at = @at
       WHERE intent_id = @intentId AND state IN ('prepared','sending','unknown')`,
    ),
    markNotSent: db.prepare<[{ state: MutationState; message: string; code: string; at: number; intentId: string }]>(
      `UPDATE mutations SET state = @state, error = @message, error_code = @code, updated_at = @at,
         first_sent_at = CASE WHEN @state = 'prepared' THEN NULL ELSE first_sent_at END
       WHERE intent_id = @intentId AND state = 'sending'`,
    ),
    markUnknown: db.prepare<[string, string, number, string]>(
      `UPDATE mutations SET state = 'unknown', error = ?, error_code = ?, updated_at = ? WHERE intent_id = ? AND state IN ('prepared','sending')`,
    ),
    settle: db.prepare<
      [
        {
          state: TerminalState;
          resultId: string | null;
          resultStatus: string | null;
          requestId: string | null;
          error: string | null;
          errorCode: string | null;
          at: number;
          intentId: string;
        },
      ]
    >(
      `UPDATE mutations SET state = @state, result_id = @resultId, result_status = @resultStatus, request_id = @requestId,
         error = @error, error_code = @errorCode, updated_at = @at
       WHERE intent_id = @intentId AND state IN ('prepared','sending','unknown')`,
    ),
  };
}
