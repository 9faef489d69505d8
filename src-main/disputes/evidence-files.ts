import fs from 'node:fs';
import path from 'node:path';
import type Stripe from 'stripe';
import { ConsoleError, type Scope } from '../../src-preload/contract';
import {
  EVIDENCE_FILE_MAX_BYTES,
  type EvidenceDraft,
  type EvidenceFileRef,
  type EvidenceFileType,
  type FileEvidenceField,
} from '../../src-preload/contract/disputes';
import type { MutationLedger } from '../mutations/mutation-ledger';
import { toConsoleError } from '../stripe/errors';
import type { EvidenceDrafts } from './evidence-drafts';
import { findUpload } from './evidence-lookups';
import { withFeatureContext } from './dispute-rules';

export const FILE_UPLOAD_KIND = 'dispute.file_upload';

const SIGNATURES: { type: EvidenceFileType; magic: number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Checks a chosen file by its content before anything is uploaded: readable, PDF/JPEG/PNG, at most 5 MB. */
export function checkEvidenceFile(dataBase64: string): { bytes: Buffer; type: EvidenceFileType } {
  if (dataBase64.length === 0 || dataBase64.length % 4 !== 0 || !BASE64.test(dataBase64)) {
    throw new ConsoleError(
      'file_rejected',
      'The file could not be read (it is empty or arrived damaged). Choose it again.',
      {
        details: { reason: 'unreadable' },
      },
    );
  }
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > EVIDENCE_FILE_MAX_BYTES) {
    throw new ConsoleError(
      'file_rejected',
      `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Stripe accepts evidence files up to 5 MB.`,
      {
        details: { reason: 'too_large', size: bytes.length, limit: EVIDENCE_FILE_MAX_BYTES },
      },
    );
  }
  const type = SIGNATURES.find((s) => s.magic.every((byte, i) => bytes[i] === byte))?.type;
  if (!type) {
    throw new ConsoleError(
      'file_rejected',
      'This file is not a PDF, JPEG or PNG (judged by its content, not its name). Stripe accepts only those.',
      {
        details: { reason: 'wrong_type' },
      },
    );
  }
  return { bytes, type };
}

/** The kept copy, for a send or a resend; gone (removed by the user) is a definite failure, not an unknown one. */
function readLocalCopy(file: string): Buffer {
  if (!fs.existsSync(file)) {
    throw new ConsoleError('file_rejected', 'The local copy of this file is gone: choose the file again.', {
      details: { reason: 'unreadable' },
    });
  }
  return fs.readFileSync(file);
}

interface UploadParams {
  path: string;
  name: string;
  type: EvidenceFileType;
}

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    [FILE_UPLOAD_KIND]: { params: UploadParams; result: Stripe.File };
  }
}

export interface UploadRequest {
  scope: Scope;
  disputeId: string;
  field: FileEvidenceField;
  name: string;
  dataBase64: string;
  intentId: string;
  agent: string;
}

/**
 * Evidence files: checked, kept locally (for preview offline and for resending after a failure), uploaded
 * through the ledger with purpose `dispute_evidence`. The draft always says truthfully how far each upload got.
 */
