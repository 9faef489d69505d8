import type { Scope } from '../../src-preload/contract';
import { META, type BackfillResource, type CacheStore, type EventRecord, type EventSource } from '../cache';
import type { PgDatabase } from './pg-database';
import type { SharedReview } from './team-reviews';

/** Where a console in team mode stands: what it copied from the team database, and when. */
export interface TeamSourceStatus {
  /** Unix ms the sync service last knew Stripe's state (its data-as-of), as of the last copy. */
  dataAsOf: number | null;
  /** Unix ms of the last successful copy; null before the first. */
  lastPullAt: number | null;
  /** Why the last copy failed (PostgreSQL unreachable, role not allowed), or null. */
  error: string | null;
}

interface ObjectRow {
  resource: BackfillResource;
  id: string;
  deleted: boolean;
  fresh_lo: string;
  fresh_hi: string;
  data: Record<string, unknown> & { id: string; object: string };
  txid: string;
}

interface EventRow {
  id: string;
  source: EventSource;
  received_at: string;
  applied_at: string | null;
  data: EventRecord;
  txid: string;
}

interface ReviewRow extends Omit<SharedReview, 'updatedAt'> {
  updatedAt: string;
  txid: string;
}

const OBJECTS_CURSOR = 'team.objects_after';
/** Renamed when markers got versions: a console from before copies every marker once more, with its version. */
const REVIEWS_CURSOR = 'team.review_versions_after';
const EVENTS_CURSOR = 'team.events_after';
const LAST_PULL = 'team.last_pull_at';
const PAGE = 2_000;

/** Rows written by transactions that have all ended: nothing can commit behind the cursor later. */
const SETTLED = 'txid < pg_snapshot_xmin(pg_current_snapshot())';

/**
 * A console in team mode doesn't sync itself: it copies what the team's sync service stored in PostgreSQL
 * (read-only role) into its own SQLite cache, so every view reads as before and keeps working offline. The copy
 * follows each row's last writing transaction (txid order, only below the oldest still running, so a slow
 * transaction can't commit behind the cursor), and each snapshot keeps the freshness window the service gave it:
 * an agent's own fresher write-back is never replaced by an older copy.
 */
export class TeamSource {
  private lastError: string | null = null;

  constructor(
    private readonly database: PgDatabase,
    private readonly cache: CacheStore,
    private readonly now: () => number,
  ) {}

  get scope(): Scope {
    return this.cache.scope;
  }

  /** Copies everything changed since the last copy; returns how many rows it took. */
  async pull(): Promise<number> {
    try {
      let copied = 0;
      for (let n = await this.pullObjects(); n > 0; n = await this.pullObjects()) copied += n;
      for (let n = await this.pullEvents(); n > 0; n = await this.pullEvents()) copied += n;
      const { rows } = await this.database.pool.query<{ value: string }>(
        `SELECT value FROM sync_meta WHERE account_id = $1 AND mode = $2 AND key = $3`,
        [this.scope.accountId, this.scope.mode, META.dataAsOf],
      );
      this.cache.transaction(() => {
        if (rows[0]) this.cache.state.setMeta(META.dataAsOf, rows[0].value);
        this.cache.state.setMeta(LAST_PULL, this.now());
      });
      this.lastError = null;
      return copied;
    } catch (err) {
      this.lastError = `Team database unreachable or refused (${(err as { code?: string }).code ?? 'error'}): showing the copy on this computer.`;
      throw err;
    }
  }

  status(): TeamSourceStatus {
    return {
      dataAsOf: this.cache.state.getMetaNumber(META.dataAsOf),
      lastPullAt: this.cache.state.getMetaNumber(LAST_PULL),
      error: this.lastError,
    };
  }

  /** Copies the review markers the team set since the last copy; `apply` decides by their versions. */
  async pullReviews(apply: (review: SharedReview) => void): Promise<number> {
    let copied = 0;
    for (;;) {
      const [txid, disputeId] = (this.cache.state.getMeta(REVIEWS_CURSOR) ?? '0|').split('|');
      const { rows } = await this.database.pool.query<ReviewRow>(
        `SELECT dispute_id AS "disputeId", state, note, version, updated_at AS "updatedAt", updated_by AS "updatedBy",
           txid::text AS txid FROM team_reviews
         WHERE account_id = $1 AND mode = $2 AND (txid, dispute_id) > ($3::xid8, $4) AND ${SETTLED}
         ORDER BY txid, dispute_id LIMIT ${PAGE}`,
        [this.scope.accountId, this.scope.mode, txid, disputeId],
      );
      if (rows.length === 0) return copied;
      for (const row of rows)
        apply({
          disputeId: row.disputeId,
          state: row.state,
          note: row.note,
          version: row.version,
          updatedAt: Number(row.updatedAt),
          updatedBy: row.updatedBy,
        });
      const last = rows[rows.length - 1]!;
      this.cache.state.setMeta(REVIEWS_CURSOR, `${last.txid}|${last.disputeId}`);
      copied += rows.length;
    }
  }

  private async pullObjects(): Promise<number> {
    const [txid, resource, id] = (this.cache.state.getMeta(OBJECTS_CURSOR) ?? '0||').split('|');
    // Straight to the pool: a console reading offline should fail fast, not wait for the server.
    const { rows } = await this.database.pool.query<ObjectRow>(
      `SELECT resource, id, deleted, fresh_lo, fresh_hi, data, txid::text AS txid FROM stripe_objects
       WHERE account_id = $1 AND mode = $2 AND (txid, resource, id) > ($3::xid8, $4, $5) AND ${SETTLED}
       ORDER BY txid, resource, id LIMIT ${PAGE}`,
      [this.scope.accountId, this.scope.mode, txid, resource, id],
    );
    if (rows.length === 0) return 0;
    this.cache.transaction(() => {
      for (const row of rows) {
        const freshness = { lo: Number(row.fresh_lo), hi: Number(row.fresh_hi) };
        if (row.deleted) this.cache.markDeleted(row.resource, row.id, freshness);
        else this.cache.upsert(row.resource, [row.data], freshness);
      }
      const last = rows[rows.length - 1]!;
      this.cache.state.setMeta(OBJECTS_CURSOR, `${last.txid}|${last.resource}|${last.id}`);
    });
    return rows.length;
  }

  private async pullEvents(): Promise<number> {
    const [txid, id] = (this.cache.state.getMeta(EVENTS_CURSOR) ?? '0|').split('|');
    const { rows } = await this.database.pool.query<EventRow>(
      `SELECT id, source, received_at, applied_at, data, txid::text AS txid FROM stripe_events
       WHERE account_id = $1 AND mode = $2 AND (txid, id) > ($3::xid8, $4) AND ${SETTLED}
       ORDER BY txid, id LIMIT ${PAGE}`,
      [this.scope.accountId, this.scope.mode, txid, id],
    );
    if (rows.length === 0) return 0;
    this.cache.transaction(() => {
      for (const row of rows) {
        this.cache.recordEvent(row.data, row.source, Number(row.received_at));
        if (row.applied_at !== null) this.cache.markEventApplied(row.id, Number(row.applied_at));
      }
      const last = rows[rows.length - 1]!;
      this.cache.state.setMeta(EVENTS_CURSOR, `${last.txid}|${last.id}`);
    });
    return rows.length;
  }
}
