import type { Scope } from '../../src-preload/contract';
import {
  META,
  type BackfillResource,
  type Checkpoint,
  type EventRecord,
  type EventSource,
  type Freshness,
  type ResourceState,
  type StripeObjectLike,
  type UpsertOutcome,
} from '../cache';
import type { SyncStatusView, SyncStore, SyncWrites } from '../sync/sync-store';
import { decide, type StoredSnapshot } from './stored-snapshot';
import type { PgDatabase, Queryable } from './pg-database';

interface StoredRow {
  id: string;
  deleted: boolean;
  fresh_lo: string;
  fresh_hi: string;
  created: string;
  data: unknown;
}

interface StateRow {
  resource: BackfillResource;
  complete: boolean;
  checkpoint: Checkpoint | null;
  fetched: string;
  started_at: string | null;
  last_run_at: string | null;
  completed_at: string | null;
  last_error: string | null;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

function toState(row: StateRow): ResourceState {
  return {
    resource: row.resource,
    complete: row.complete,
    checkpoint: row.checkpoint,
    fetched: Number(row.fetched),
    startedAt: num(row.started_at),
    lastRunAt: num(row.last_run_at),
    completedAt: num(row.completed_at),
    lastError: row.last_error,
  };
}

const emptyState = (resource: BackfillResource): ResourceState => ({
  resource,
  complete: false,
  checkpoint: null,
  fetched: 0,
  startedAt: null,
  lastRunAt: null,
  completedAt: null,
  lastError: null,
});

/** A row as stored, seen by the freshness rule. */
function snapshot(row: StoredRow | undefined): StoredSnapshot | undefined {
  return (
    row && {
      created: Number(row.created),
      deleted: row.deleted,
      lo: Number(row.fresh_lo),
      hi: Number(row.fresh_hi),
      data: row.data,
    }
  );
}

/** The sync engine's statements for one account+mode, on one connection (inside a transaction) or the pool. */
class PgSyncWrites implements SyncWrites {
  private readonly key: [string, string];
  /** Events this transaction recorded as applied at their arrival: marking them again would be a wasted round trip. */
  private readonly appliedOnInsert = new Map<string, number>();

  constructor(
    private readonly db: Queryable,
    scope: Scope,
  ) {
    this.key = [scope.accountId, scope.mode];
  }

  async upsert(
    resource: BackfillResource,
    objects: readonly StripeObjectLike[],
    freshness: Freshness,
  ): Promise<UpsertOutcome> {
    const outcome: UpsertOutcome = { written: 0, skipped: 0, doubtful: [] };
    // One snapshot per id (an expanded payment method can repeat within a page), locked in id order: no deadlocks.
    const byId = new Map<string, StripeObjectLike>();
    for (const object of objects) if (!byId.has(object.id)) byId.set(object.id, object);
    outcome.skipped += objects.length - byId.size;
    if (byId.size === 0) return outcome;
    const ids = [...byId.keys()].sort();
    const stored = await this.lockRows(resource, ids);
    const writes: StripeObjectLike[] = [];
    const doubts: string[] = [];
    for (const id of ids) {
      const decision = decide(snapshot(stored.get(id)), byId.get(id)!, freshness);
      if (decision === 'write') writes.push(byId.get(id)!);
      else if (decision === 'doubt') doubts.push(id);
      else outcome.skipped++;
    }
    if (writes.length > 0) {
      const written = new Set(await this.write(resource, writes, freshness, stored));
      outcome.written += written.size;
      // Rows another transaction inserted since we looked: judged again, now that they are locked.
      const raced = writes.filter((o) => !written.has(o.id));
      if (raced.length > 0) {
        const again = await this.lockRows(
          resource,
          raced.map((o) => o.id),
        );
        for (const object of raced) {
          if (decide(snapshot(again.get(object.id)), object, freshness) === 'doubt') doubts.push(object.id);
          else outcome.skipped++;
        }
      }
    }
    if (doubts.length > 0) {
      await this.db.query(
        `UPDATE stripe_objects SET in_doubt = true WHERE account_id = $1 AND mode = $2 AND resource = $3 AND id = ANY($4)`,
        [...this.key, resource, doubts],
      );
      outcome.doubtful.push(...doubts);
    }
    return outcome;
  }

