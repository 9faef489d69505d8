import { useEffect, useRef, useState } from 'react';
import { ConsoleError, type Scope } from '../../src-preload/contract';
import type {
  EvidenceDraft,
  EvidenceFileRef,
  EvidenceFileType,
  FileEvidenceField,
} from '../../src-preload/contract/disputes';
import { invoke } from '../ipc/client';
import { fromBase64, readFileBytes, toBase64, tooLargeMessage } from './file-bytes';
import { fieldLabel } from '../ui/labels';

interface Props {
  scope: Scope;
  disputeId: string;
  field: FileEvidenceField;
  fileRef: EvidenceFileRef | undefined;
  /** A file Stripe already holds for this field (staged earlier), when there is no local one. */
  stripeFileId: string | undefined;
  recommended: string | null;
  readOnly: boolean;
  onDraft(draft: EvidenceDraft): void;
}

/** One file evidence field: choose (PDF/JPEG/PNG ≤ 5 MB), upload, see its true state, retry, preview. */
export function EvidenceFileField({
  scope,
  disputeId,
  field,
  fileRef,
  stripeFileId,
  recommended,
  readOnly,
  onDraft,
}: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const preview = usePreview(scope, disputeId, field);
  const input = useRef<HTMLInputElement>(null);

  const run = async (work: () => Promise<EvidenceDraft>) => {
    setBusy(true);
    setError(null);
    try {
      onDraft(await work());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      // The draft records a failed upload truthfully: re-read it.
      onDraft((await invoke('disputes.get', { scope, disputeId })).draft);
    } finally {
      setBusy(false);
    }
  };

  /** Several documents at once are combined into one PDF in main: Stripe takes one file per field. */
  const combine = async (chosen: File[]) => {
    const parts: { name: string; dataBase64: string }[] = [];
    for (const file of chosen) {
      const tooLarge = tooLargeMessage(file.size);
      if (tooLarge) return setError(`${file.name}: ${tooLarge}`);
      try {
        parts.push({ name: file.name, dataBase64: toBase64(await readFileBytes(file)) });
      } catch (err) {
        return setError((err as Error).message);
      }
    }
    await run(() =>
      invoke('disputes.file.uploadCombined', { scope, disputeId, field, parts, intentId: crypto.randomUUID() }),
    );
    if (input.current) input.current.value = '';
  };

  const choose = async (chosen: File[]) => {
    if (chosen.length > 1) return combine(chosen);
    const file = chosen[0];
    if (!file) return;
    const tooLarge = tooLargeMessage(file.size);
    if (tooLarge) return setError(tooLarge);
    let bytes: Uint8Array;
    try {
      bytes = await readFileBytes(file);
    } catch (err) {
      return setError((err as Error).message);
    }
    preview.remember(bytes, file.type as EvidenceFileType);
    await run(() =>
      invoke('disputes.file.upload', {
        scope,
        disputeId,
        field,
        name: file.name,
        dataBase64: toBase64(bytes),
        intentId: crypto.randomUUID(),
      }),
    );
    if (input.current) input.current.value = '';
  };

  return (
    <div className={`evidence-field file-field ${recommended ? 'recommended' : ''}`} data-testid={`file-${field}`}>
      <div className="field-label">
        {fieldLabel(field)}{' '}
        {recommended ? (
          <span className="badge blue" title={recommended}>
            Recommended
          </span>
        ) : null}
      </div>
      {recommended ? <div className="hint">{recommended}</div> : null}
      <div className="file-state">
        <FileState fileRef={fileRef} stripeFileId={stripeFileId} />
        {fileRef?.state === 'failed' && !readOnly ? (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void run(() => invoke('disputes.file.retry', { scope, disputeId, field }))}
          >
            Retry upload
          </button>
        ) : null}
        {fileRef && !readOnly ? (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void run(() => invoke('disputes.file.remove', { scope, disputeId, field }))}
          >
            Remove
          </button>
        ) : null}
        {fileRef ? (
          <button
            type="button"
            className="secondary"
            onClick={() => void preview.toggle()}
            aria-expanded={!!preview.url}
          >
            {preview.url ? 'Hide preview' : 'Preview'}
          </button>
        ) : null}
        {!readOnly ? (
          <input
            ref={input}
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            multiple
            title="Choose several to combine them into one PDF"
            disabled={busy}
            aria-label={`Choose a file for ${fieldLabel(field)}`}
            onChange={(e) => void choose([...(e.target.files ?? [])])}
          />
        ) : null}
        {busy ? <span className="hint">Uploading…</span> : null}
      </div>
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
      {preview.error ? <div className="field-error">{preview.error}</div> : null}
      {preview.url && fileRef ? (
        fileRef.type === 'application/pdf' ? (
          <iframe className="file-preview" src={preview.url} title={`Preview of ${fileRef.name}`} />
        ) : (
          <img className="file-preview" src={preview.url} alt={`Preview of ${fileRef.name}`} />
        )
      ) : null}
    </div>
  );
}

function FileState({
  fileRef,
  stripeFileId,
}: {
  fileRef: EvidenceFileRef | undefined;
  stripeFileId: string | undefined;
}) {
  if (!fileRef)
    return stripeFileId ? (
      <span className="badge green">On Stripe: {stripeFileId}</span>
    ) : (
      <span className="hint">No file</span>
    );
  const size =
    fileRef.size < 1024
      ? `${fileRef.size} bytes`
      : fileRef.size < 1024 * 1024
        ? `${(fileRef.size / 1024).toFixed(0)} KB`
        : `${(fileRef.size / 1024 / 1024).toFixed(1)} MB`;
  switch (fileRef.state) {
    case 'uploading':
      return <span className="badge orange">Uploading {fileRef.name}…</span>;
    case 'uploaded':
      return (
        <span className="badge green" data-testid="file-uploaded">
          {fileRef.name} ({size}) · {fileRef.fileId}
        </span>
      );
    case 'failed':
      return (
        <span className="badge red" title={fileRef.error}>
          {fileRef.name}: upload failed — {fileRef.error}
        </span>
      );
  }
}

/** A blob URL for the chosen file: from the bytes just read, or the copy main keeps (after a restart). */
function usePreview(scope: Scope, disputeId: string, field: FileEvidenceField) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const bytes = useRef<{ data: Uint8Array<ArrayBuffer>; type: string } | null>(null);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  const show = (data: Uint8Array<ArrayBuffer>, type: string) => setUrl(URL.createObjectURL(new Blob([data], { type })));
  return {
    url,
    error,
    remember(data: Uint8Array, type: EvidenceFileType) {
      bytes.current = { data: new Uint8Array(data), type };
      setUrl(null);
    },
    async toggle() {
      if (url) return setUrl(null);
      setError(null);
      if (bytes.current) return show(bytes.current.data, bytes.current.type);
      try {
        const content = await invoke('disputes.file.content', { scope, disputeId, field });
        show(fromBase64(content.dataBase64), content.type);
      } catch (err) {
        setError(err instanceof ConsoleError ? err.message : 'The file could not be previewed.');
      }
    },
  };
}
