import type Database from 'better-sqlite3';
import type { Mode, Scope, WebhookDelivery, WebhookOutcome } from '../../src-preload/contract';
import { keysetPage, type KeysetPage } from '../cache';
import type { Migration } from '../platform/migrations';

/**
 * `<dataDir>/webhooks.db`: the receiver's durable inbox (events acknowledged to Stripe but maybe not yet
 * applied) and its log of every delivery. Neither ever holds the signing secret.
 *   inbox(seq PK, event_id UNIQUE, account_id, mode, received_at ms, payload raw JSON, applied_at ms)
 *   deliveries(id PK, received_at ms, outcome accepted|duplicate|rejected, reason, event_id, event_type, account_id, mode)
 */
export const WEBHOOK_MIGRATIONS: readonly Migration[] = [
  (db) =>
    db.exec(`
      CREATE TABLE inbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        payload TEXT NOT NULL,
        applied_at INTEGER
      );
      CREATE INDEX inbox_pending ON inbox (seq) WHERE applied_at IS NULL;
      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        received_at INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        reason TEXT,
        event_id TEXT,
        event_type TEXT,
        account_id TEXT,
        mode TEXT
      );
      CREATE INDEX deliveries_outcome ON deliveries (outcome, id);
    `),
];

export interface InboxItem {
  seq: number;
  eventId: string;
  scope: Scope;
  receivedAt: number;
  payload: string;
}

interface DeliveryRow {
  id: number;
  received_at: number;
  outcome: WebhookOutcome;
  reason: string | null;
  event_id: string | null;
  event_type: string | null;
  account_id: string | null;
  mode: Mode | null;
}

type DeliveryFields = Omit<WebhookDelivery, 'id'>;

/** Both tables grow from outside (signed deliveries): each keeps only its newest rows. */
export const WEBHOOK_LOG_LIMITS = { deliveries: 10_000, appliedInbox: 10_000, pruneEvery: 100 };
export type WebhookLogLimits = typeof WEBHOOK_LOG_LIMITS;

export class WebhookLog {
  constructor(
    private readonly db: Database.Database,
    private readonly limits: WebhookLogLimits = WEBHOOK_LOG_LIMITS,
  ) {
    // A forgotten account's events are overwritten, not left readable in free pages.
    db.pragma('secure_delete = ON');
  }

  /** Records a delivery and, if accepted, puts its event in the inbox — one transaction, before answering 2xx. */
  receive(delivery: DeliveryFields, inbox: { payload: string; scope: Scope } | null): WebhookDelivery {
    return this.db.transaction(() => {
      let outcome = delivery.outcome;
      if (inbox && delivery.eventId) {
        const inserted = this.db
          .prepare(
            'INSERT OR IGNORE INTO inbox (event_id, account_id, mode, received_at, payload) VALUES (?, ?, ?, ?, ?)',
          )
          .run(delivery.eventId, inbox.scope.accountId, inbox.scope.mode, delivery.receivedAt, inbox.payload);
        if (inserted.changes === 0) outcome = 'duplicate';
      }
      const reason = outcome === 'duplicate' && !delivery.reason ? 'event already received' : delivery.reason;
      const id = this.db
        .prepare(
          'INSERT INTO deliveries (received_at, outcome, reason, event_id, event_type, account_id, mode) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          delivery.receivedAt,
          outcome,
          reason,
          delivery.eventId,
          delivery.eventType,
          delivery.accountId,
          delivery.mode,
        ).lastInsertRowid;
      if (Number(id) % this.limits.pruneEvery === 0) this.prune();
      return { ...delivery, outcome, reason, id: Number(id) };
    })();
  }

  pending(limit = 100): InboxItem[] {
    const rows = this.db
      .prepare(
        'SELECT seq, event_id, account_id, mode, received_at, payload FROM inbox WHERE applied_at IS NULL ORDER BY seq LIMIT ?',
      )
      .all(limit) as {
      seq: number;
      event_id: string;
      account_id: string;
      mode: Mode;
      received_at: number;
      payload: string;
    }[];
    return rows.map((r) => ({
      seq: r.seq,
      eventId: r.event_id,
      scope: { accountId: r.account_id, mode: r.mode },
      receivedAt: r.received_at,
      payload: r.payload,
    }));
  }

  /** Drops the oldest log lines and applied inbox rows beyond the limits; pending events are never dropped. */
  prune(): void {
    this.db
      .prepare('DELETE FROM deliveries WHERE id <= (SELECT max(id) FROM deliveries) - ?')
      .run(this.limits.deliveries);
    this.db
      .prepare(
        `DELETE FROM inbox WHERE applied_at IS NOT NULL AND seq <
           (SELECT seq FROM inbox WHERE applied_at IS NOT NULL ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
      )
      .run(this.limits.appliedInbox - 1);
  }

  /** An inbox event whose account is gone: nothing can apply it, so it leaves the inbox. */
  discard(seq: number): void {
    this.db.prepare('DELETE FROM inbox WHERE seq = ?').run(seq);
  }

  pendingCount(): number {
    return this.db.prepare('SELECT count(*) FROM inbox WHERE applied_at IS NULL').pluck().get() as number;
  }

  markApplied(seq: number, at: number): void {
    this.db.prepare('UPDATE inbox SET applied_at = ? WHERE seq = ?').run(at, seq);
  }

  deliveries(options: {
    outcome?: WebhookOutcome;
    cursor?: string | null;
    limit: number;
  }): KeysetPage<WebhookDelivery> {
    const page = keysetPage<DeliveryRow & Record<string, unknown>>(this.db, {
      select: 'SELECT * FROM deliveries',
      where: options.outcome ? ['outcome = ?'] : [],
      params: options.outcome ? [options.outcome] : [],
      order: { columns: ['id'], direction: 'desc' },
      cursor: options.cursor ?? null,
      limit: options.limit,
    });
    return { rows: page.rows.map(toDelivery), nextCursor: page.nextCursor };
  }

  /** Drops an account's inbox rows and log lines (one mode, or all) when it is removed. */
  forget(accountId: string, mode?: Mode): void {
    const modes = mode ? [mode] : ['test', 'live'];
    for (const table of ['inbox', 'deliveries'])
      for (const m of modes)
        this.db.prepare(`DELETE FROM ${table} WHERE account_id = ? AND mode = ?`).run(accountId, m);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    receivedAt: row.received_at,
    outcome: row.outcome,
    reason: row.reason,
    eventId: row.event_id,
    eventType: row.event_type,
    accountId: row.account_id,
    mode: row.mode,
  };
}