export class EvidenceFiles {
  /** Uploads running in this process (an 'uploading' ref not in here was interrupted). */
  private readonly uploading = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly drafts: EvidenceDrafts,
    private readonly ledger: MutationLedger,
    private readonly now: () => number,
  ) {
    ledger.register(FILE_UPLOAD_KIND, {
      send: async (stripe, params, context) => {
        const file = await stripe.files.create(
          {
            purpose: 'dispute_evidence',
            file: { data: readLocalCopy(params.path), name: params.name, type: params.type },
          },
          context.requestOptions,
        );
        return { id: file.id, status: 'uploaded', requestId: file.lastResponse?.requestId ?? null, object: file };
      },
      find: (stripe, _params, context) => findUpload(stripe, context),
    });
  }

  async upload(request: UploadRequest): Promise<EvidenceDraft> {
    const { bytes, type } = checkEvidenceFile(request.dataBase64);
    const copy = this.localPath(request.scope, request.disputeId, request.intentId);
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.writeFileSync(copy, bytes);
    const ref = { name: request.name, size: bytes.length, type, intentId: request.intentId };
    return this.send(request.scope, request.disputeId, request.field, ref, request.agent);
  }

  /** Resends a failed upload from the local copy with its original idempotency key. */
  async retry(scope: Scope, disputeId: string, field: FileEvidenceField, agent: string): Promise<EvidenceDraft> {
    const ref = this.drafts.get(scope, disputeId)?.files[field];
    if (!ref || ref.state !== 'failed')
      throw new ConsoleError('conflict', 'There is no failed upload to retry for this field.');
    return this.send(
      scope,
      disputeId,
      field,
      { name: ref.name, size: ref.size, type: ref.type, intentId: ref.intentId },
      agent,
    );
  }

  remove(scope: Scope, disputeId: string, field: FileEvidenceField): EvidenceDraft {
    const ref = this.drafts.get(scope, disputeId)?.files[field];
    if (ref) fs.rmSync(this.localPath(scope, disputeId, ref.intentId), { force: true });
    return this.drafts.setFile(scope, disputeId, field, null);
  }

  content(
    scope: Scope,
    disputeId: string,
    field: FileEvidenceField,
  ): { type: EvidenceFileType; name: string; dataBase64: string } {
    const ref = this.drafts.get(scope, disputeId)?.files[field];
    const copy = ref ? this.localPath(scope, disputeId, ref.intentId) : null;
    if (!ref || !copy || !fs.existsSync(copy))
      throw new ConsoleError('not_found', 'No local copy of this file to preview.');
    return { type: ref.type, name: ref.name, dataBase64: fs.readFileSync(copy).toString('base64') };
  }

  /**
   * An upload marked 'uploading' whose request is no longer running (the app quit mid-upload) is settled from
   * the ledger: done if Stripe answered, otherwise failed and retryable with the same key.
   */
  settle(scope: Scope, disputeId: string, draft: EvidenceDraft): EvidenceDraft {
    let settled = draft;
    for (const [field, ref] of Object.entries(draft.files) as [FileEvidenceField, EvidenceFileRef][]) {
      if (ref.state !== 'uploading' || this.uploading.has(ref.intentId)) continue;
      const record = this.ledger.find(ref.intentId);
      const base = { name: ref.name, size: ref.size, type: ref.type, intentId: ref.intentId, updatedAt: this.now() };
      const next: EvidenceFileRef =
        record?.state === 'succeeded' && record.resultId
          ? { ...base, state: 'uploaded', fileId: record.resultId }
          : { ...base, state: 'failed', error: 'The upload was interrupted before Stripe confirmed it. Retry it.' };
      settled = this.drafts.setFile(scope, disputeId, field, next);
    }
    return settled;
  }

  private async send(
    scope: Scope,
    disputeId: string,
    field: FileEvidenceField,
    ref: Pick<EvidenceFileRef, 'name' | 'size' | 'type' | 'intentId'>,
    agent: string,
  ): Promise<EvidenceDraft> {
    this.drafts.setFile(scope, disputeId, field, { ...ref, state: 'uploading', updatedAt: this.now() });
    // The user may remove or replace the file while it uploads: then the outcome no longer belongs in the draft.
    const record = (next: EvidenceFileRef) => {
      const current = this.drafts.get(scope, disputeId)!;
      return current.files[field]?.intentId === ref.intentId
        ? this.drafts.setFile(scope, disputeId, field, next)
        : current;
    };
    this.uploading.add(ref.intentId);
    try {
      const outcome = await this.ledger.run({
        scope,
        kind: FILE_UPLOAD_KIND,
        targetId: disputeId,
        params: { path: this.localPath(scope, disputeId, ref.intentId), name: ref.name, type: ref.type },
        intentId: ref.intentId,
        agent,
      });
      return record({ ...ref, state: 'uploaded', fileId: outcome.id, updatedAt: this.now() });
    } catch (err) {
      const error = withFeatureContext(toConsoleError(err));
      record({ ...ref, state: 'failed', error: error.message, updatedAt: this.now() });
      throw error;
    } finally {
      this.uploading.delete(ref.intentId);
    }
  }

  private localPath(scope: Scope, disputeId: string, intentId: string): string {
    return path.join(this.dir, `${scope.accountId}-${scope.mode}`, disputeId, intentId);
  }
}