  private async lockRows(resource: BackfillResource, ids: string[]): Promise<Map<string, StoredRow>> {
    const { rows } = await this.db.query<StoredRow>(
      `SELECT id, deleted, fresh_lo, fresh_hi, created, data FROM stripe_objects
       WHERE account_id = $1 AND mode = $2 AND resource = $3 AND id = ANY($4) ORDER BY id FOR UPDATE`,
      [...this.key, resource, ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Inserts or replaces, guarded again in SQL so a row written meanwhile by someone else is never overwritten by older data. */
  private async write(
    resource: BackfillResource,
    objects: StripeObjectLike[],
    freshness: Freshness,
    stored: Map<string, StoredRow>,
  ): Promise<string[]> {
    const ids: string[] = [];
    const created: number[] = [];
    const deleted: boolean[] = [];
    const data: string[] = [];
    for (const object of objects) {
      const previous = stored.get(object.id);
      ids.push(object.id);
      created.push(object.created ?? (previous ? Number(previous.created) : 0));
      deleted.push(object.deleted === true);
      // A deletion keeps the object's last data, as the desktop cache does.
      data.push(JSON.stringify(object.deleted && previous ? previous.data : object));
    }
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO stripe_objects AS o (account_id, mode, resource, id, created, deleted, fresh_lo, fresh_hi, data)
       SELECT $1, $2, $3, w.id, w.created, w.deleted, $4, $5, w.data
       FROM unnest($6::text[], $7::bigint[], $8::boolean[], $9::jsonb[]) AS w(id, created, deleted, data)
       ON CONFLICT (account_id, mode, resource, id) DO UPDATE SET
         created = excluded.created, deleted = excluded.deleted, fresh_lo = excluded.fresh_lo,
         fresh_hi = excluded.fresh_hi, data = excluded.data, in_doubt = false, txid = pg_current_xact_id()
       WHERE NOT o.deleted AND (o.fresh_hi < excluded.fresh_lo OR excluded.deleted)
       RETURNING o.id`,
      [...this.key, resource, freshness.lo, freshness.hi, ids, created, deleted, data],
    );
    return rows.map((r) => r.id);
  }

  async markDeleted(resource: BackfillResource, id: string, freshness: Freshness): Promise<void> {
    await this.db.query(
      `INSERT INTO stripe_objects AS o (account_id, mode, resource, id, created, deleted, fresh_lo, fresh_hi, data)
       VALUES ($1, $2, $3, $4, 0, true, $5, $6, $7)
       ON CONFLICT (account_id, mode, resource, id) DO UPDATE SET deleted = true, fresh_lo = excluded.fresh_lo,
         fresh_hi = excluded.fresh_hi, in_doubt = false, txid = pg_current_xact_id()
       WHERE NOT o.deleted`,
      [...this.key, resource, id, freshness.lo, freshness.hi, JSON.stringify({ id, deleted: true })],
    );
  }

  /**
   * Polled and webhook events are applied in the transaction that records them, so they are stored applied (at
   * their arrival, as the applier marks them); should the transaction fail, neither the record nor the mark stays.
   */
  async recordEvent(event: EventRecord, source: EventSource, receivedAt: number): Promise<boolean> {
    const appliedAt = source === 'history' ? null : receivedAt;
    const { rowCount } = await this.db.query(
      `INSERT INTO stripe_events (account_id, mode, id, created, type, source, received_at, applied_at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [...this.key, event.id, event.created, event.type, source, receivedAt, appliedAt, JSON.stringify(event)],
    );
    if (rowCount === 1 && appliedAt !== null) this.appliedOnInsert.set(event.id, appliedAt);
    return rowCount === 1;
  }

  async markEventApplied(id: string, at: number): Promise<void> {
    if (this.appliedOnInsert.get(id) === at) return;
    await this.db.query(
      'UPDATE stripe_events SET applied_at = $4, txid = pg_current_xact_id() WHERE account_id = $1 AND mode = $2 AND id = $3',
      [...this.key, id, at],
    );
  }

  async resourceState(resource: BackfillResource): Promise<ResourceState> {
    const { rows } = await this.db.query<StateRow>(
      'SELECT * FROM sync_state WHERE account_id = $1 AND mode = $2 AND resource = $3',
      [...this.key, resource],
    );
    return rows[0] ? toState(rows[0]) : emptyState(resource);
  }

  async allStates(): Promise<ResourceState[]> {
    const { rows } = await this.db.query<StateRow>(
      'SELECT * FROM sync_state WHERE account_id = $1 AND mode = $2 ORDER BY resource',
      this.key,
    );
    return rows.map(toState);
  }

  async beginResource(resource: BackfillResource, checkpoint: Checkpoint, now: number): Promise<void> {
    await this.db.query(
      `INSERT INTO sync_state (account_id, mode, resource, complete, checkpoint, fetched, started_at, last_run_at)
       VALUES ($1, $2, $3, false, $4, 0, $5, $5)
       ON CONFLICT (account_id, mode, resource) DO UPDATE SET complete = false, checkpoint = excluded.checkpoint,
         fetched = 0, started_at = excluded.started_at, last_run_at = excluded.last_run_at, completed_at = NULL,
         last_error = NULL`,
      [...this.key, resource, JSON.stringify(checkpoint), now],
    );
  }

  async progress(resource: BackfillResource, checkpoint: Checkpoint, fetchedDelta: number, now: number): Promise<void> {
    await this.db.query(
      `UPDATE sync_state SET checkpoint = $4, fetched = fetched + $5, last_run_at = $6, last_error = NULL
       WHERE account_id = $1 AND mode = $2 AND resource = $3`,
      [...this.key, resource, JSON.stringify(checkpoint), fetchedDelta, now],
    );
  }

  async completeResource(resource: BackfillResource, now: number): Promise<void> {
    await this.db.query(
      `UPDATE sync_state SET complete = true, checkpoint = NULL, completed_at = $4, last_run_at = $4, last_error = NULL
       WHERE account_id = $1 AND mode = $2 AND resource = $3`,
      [...this.key, resource, now],
    );
  }

  async resourceError(resource: BackfillResource, message: string, now: number): Promise<void> {
    await this.db.query(
      'UPDATE sync_state SET last_error = $4, last_run_at = $5 WHERE account_id = $1 AND mode = $2 AND resource = $3',
      [...this.key, resource, message, now],
    );
  }

  async invalidateAll(): Promise<void> {
    await this.db.query('DELETE FROM sync_state WHERE account_id = $1 AND mode = $2', this.key);
  }

  async getMeta(key: string): Promise<string | null> {
    const { rows } = await this.db.query<{ value: string }>(
      'SELECT value FROM sync_meta WHERE account_id = $1 AND mode = $2 AND key = $3',
      [...this.key, key],
    );
    return rows[0]?.value ?? null;
  }

  async setMeta(key: string, value: string | number): Promise<void> {
    await this.db.query(
      `INSERT INTO sync_meta (account_id, mode, key, value) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, mode, key) DO UPDATE SET value = excluded.value`,
      [...this.key, key, String(value)],
    );
  }

  async countLive(resource: BackfillResource): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM stripe_objects WHERE account_id = $1 AND mode = $2 AND resource = $3 AND NOT deleted',
      [...this.key, resource],
    );
    return Number(rows[0]!.n);
  }
}

/**
 * The sync engine's storage in the team database, for one account+mode. A transaction commits a whole backfill
 * page with its checkpoint, or a whole poll with its cursor; after a lost connection or a deadlock it is run
 * again from the start (PgDatabase), so nothing is half-written, lost or doubled.
 */
export class PgSyncStore implements SyncStore {
  constructor(
    private readonly database: PgDatabase,
    readonly scope: Scope,
  ) {}

