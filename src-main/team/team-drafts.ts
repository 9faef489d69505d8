import type { Scope } from '../../src-preload/contract';
import { ConsoleError } from '../../src-preload/contract';
import type { PgDatabase } from './pg-database';

export interface SharedDraft {
  evidence: Record<string, string>;
  /** 0 before anyone saved; each save adds one. A save names the version it was based on. */
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

/**
 * Dispute evidence drafts shared by the team. A save is based on the version the agent opened; if someone saved in
 * between, the save is refused (a conflict naming who and when) instead of silently overwriting their work.
 */
export class TeamDrafts {
  constructor(private readonly database: PgDatabase) {}

  async get(scope: Scope, disputeId: string): Promise<SharedDraft> {
    const { rows } = await this.database.query<{
      evidence: Record<string, string>;
      version: number;
      updated_by: string;
      updated_at: Date;
    }>(
      'SELECT evidence, version, updated_by, updated_at FROM team_dispute_drafts WHERE account_id = $1 AND mode = $2 AND dispute_id = $3',
      [scope.accountId, scope.mode, disputeId],
    );
    const row = rows[0];
    return row
      ? {
          evidence: row.evidence,
          version: row.version,
          updatedBy: row.updated_by,
          updatedAt: row.updated_at.toISOString(),
        }
      : { evidence: {}, version: 0, updatedBy: null, updatedAt: null };
  }

  /** Saves over `baseVersion`; returns the new version, or refuses when the draft moved on since. */
  async save(
    scope: Scope,
    disputeId: string,
    evidence: Record<string, string>,
    baseVersion: number,
    agent: string,
  ): Promise<number> {
    const { rows } = await this.database.query<{ version: number }>(
      `INSERT INTO team_dispute_drafts AS d (account_id, mode, dispute_id, evidence, version, updated_by)
       VALUES ($1, $2, $3, $4, 1, $6)
       ON CONFLICT (account_id, mode, dispute_id) DO UPDATE
         SET evidence = excluded.evidence, version = d.version + 1, updated_by = excluded.updated_by, updated_at = now()
         WHERE d.version = $5
       RETURNING version`,
      [scope.accountId, scope.mode, disputeId, JSON.stringify(evidence), baseVersion, agent],
    );
    // Inserted as version 1 only when nobody had saved (base 0); otherwise the guarded update decided.
    if (rows[0] && (baseVersion > 0 || rows[0].version === 1)) return rows[0].version;
    const current = await this.get(scope, disputeId);
    throw new ConsoleError(
      'conflict',
      `${current.updatedBy ?? 'Someone'} changed this draft (${current.updatedAt ?? 'just now'}) after you opened it. Reload it, then apply your changes again.`,
      { details: { version: current.version, updatedBy: current.updatedBy } },
    );
  }
}
