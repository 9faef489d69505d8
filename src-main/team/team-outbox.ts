import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ReviewState, Scope } from '../../src-preload/contract';
import type { TeamActivityEntry } from './team-ledger';

/**
 * app.db's team outbox (owned by TeamOutbox): what a team-mode console recorded for the team — Activity entries and
 * review markers — kept here until PostgreSQL has it, so nothing is lost while the team database is out of reach or
 * across a restart. `source_key` is the entry's name in the team database (its unique key there), so pushing it
 * again after a commit whose answer was lost changes nothing. `team_review_versions` is the team's version of each
 * dispute's marker this console last took: a marker set here is shared only over that version.
 */
export const TEAM_OUTBOX_SCHEMA = `
  CREATE TABLE team_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    source_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('activity', 'review')),
    account_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    activity_id INTEGER,
    dispute_id TEXT,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  );
  CREATE INDEX team_outbox_activity ON team_outbox (activity_id) WHERE activity_id IS NOT NULL;
  CREATE INDEX team_outbox_review ON team_outbox (account_id, mode, dispute_id) WHERE dispute_id IS NOT NULL;
  CREATE TABLE team_review_versions (
    account_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    dispute_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (account_id, mode, dispute_id)
  );
`;

/** An Activity entry as recorded on this console: `at` is its unix seconds here. */
export type OutboxActivity = TeamActivityEntry & { id: number; at: number };
/** A review marker this console's agent set, as it goes to the team. */
export interface OutboxReview {
  state: ReviewState;
  note: string;
  agent: string;
}

export type OutboxItem = { seq: number; sourceKey: string; scope: Scope; attempts: number } & (
  | { kind: 'activity'; activity: OutboxActivity }
  | { kind: 'review'; disputeId: string; review: OutboxReview }
);

interface OutboxRow {
  seq: number;
  source_key: string;
  kind: 'activity' | 'review';
  account_id: string;
  mode: Scope['mode'];
  dispute_id: string | null;
  payload: string;
  attempts: number;
}

/** The team outbox and the review versions this console took, in app.db; pushed in `seq` order by TeamOutboxPush. */
export class TeamOutbox {
  constructor(private readonly db: Database.Database) {}

  addActivity(entry: OutboxActivity): void {
    this.add('activity', entry, { activityId: entry.id, disputeId: null }, entry);
  }

  addReview(scope: Scope, disputeId: string, review: OutboxReview): void {
    this.add('review', scope, { activityId: null, disputeId }, review);
  }

  /** The oldest entry not yet in the team database. */
  next(): OutboxItem | null {
    const row = this.db.prepare(`SELECT * FROM team_outbox ORDER BY seq LIMIT 1`).get() as OutboxRow | undefined;
    return row ? toItem(row) : null;
  }

  /** The team database has it: it leaves the outbox. */
  shared(seq: number): void {
    this.db.prepare(`DELETE FROM team_outbox WHERE seq = ?`).run(seq);
  }

  /** A push that failed: the entry stays, first in line, with why. */
  failed(seq: number, error: string): void {
    this.db.prepare(`UPDATE team_outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?`).run(error, seq);
  }

  /** Takes every pending marker of a dispute out (a conflict: they were all set over a version the team replaced). */
  dropReviews(scope: Scope, disputeId: string): OutboxItem[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(`SELECT * FROM team_outbox WHERE account_id = ? AND mode = ? AND dispute_id = ? ORDER BY seq`)
        .all(scope.accountId, scope.mode, disputeId) as OutboxRow[];
      this.db
        .prepare(`DELETE FROM team_outbox WHERE account_id = ? AND mode = ? AND dispute_id = ?`)
        .run(scope.accountId, scope.mode, disputeId);
      return rows.map(toItem);
    })();
  }

  hasPendingReview(scope: Scope, disputeId: string): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM team_outbox WHERE account_id = ? AND mode = ? AND dispute_id = ? LIMIT 1`)
        .get(scope.accountId, scope.mode, disputeId) !== undefined
    );
  }

  /** The team's version of a dispute's marker this console last took (0: none yet). */
  reviewVersion(scope: Scope, disputeId: string): number {
    return (
      (this.db
        .prepare(`SELECT version FROM team_review_versions WHERE account_id = ? AND mode = ? AND dispute_id = ?`)
        .pluck()
        .get(scope.accountId, scope.mode, disputeId) as number | undefined) ?? 0
    );
  }

  setReviewVersion(scope: Scope, disputeId: string, version: number): void {
    this.db
      .prepare(
        `INSERT INTO team_review_versions (account_id, mode, dispute_id, version) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, mode, dispute_id) DO UPDATE SET version = excluded.version`,
      )
      .run(scope.accountId, scope.mode, disputeId, version);
  }

  /** Which of these local Activity entries are not in the team's Activity yet. */
  unsharedActivity(ids: number[]): Set<number> {
    if (ids.length === 0) return new Set();
    const rows = this.db
      .prepare(`SELECT activity_id FROM team_outbox WHERE activity_id IN (SELECT value FROM json_each(?))`)
      .pluck()
      .all(JSON.stringify(ids)) as number[];
    return new Set(rows);
  }

  /** A removed account's entries go with it (account removal, docs/security.md). */
  forget(scope: Scope): void {
    for (const table of ['team_outbox', 'team_review_versions'])
      this.db.prepare(`DELETE FROM ${table} WHERE account_id = ? AND mode = ?`).run(scope.accountId, scope.mode);
  }

  private add(
    kind: OutboxRow['kind'],
    scope: Scope,
    subject: { activityId: number | null; disputeId: string | null },
    payload: object,
  ): void {
    this.db
      .prepare(
        `INSERT INTO team_outbox (source_key, kind, account_id, mode, activity_id, dispute_id, payload)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        randomUUID(),
        kind,
        scope.accountId,
        scope.mode,
        subject.activityId,
        subject.disputeId,
        JSON.stringify(payload),
      );
  }
}

function toItem(row: OutboxRow): OutboxItem {
  const base = {
    seq: row.seq,
    sourceKey: row.source_key,
    scope: { accountId: row.account_id, mode: row.mode },
    attempts: row.attempts,
  };
  return row.kind === 'activity'
    ? { ...base, kind: 'activity', activity: JSON.parse(row.payload) as OutboxActivity }
    : { ...base, kind: 'review', disputeId: row.dispute_id!, review: JSON.parse(row.payload) as OutboxReview };
}
