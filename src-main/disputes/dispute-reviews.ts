import type Database from 'better-sqlite3';
import type { ReviewState, Scope } from '../../src-preload/contract';
import type { ActivityLog } from '../activity/activity-log';

export interface Review {
  state: ReviewState;
  note: string;
  updatedAt: number | null;
}

const UNREVIEWED: Review = { state: 'unreviewed', note: '', updatedAt: null };

export type ReviewListener = (scope: Scope, disputeId: string, review: Review & { updatedAt: number }) => void;

/** The finance team's own review state per dispute, every change recorded in the Activity log; shared in team mode. */
export class DisputeReviews {
  private readonly listeners = new Set<ReviewListener>();

  constructor(
    private readonly db: Database.Database,
    private readonly activity: ActivityLog,
    private readonly now: () => number,
  ) {}

  get(scope: Scope, disputeId: string): Review {
    const row = this.db
      .prepare(
        `SELECT state, note, updated_at FROM dispute_reviews WHERE account_id = ? AND mode = ? AND dispute_id = ?`,
      )
      .get(scope.accountId, scope.mode, disputeId) as
      | { state: ReviewState; note: string; updated_at: number }
      | undefined;
    return row ? { state: row.state, note: row.note, updatedAt: row.updated_at } : UNREVIEWED;
  }

  /** Review states of the given disputes (missing = unreviewed). */
  states(scope: Scope, disputeIds: string[]): Map<string, ReviewState> {
    if (disputeIds.length === 0) return new Map();
    const rows = this.db
      .prepare(
        `SELECT dispute_id, state FROM dispute_reviews WHERE account_id = ? AND mode = ? AND dispute_id IN (SELECT value FROM json_each(?))`,
      )
      .all(scope.accountId, scope.mode, JSON.stringify(disputeIds)) as { dispute_id: string; state: ReviewState }[];
    return new Map(rows.map((r) => [r.dispute_id, r.state]));
  }

  /** Ids of disputes in any of the given states other than `unreviewed` (those are few: set by hand). */
  idsIn(scope: Scope, states: ReviewState[]): string[] {
    return this.db
      .prepare(
        `SELECT dispute_id FROM dispute_reviews WHERE account_id = ? AND mode = ? AND state IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(scope.accountId, scope.mode, JSON.stringify(states)) as string[];
  }

  set(scope: Scope, disputeId: string, state: ReviewState, note: string, agent: string): Review {
    const updatedAt = this.now();
    this.db
      .prepare(
        `INSERT INTO dispute_reviews (account_id, mode, dispute_id, state, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, mode, dispute_id) DO UPDATE SET state = excluded.state, note = excluded.note, updated_at = excluded.updated_at`,
      )
      .run(scope.accountId, scope.mode, disputeId, state, note, updatedAt);
    this.activity.record({
      agent,
      accountId: scope.accountId,
      mode: scope.mode,
      action: 'dispute.review',
      objectId: disputeId,
      outcome: 'recorded',
      detail: note ? `${state}: ${note}` : state,
    });
    for (const listener of this.listeners) listener(scope, disputeId, { state, note, updatedAt });
    return { state, note, updatedAt };
  }

  /** Told of every review set on this console (team mode shares it with the team). */
  onSet(listener: ReviewListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A review set on another console of the team (team mode): team mode decides which is newer (by the team's
   * version, not by desktops' clocks) and hands over only those. The console that set it recorded it in its
   * Activity, so nothing is recorded here.
   */
  applyShared(scope: Scope, disputeId: string, review: Review & { updatedAt: number }): void {
    this.db
      .prepare(
        `INSERT INTO dispute_reviews (account_id, mode, dispute_id, state, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, mode, dispute_id) DO UPDATE SET state = excluded.state, note = excluded.note,
           updated_at = excluded.updated_at`,
      )
      .run(scope.accountId, scope.mode, disputeId, review.state, review.note, review.updatedAt);
  }

  /** A removed account's review states go with it (account removal, docs/security.md). */
  forget(scope: Scope): void {
    this.db.prepare(`DELETE FROM dispute_reviews WHERE account_id = ? AND mode = ?`).run(scope.accountId, scope.mode);
  }
}
