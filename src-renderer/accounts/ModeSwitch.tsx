import { useEffect } from 'react';
import type { Mode } from '../../src-preload/contract';
import { useSession } from '../app/session';
import { useMutationCall } from '../ipc/client';
import { hasMode, MODES, useAccounts } from './use-accounts';
import './accounts.css';

/** Ctrl/Cmd+Shift+M toggles test/live from anywhere. */
function isModeShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'm';
}

/** The one global test/live switch. A mode the account has no key for is shown but can't be chosen. */
export function ModeSwitch() {
  const session = useSession().data;
  const account = (useAccounts().data ?? []).find((a) => a.id === session?.accountId);
  const select = useMutationCall('session.select', ['session.get']);
  const mode = session?.mode ?? 'test';

  const choose = (next: Mode) => {
    if (account && next !== mode && hasMode(account, next)) select.mutate({ accountId: account.id, mode: next });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isModeShortcut(e)) return;
      e.preventDefault();
      choose(mode === 'live' ? 'test' : 'live');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div
      className={`mode-switch mode-switch-${mode}`}
      role="radiogroup"
      aria-label="Mode (Ctrl+Shift+M)"
      data-testid="mode-switch"
    >
      {MODES.map((m) => (
        <button
          key={m}
          type="button"
          role="radio"
          aria-checked={mode === m}
          className={mode === m ? 'active' : ''}
          disabled={!account || !hasMode(account, m) || select.isPending}
          title={
            account && !hasMode(account, m) ? `${account.name} has no ${m} key` : `Switch to ${m} mode (Ctrl+Shift+M)`
          }
          onClick={() => choose(m)}
        >
          {m === 'live' ? 'Live' : 'Test'}
        </button>
      ))}
      {select.error ? (
        <span className="account-error" role="alert">
          {select.error.message}
        </span>
      ) : null}
    </div>
  );
}
