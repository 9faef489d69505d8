import type { ReviewState, Scope } from '../../src-preload/contract';
import type { PgDatabase } from './pg-database';

/** A dispute's review marker as the team shares it. */
export interface SharedReview {
  disputeId: string;
  state: ReviewState;
  note: string;
  /** 1 for the first marker set on a dispute; each change adds one. */
  version: number;
  /** Unix ms on the team database's clock when it was set (shown, never compared: versions order markers). */
  updatedAt: number;
  updatedBy: string;
}

/**
 * What became of a marker pushed over a version: applied (the version it became) or refused (someone else's
 * replaced that version first); either way the marker as it stands now.
 */
export type ShareOutcome = ({ applied: true; version: number } | { applied: false }) & { current: SharedReview };

interface ReviewRow {
  state: ReviewState;
  note: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

/** The team database's clock in unix ms: markers carry the server's time, never a desktop's. */
const SERVER_MS = `(extract(epoch FROM clock_timestamp()) * 1000)::bigint`;

/**
 * The finance team's review markers on disputes, shared through the team database and versioned like drafts: a
 * console pushes a marker over the version it had taken, and the team database replaces the marker only if it is
 * still that version. A marker set over a version someone else replaced is refused and reported, not written over
 * theirs, and no desktop's clock takes part (a desktop whose clock is wrong can't overwrite a newer marker).
 */
export class TeamReviews {
  constructor(private readonly database: PgDatabase) {}

  async share(
    scope: Scope,
    sourceKey: string,
    review: { disputeId: string; state: ReviewState; note: string; agent: string },
    baseVersion: number,
  ): Promise<ShareOutcome> {
    const key = [scope.accountId, scope.mode, review.disputeId];
    return this.database.transaction(async (client) => {
      // Pushed before, its answer lost: it was applied then.
      const before = await client.query<{ version: number }>(
        'SELECT version FROM team_review_changes WHERE source_key = $1',
        [sourceKey],
      );
      let version = before.rows[0]?.version;
      if (version === undefined) {
        const { rows } = await client.query<{ version: number }>(
          `INSERT INTO team_reviews AS r (account_id, mode, dispute_id, state, note, version, updated_at, updated_by)
           VALUES ($1, $2, $3, $4, $5, 1, ${SERVER_MS}, $6)
           ON CONFLICT (account_id, mode, dispute_id) DO UPDATE SET state = excluded.state, note = excluded.note,
             version = r.version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by,
             txid = pg_current_xact_id()
           WHERE r.version = $7
           RETURNING version`,
          [...key, review.state, review.note, review.agent, baseVersion],
        );
        // A row comes back when inserted (the dispute's first marker replaces nobody's) or updated over the base.
        version = rows[0]?.version;
        if (version !== undefined)
          await client.query(
            `INSERT INTO team_review_changes (source_key, account_id, mode, dispute_id, version, state, note, agent)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [sourceKey, ...key, version, review.state, review.note, review.agent],
          );
      }
      // Locked by the upsert (or read as committed): the marker as it stands.
      const { rows } = await client.query<ReviewRow>(
        `SELECT state, note, version, updated_at, updated_by FROM team_reviews
         WHERE account_id = $1 AND mode = $2 AND dispute_id = $3`,
        key,
      );
      const row = rows[0]!;
      const current: SharedReview = {
        disputeId: review.disputeId,
        state: row.state,
        note: row.note,
        version: row.version,
        updatedAt: Number(row.updated_at),
        updatedBy: row.updated_by,
      };
      return version === undefined ? { applied: false, current } : { applied: true, version, current };
    });
  }
}