  transaction<T>(work: (tx: SyncWrites) => Promise<T>): Promise<T> {
    return this.database.transaction((client) => work(new PgSyncWrites(client, this.scope)));
  }

  /** The same statements inside a transaction a caller holds (webhook workers commit a batch of events at once). */
  writesOn(client: Queryable): SyncWrites {
    return new PgSyncWrites(client, this.scope);
  }

  private one<T>(work: (tx: PgSyncWrites) => Promise<T>): Promise<T> {
    return this.database.transaction((client) => work(new PgSyncWrites(client, this.scope)));
  }

  async statusView(): Promise<SyncStatusView> {
    return this.one(async (tx) => ({
      states: await tx.allStates(),
      paymentMethods: await tx.countLive('payment_methods'),
      dataAsOf: num(await tx.getMeta(META.dataAsOf)),
    }));
  }

  /** Objects whose stored snapshot is in doubt (a refetch was due when the service last stopped). */
  async inDoubt(): Promise<{ resource: BackfillResource; id: string }[]> {
    const { rows } = await this.database.query<{ resource: BackfillResource; id: string }>(
      'SELECT resource, id FROM stripe_objects WHERE account_id = $1 AND mode = $2 AND in_doubt',
      [this.scope.accountId, this.scope.mode],
    );
    return rows;
  }

  upsert: SyncWrites['upsert'] = (r, o, f) => this.one((tx) => tx.upsert(r, o, f));
  markDeleted: SyncWrites['markDeleted'] = (r, id, f) => this.one((tx) => tx.markDeleted(r, id, f));
  recordEvent: SyncWrites['recordEvent'] = (e, s, at) => this.one((tx) => tx.recordEvent(e, s, at));
  markEventApplied: SyncWrites['markEventApplied'] = (id, at) => this.one((tx) => tx.markEventApplied(id, at));
  resourceState: SyncWrites['resourceState'] = (r) => this.one((tx) => tx.resourceState(r));
  beginResource: SyncWrites['beginResource'] = (r, c, now) => this.one((tx) => tx.beginResource(r, c, now));
  progress: SyncWrites['progress'] = (r, c, d, now) => this.one((tx) => tx.progress(r, c, d, now));
  completeResource: SyncWrites['completeResource'] = (r, now) => this.one((tx) => tx.completeResource(r, now));
  resourceError: SyncWrites['resourceError'] = (r, m, now) => this.one((tx) => tx.resourceError(r, m, now));
  invalidateAll: SyncWrites['invalidateAll'] = () => this.one((tx) => tx.invalidateAll());
  getMeta: SyncWrites['getMeta'] = (k) => this.one((tx) => tx.getMeta(k));
  setMeta: SyncWrites['setMeta'] = (k, v) => this.one((tx) => tx.setMeta(k, v));
}
