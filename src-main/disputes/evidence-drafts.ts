import type Database from 'better-sqlite3';
import type { Scope } from '../../src-preload/contract';
import {
  evidenceTextLength,
  TEXT_EVIDENCE_FIELDS,
  type EvidenceDraft,
  type EvidenceFileRef,
  type FileEvidenceField,
  type TextEvidence,
} from '../../src-preload/contract/disputes';

interface DraftRow {
  evidence: string;
  files: string;
  updated_at: number;
}

type Files = EvidenceDraft['files'];

/**
 * Evidence drafts, local first: saved in app.db as the user types (online or not), kept across restarts,
 * sent to Stripe only when the user stages or submits.
 */
export class EvidenceDrafts {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {}

  get(scope: Scope, disputeId: string): EvidenceDraft | null {
    const row = this.row(scope, disputeId);
    return row ? toDraft(row) : null;
  }

  /** Which of these disputes have a local draft. */
  drafted(scope: Scope, disputeIds: string[]): Set<string> {
    if (disputeIds.length === 0) return new Set();
    const ids = this.db
      .prepare(
        `SELECT dispute_id FROM dispute_drafts WHERE account_id = ? AND mode = ? AND dispute_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(scope.accountId, scope.mode, JSON.stringify(disputeIds)) as string[];
    return new Set(ids);
  }

  /** Replaces the text evidence; text over Stripe's limit is kept (refused only when sent). */
  saveText(scope: Scope, disputeId: string, evidence: TextEvidence): EvidenceDraft {
    return this.write(scope, disputeId, (draft) => ({ ...draft, evidence: onlyText(evidence) }));
  }

  setFile(scope: Scope, disputeId: string, field: FileEvidenceField, ref: EvidenceFileRef | null): EvidenceDraft {
    return this.write(scope, disputeId, (draft) => {
      const files: Files = { ...draft.files };
      if (ref) files[field] = ref;
      else delete files[field];
      return { ...draft, files };
    });
  }

  private write(
    scope: Scope,
    disputeId: string,
    change: (draft: { evidence: TextEvidence; files: Files }) => { evidence: TextEvidence; files: Files },
  ): EvidenceDraft {
    return this.db.transaction(() => {
      const row = this.row(scope, disputeId);
      const current = row ? toDraft(row) : { evidence: {}, files: {} };
      const next = change({ evidence: current.evidence, files: current.files });
      const updatedAt = this.now();
      this.db
        .prepare(
          `INSERT INTO dispute_drafts (account_id, mode, dispute_id, evidence, files, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (account_id, mode, dispute_id) DO UPDATE SET evidence = excluded.evidence, files = excluded.files, updated_at = excluded.updated_at`,
        )
        .run(
          scope.accountId,
          scope.mode,
          disputeId,
          JSON.stringify(next.evidence),
          JSON.stringify(next.files),
          updatedAt,
        );
      return { ...next, updatedAt, textLength: evidenceTextLength(next.evidence) };
    })();
  }

  /** A removed account's drafts go with it (account removal, docs/security.md). */
  forget(scope: Scope): void {
    this.db.prepare(`DELETE FROM dispute_drafts WHERE account_id = ? AND mode = ?`).run(scope.accountId, scope.mode);
  }

  private row(scope: Scope, disputeId: string): DraftRow | undefined {
    return this.db
      .prepare(
        `SELECT evidence, files, updated_at FROM dispute_drafts WHERE account_id = ? AND mode = ? AND dispute_id = ?`,
      )
      .get(scope.accountId, scope.mode, disputeId) as DraftRow | undefined;
  }
}

function toDraft(row: DraftRow): EvidenceDraft {
  const evidence = onlyText(JSON.parse(row.evidence) as TextEvidence);
  return {
    evidence,
    files: JSON.parse(row.files) as Files,
    updatedAt: row.updated_at,
    textLength: evidenceTextLength(evidence),
  };
}

/** Keeps only known text fields with a value, so stored drafts never carry stray keys. */
function onlyText(evidence: TextEvidence): TextEvidence {
  const out: TextEvidence = {};
  for (const field of TEXT_EVIDENCE_FIELDS) {
    const value = evidence[field];
    if (typeof value === 'string' && value !== '') out[field] = value;
  }
  return out;
}
