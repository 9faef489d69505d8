import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ConsoleError, Scope } from '../../src-preload/contract';
import {
  EVIDENCE_TEXT_LIMIT,
  FILE_EVIDENCE_FIELDS,
  TEXT_EVIDENCE_FIELDS,
  evidenceTextLength,
  type DisputeDetail,
  type EvidenceDraft,
  type EvidenceField,
  type TextEvidence,
  type TextEvidenceField,
} from '../../src-preload/contract/disputes';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { ErrorState } from '../app/states';
import { invoke } from '../ipc/client';
import { EvidenceFileField } from './EvidenceFileField';
import { fieldLabel } from '../ui/labels';
import { useDraftAutosave, type SaveState } from './use-draft-autosave';

/** Long-form fields get a text area; the rest are one line. */
const MULTILINE = new Set<TextEvidenceField>([
  'access_activity_log',
  'billing_address',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'duplicate_charge_explanation',
  'product_description',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'shipping_address',
  'uncategorized_text',
]);

interface Props {
  scope: Scope;
  detail: DisputeDetail;
  online: boolean;
}

/**
 * Every evidence field Stripe accepts, the reason's most important ones first and marked. Text is saved locally
 * as typed; files upload as chosen; staging and submitting go to Stripe only on request.
 */
export function EvidenceEditor({ scope, detail, online }: Props) {
  const disputeId = detail.row.id;
  const queryClient = useQueryClient();
  const [evidence, setEvidence] = useState<TextEvidence>(detail.draft.evidence);
  const [files, setFiles] = useState<EvidenceDraft['files']>(detail.draft.files);
  const autosave = useDraftAutosave(scope, disputeId);
  const readOnly = detail.lockedReason !== null;
  const length = evidenceTextLength(evidence);
  const overLimit = length > EVIDENCE_TEXT_LIMIT;
  const recommended = useMemo(
    () => new Map(detail.guidance.fields.map((f) => [f.field as EvidenceField, f.why])),
    [detail.guidance],
  );
  const order = <F extends EvidenceField>(fields: readonly F[]) =>
    [...fields].sort((a, b) => rank(recommended, a) - rank(recommended, b));

  const edit = (field: TextEvidenceField, value: string) => {
    const next = { ...evidence, [field]: value };
    setEvidence(next);
    autosave.schedule(next);
  };
  const unfinished = Object.values(files).find((f) => f && f.state !== 'uploaded');
  const sendBlocked = !online
    ? 'Offline: the draft is saved on this computer. Staging and submitting need Stripe.'
    : overLimit
      ? `The text is ${(length - EVIDENCE_TEXT_LIMIT).toLocaleString()} characters over Stripe’s 150,000 limit.`
      : unfinished
        ? `“${unfinished.name}” has not uploaded: retry or remove it first.`
        : null;

  const send = useSend(scope, disputeId, autosave.flush, (next) =>
    queryClient.setQueryData(['disputes.get', { scope, disputeId }], next),
  );

  const textFields = {
    recommended: order(TEXT_EVIDENCE_FIELDS).filter((f) => recommended.has(f)),
    other: TEXT_EVIDENCE_FIELDS.filter((f) => !recommended.has(f)),
  };
  /** A value still as the cache pre-filled it is marked, so nobody sends a fact they never looked at unawares. */
  const prefilled = (field: TextEvidenceField) => !!detail.prefill[field] && evidence[field] === detail.prefill[field];
  const textField = (field: TextEvidenceField) => (
    <label
      key={field}
      className={`evidence-field ${recommended.has(field) ? 'recommended' : ''}`}
      data-testid={`field-${field}`}
    >
      <span className="field-label">
        {fieldLabel(field)} {recommended.has(field) ? <span className="badge blue">Recommended</span> : null}{' '}
        {prefilled(field) ? (
          <span className="badge grey" title="Filled in from what this computer knows about the payment and customer">
            Pre-filled
          </span>
        ) : null}
      </span>
      {recommended.has(field) ? <span className="hint">{recommended.get(field)}</span> : null}
      {MULTILINE.has(field) ? (
        <textarea
          rows={3}
          value={evidence[field] ?? ''}
          readOnly={readOnly}
          onChange={(e) => edit(field, e.target.value)}
          name={field}
        />
      ) : (
        <input
          value={evidence[field] ?? ''}
          readOnly={readOnly}
          onChange={(e) => edit(field, e.target.value)}
          name={field}
        />
      )}
    </label>
  );

  return (
    <section className="panel evidence-editor" aria-label="Evidence" data-testid="evidence-editor">
      <div className="editor-head">
        <h2>Evidence</h2>
        <SaveStatus state={autosave.state} />
        <span className={`char-count ${overLimit ? 'over' : ''}`} data-testid="char-count" aria-live="polite">
          {length.toLocaleString()} / {EVIDENCE_TEXT_LIMIT.toLocaleString()} characters
        </span>
      </div>
      {readOnly ? (
        <p className="hint locked" data-testid="evidence-locked">
          {detail.lockedReason}
        </p>
      ) : null}
      {overLimit ? (
        <p className="field-error" role="alert">
          All text evidence together may be at most 150,000 characters. Your draft is kept; shorten it before sending.
        </p>
      ) : null}
      <div className="evidence-grid">{textFields.recommended.map(textField)}</div>
      {textFields.other.length > 0 ? (
        <details className="other-fields" data-testid="other-fields">
          <summary>Other fields ({textFields.other.length}) — not what banks look for first with this reason</summary>
          <div className="evidence-grid">{textFields.other.map(textField)}</div>
        </details>
      ) : null}
      <h3>Files</h3>
      <p className="hint">
        PDF, JPEG or PNG, up to 5 MB each. Files upload to Stripe when chosen; they are attached to the dispute only
        when you stage or submit.
      </p>
      <div className="evidence-grid">
        {order(FILE_EVIDENCE_FIELDS).map((field) => (
          <EvidenceFileField
            key={field}
            scope={scope}
            disputeId={disputeId}
            field={field}
            fileRef={files[field]}
            stripeFileId={detail.stripeEvidence.files[field]}
            recommended={recommended.get(field) ?? null}
            readOnly={readOnly}
            onDraft={(draft) => setFiles(draft.files)}
          />
        ))}
      </div>
      {!readOnly ? (
        <div className="editor-actions">
          {sendBlocked ? (
            <p className="hint disabled-reason" data-testid="send-blocked">
              {sendBlocked}
            </p>
          ) : null}
          <ErrorState error={send.error && !send.confirming ? send.error : null} />
          <button
            type="button"
            className="secondary"
            disabled={!!sendBlocked || send.busy}
            onClick={() => void send.stage()}
            data-testid="stage-evidence"
          >
            {send.busy && !send.confirming ? 'Saving to Stripe…' : 'Save to Stripe'}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!!sendBlocked || send.busy}
            onClick={send.openSubmit}
            data-testid="submit-evidence"
          >
            Submit evidence…
          </button>
        </div>
      ) : null}
      {/* Mounted only while open: ConfirmDialog titles share one element id, so two mounted dialogs would share a name. */}
      {send.confirming ? (
        <ConfirmDialog
          open={send.confirming}
          title="Submit this evidence to the bank?"
          confirmLabel="Submit evidence"
          busy={send.busy}
          error={send.error}
          disabledReason={sendBlocked}
          onConfirm={() => void send.submit()}
          onCancel={send.closeSubmit}
        >
          <p>
            Stripe sends the evidence to the cardholder’s bank. <strong>This is usually final:</strong> most disputes
            accept only one submission, and the evidence can’t be changed afterwards.
          </p>
          <p className="hint">
            {Object.keys(evidence).filter((k) => evidence[k as TextEvidenceField]).length} text fields (
            {length.toLocaleString()} characters), {Object.values(files).filter((f) => f?.state === 'uploaded').length}{' '}
            files.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function rank(recommended: Map<EvidenceField, string>, field: EvidenceField): number {
  const index = [...recommended.keys()].indexOf(field);
  return index === -1 ? 1000 : index;
}

function SaveStatus({ state }: { state: SaveState }) {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'pending':
      return <span className="hint save-status">Saving draft…</span>;
    case 'saved':
      return (
        <span className="saved save-status" data-testid="draft-saved">
          Draft saved on this computer {new Date(state.at).toLocaleTimeString()}
        </span>
      );
    case 'error':
      return (
        <span className="field-error save-status" role="alert">
          Draft not saved: {state.error.message}
        </span>
      );
  }
}

/** Staging (no confirmation) and submitting (confirmed): one intent id per attempt, reused on a resend. */
function useSend(scope: Scope, disputeId: string, flush: () => Promise<void>, onSent: (detail: DisputeDetail) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleError | null>(null);
  const [intentId, setIntentId] = useState<string | null>(null);
  const run = async (submit: boolean, id: string) => {
    setBusy(true);
    setError(null);
    try {
      await flush();
      onSent(await invoke('disputes.evidence.send', { scope, disputeId, submit, intentId: id }));
      setIntentId(null);
    } catch (err) {
      setError(err as ConsoleError);
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    error,
    confirming: intentId !== null,
    stage: () => run(false, crypto.randomUUID()),
    openSubmit: () => {
      setError(null);
      setIntentId(crypto.randomUUID());
    },
    closeSubmit: () => setIntentId(null),
    submit: () => run(true, intentId!),
  };
}
