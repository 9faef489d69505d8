import type { ReviewState, Scope } from '../../src-preload/contract';
import type { PgDatabase } from './pg-database';

/** A dispute's review marker as the team shares it. */
export interface SharedReview {
  disputeId: string;
  state: ReviewState;
  note: string;
  /** Unix ms on the desktop that set it: the newest marker wins. */
  updatedAt: number;
  updatedBy: string;
}

/**
 * The finance team's review markers on disputes, shared through the team database: each console writes the markers
 * its agent sets (the newest wins, whoever's desktop it came from) and copies the others' into its own app.db.
 */
export class TeamReviews {
  constructor(
    private readonly database: PgDatabase,
    private readonly agent: () => string,
  ) {}

  async share(scope: Scope, review: Omit<SharedReview, 'updatedBy'>): Promise<void> {
    await this.database.query(
      `INSERT INTO team_reviews (account_id, mode, dispute_id, state, note, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (account_id, mode, dispute_id) DO UPDATE SET state = excluded.state, note = excluded.note,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by, txid = pg_current_xact_id()
       WHERE team_reviews.updated_at < excluded.updated_at`,
      [scope.accountId, scope.mode, review.disputeId, review.state, review.note, review.updatedAt, this.agent()],
    );
  }
}
