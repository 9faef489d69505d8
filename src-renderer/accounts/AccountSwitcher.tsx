import { useState } from 'react';
import { Plus } from 'lucide-react';
import type { AccountSummary } from '../../src-preload/contract';
import { useSession } from '../app/session';
import { useMutationCall } from '../ipc/client';
import { AddAccountDialog } from './AddAccountDialog';
import { hasMode, MODE_LABEL, MODES, useAccounts } from './use-accounts';
import './accounts.css';

/** The name, plus what kind of account it is unless the name already says so ("Demo", not "Demo (Demo)"). */
function accountLabel(a: AccountSummary): string {
  if (a.demo) return /\bdemo\b/i.test(a.name) ? a.name : `${a.name} (Demo)`;
  return a.sessionOnly ? `${a.name} (this session)` : a.name;
}

/** Header control: which account the window shows, with the Demo and session-only accounts labelled as such. */
export function AccountSwitcher() {
  const accounts = useAccounts().data ?? [];
  const session = useSession().data;
  const select = useMutationCall('session.select', ['session.get']);
  const [adding, setAdding] = useState(false);
  const current = accounts.find((a) => a.id === session?.accountId);

  return (
    <div className="account-switcher" data-testid="account-switcher">
      <label className="inline">
        <span className="visually-hidden">Account</span>
        <select
          aria-label="Account"
          value={current?.id ?? ''}
          disabled={select.isPending}
          onChange={(e) => select.mutate({ accountId: e.target.value })}
        >
          {current ? null : <option value="">No account</option>}
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {accountLabel(a)}
            </option>
          ))}
        </select>
      </label>
      {current?.demo ? <span className="account-badge demo">Demo</span> : null}
      {current?.sessionOnly ? (
        <span className="account-badge session" title="From STRIPE_API_KEY; forgotten when the app quits">
          Session only
        </span>
      ) : null}
      {current ? (
        <span className="account-modes" aria-label="Modes with keys">
          {MODES.filter((m) => hasMode(current, m))
            .map((m) => MODE_LABEL[m])
            .join(' · ')}
        </span>
      ) : null}
      <button
        type="button"
        className="secondary add-account"
        onClick={() => setAdding(true)}
        aria-label="Add account"
        title="Add account"
      >
        <Plus size={14} aria-hidden="true" />
        <span className="add-account-text">Add account</span>
      </button>
      {select.error ? (
        <span className="account-error" role="alert">
          {select.error.message}
        </span>
      ) : null}
      {adding ? <AddAccountDialog onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
