import { useState } from 'react';
import type { ConsoleError, Scope } from '../../src-preload/contract';
import { REVIEW_STATES, type DisputeDetail, type ReviewState } from '../../src-preload/contract/disputes';
import { ErrorState } from '../app/states';
import { invoke } from '../ipc/client';
import { REVIEW_LABEL } from './labels';

/** Finance's own review state and notes: local only (never sent to Stripe), recorded in the Activity log. */
export function ReviewPanel({
  scope,
  disputeId,
  review,
  onSaved,
}: {
  scope: Scope;
  disputeId: string;
  review: DisputeDetail['review'];
  onSaved(): void;
}) {
  const [state, setState] = useState<ReviewState>(review.state);
  const [note, setNote] = useState(review.note);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleError | null>(null);
  const dirty = state !== review.state || note !== review.note;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await invoke('disputes.review.set', { scope, disputeId, state, note });
      onSaved();
    } catch (err) {
      setError(err as ConsoleError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel review-panel" aria-label="Finance review" data-testid="review-panel">
      <h2>Finance review</h2>
      <div className="chips" role="radiogroup" aria-label="Review state">
        {REVIEW_STATES.map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={state === s}
            className={`chip ${state === s ? 'on' : ''}`}
            onClick={() => setState(s)}
          >
            {REVIEW_LABEL[s]}
          </button>
        ))}
      </div>
      <label>
        Notes (kept on this computer)
        <textarea rows={3} value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <ErrorState error={error} />
      <button type="button" className="primary" disabled={!dirty || busy} onClick={() => void save()}>
        {busy ? 'Saving…' : 'Save review'}
      </button>
      {review.updatedAt && !dirty ? (
        <span className="hint"> Last changed {new Date(review.updatedAt).toLocaleString()}</span>
      ) : null}
    </section>
  );
}
