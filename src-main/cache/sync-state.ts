import type Database from 'better-sqlite3';
import type { BackfillResource } from './resources';

/** A slice of the `created` axis still to fetch: [lo, hi) seconds, continuing after `after` when set. */
export interface PendingRange {
  lo: number;
  /** null = no upper bound (newest objects). */
  hi: number | null;
  /** Last object fetched in this range (pages continue with starting_after). */
  after: string | null;
  /** `created` of that object: the range's remaining part is [lo, afterCreated]. */
  afterCreated: number | null;
}

export interface Checkpoint {
  ranges: PendingRange[];
}

export interface ResourceState {
  resource: BackfillResource;
  complete: boolean;
  checkpoint: Checkpoint | null;
  fetched: number;
  startedAt: number | null;
  lastRunAt: number | null;
  completedAt: number | null;
  lastError: string | null;
}

interface Row {
  resource: BackfillResource;
  complete: number;
  checkpoint: string | null;
  fetched: number;
  started_at: number | null;
  last_run_at: number | null;
  completed_at: number | null;
  last_error: string | null;
}

/** Well-known keys in `meta`. */
export const META = {
  /** Unix seconds: the poller lists events created at or after this. */
  eventsSince: 'events.since',
  lastEventId: 'events.last_id',
  /** Unix ms of the last successful poll. */
  lastPollAt: 'events.last_poll_at',
  /** Unix ms: everything in the cache reflects Stripe at least as of this moment. */
  dataAsOf: 'data_as_of',
  /** Why the last full backfill was started (first run, away > 30 days, …). */
  backfillReason: 'backfill.reason',
} as const;

/** Per-resource backfill checkpoints and small key/values, kept in the same file as the data they describe. */
export class SyncStateStore {
  constructor(private readonly db: Database.Database) {}

  get(resource: BackfillResource): ResourceState {
    const row = this.db.prepare('SELECT * FROM sync_state WHERE resource = ?').get(resource) as Row | undefined;
    return row ? toState(row) : emptyState(resource);
  }

  all(): ResourceState[] {
    return (this.db.prepare('SELECT * FROM sync_state ORDER BY resource').all() as Row[]).map(toState);
  }

  /** Begins (or re-begins) a backfill of a resource with the given ranges still to fetch. */
  begin(resource: BackfillResource, checkpoint: Checkpoint, now: number): void {
    this.db
      .prepare(
        `INSERT INTO sync_state (resource, complete, checkpoint, fetched, started_at, last_run_at, completed_at, last_error)
         VALUES (?, 0, ?, 0, ?, ?, NULL, NULL)
         ON CONFLICT(resource) DO UPDATE SET complete = 0, checkpoint = excluded.checkpoint, fetched = 0,
           started_at = excluded.started_at, last_run_at = excluded.last_run_at, completed_at = NULL, last_error = NULL`,
      )
      .run(resource, JSON.stringify(checkpoint), now, now);
  }

  /** Records progress; call inside the transaction that stored the page, so data and checkpoint agree. */
  progress(resource: BackfillResource, checkpoint: Checkpoint, fetchedDelta: number, now: number): void {
    this.db
      .prepare(
        'UPDATE sync_state SET checkpoint = ?, fetched = fetched + ?, last_run_at = ?, last_error = NULL WHERE resource = ?',
      )
      .run(JSON.stringify(checkpoint), fetchedDelta, now, resource);
  }

  complete(resource: BackfillResource, now: number): void {
    this.db
      .prepare(
        'UPDATE sync_state SET complete = 1, checkpoint = NULL, completed_at = ?, last_run_at = ?, last_error = NULL WHERE resource = ?',
      )
      .run(now, now, resource);
  }

  error(resource: BackfillResource, message: string, now: number): void {
    this.db
      .prepare('UPDATE sync_state SET last_error = ?, last_run_at = ? WHERE resource = ?')
      .run(message, now, resource);
  }

  /** Marks every resource for a fresh backfill (e.g. after more than 30 days away); cached rows stay. */
  invalidateAll(): void {
    this.db.prepare('DELETE FROM sync_state').run();
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  getMetaNumber(key: string): number | null {
    const value = this.getMeta(key);
    return value === null ? null : Number(value);
  }

  setMeta(key: string, value: string | number): void {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, String(value));
  }
}

function toState(row: Row): ResourceState {
  return {
    resource: row.resource,
    complete: row.complete === 1,
    checkpoint: row.checkpoint ? (JSON.parse(row.checkpoint) as Checkpoint) : null,
    fetched: row.fetched,
    startedAt: row.started_at,
    lastRunAt: row.last_run_at,
    completedAt: row.completed_at,
    lastError: row.last_error,
  };
}

function emptyState(resource: BackfillResource): ResourceState {
  return {
    resource,
    complete: false,
    checkpoint: null,
    fetched: 0,
    startedAt: null,
    lastRunAt: null,
    completedAt: null,
    lastError: null,
  };
}
