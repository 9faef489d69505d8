import type Database from 'better-sqlite3';
import type { Mode } from '../../src-preload/contract';

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

export type ActivityListener = (entry: ActivityEntryInput & { id: number; at: number }) => void;

/** Append-only record of what agents did (the table refuses UPDATE and DELETE). */
export class ActivityLog {
  private readonly insert: Database.Statement;
  private readonly listeners = new Set<ActivityListener>();

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(`
      INSERT INTO activity (at, agent, account_id, mode, action, object_id, amount, currency, outcome, detail, request_id, result_id, intent_id)
      VALUES (@at, @agent, @accountId, @mode, @action, @objectId, @amount, @currency, @outcome, @detail, @requestId, @resultId, @intentId)`);
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
    const id = Number(this.insert.run(row).lastInsertRowid);
    for (const listener of this.listeners) listener({ ...row, id });
    return id;
  }

  onRecord(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get database(): Database.Database {
    return this.db;
  }
}
