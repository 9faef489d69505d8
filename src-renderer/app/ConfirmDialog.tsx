import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ConsoleError } from '../../src-preload/contract';
import { ErrorState } from './states';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  /** Irreversible or money-moving: the confirm button is red. */
  danger?: boolean;
  busy?: boolean;
  error?: ConsoleError | null;
  /** Text the user must type before confirming (e.g. the amount, in live mode). */
  typedConfirmation?: string | null;
  /** Why confirming is not possible right now (offline, permission…); disables the button and says so. */
  disabledReason?: string | null;
  onConfirm(): void;
  onCancel(): void;
  children?: ReactNode;
}

/** A modal <dialog> for deliberate actions: focus lands inside, Escape cancels, the button can't fire twice. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const { open, busy, typedConfirmation, disabledReason } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setTyped('');
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const typedOk = !typedConfirmation || typed.trim() === typedConfirmation;
  const canConfirm = !busy && typedOk && !disabledReason;

  return (
    <dialog
      ref={ref}
      className={`confirm-dialog ${props.danger ? 'danger' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) props.onCancel();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <div className="confirm-body">{props.children}</div>
      {typedConfirmation ? (
        <label>
          <span>
            Type <strong className="mono">{typedConfirmation}</strong> to confirm
          </span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus aria-label="Confirmation" />
        </label>
      ) : null}
      <ErrorState error={props.error ?? null} />
      {disabledReason ? <p className="hint disabled-reason">{disabledReason}</p> : null}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className={props.danger ? 'danger' : 'primary'}
          disabled={!canConfirm}
          onClick={() => canConfirm && props.onConfirm()}
          autoFocus={!typedConfirmation}
        >
          {busy ? 'Working…' : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
