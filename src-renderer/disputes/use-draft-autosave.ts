import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleError, Scope } from '../../src-preload/contract';
import type { TextEvidence } from '../../src-preload/contract/disputes';
import { invoke } from '../ipc/client';

const DEBOUNCE_MS = 500;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saved'; at: number }
  | { kind: 'error'; error: ConsoleError };

/**
 * Saves the text evidence locally as the user types (debounced), and flushes on leaving the dispute and before
 * anything is sent, so what Stripe receives is exactly what is on screen.
 */
export function useDraftAutosave(scope: Scope, disputeId: string) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef<TextEvidence | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const evidence = pending.current;
    if (!evidence) return;
    pending.current = null;
    try {
      const draft = await invoke('disputes.draft.save', { scope, disputeId, evidence });
      setState({ kind: 'saved', at: draft.updatedAt ?? Date.now() });
    } catch (err) {
      // Keep what was typed queued, so the next edit or flush tries again.
      pending.current ??= evidence;
      setState({ kind: 'error', error: err as ConsoleError });
    }
  }, [scope, disputeId]);

  const schedule = useCallback(
    (evidence: TextEvidence) => {
      pending.current = evidence;
      setState({ kind: 'pending' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  useEffect(() => () => void flush(), [flush]);
  return { state, schedule, flush };
}
