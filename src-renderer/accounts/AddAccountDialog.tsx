import { useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { ErrorState } from '../app/states';
import { invoke, useMutationCall } from '../ipc/client';
import './accounts.css';

/**
 * Paste a secret or restricted key. Main checks its form, asks Stripe whose it is, and only then stores it in
 * the keychain; every refusal comes back typed and is shown here, with "Try again" when Stripe was unreachable.
 */
export function AddAccountDialog({ onClose }: { onClose: () => void }) {
  const add = useMutationCall('accounts.add', ['accounts.list']);
  const [key, setKey] = useState('');
  const [name, setName] = useState('');

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    add.mutate(
      { key, ...(name.trim() ? { name: name.trim() } : {}) },
      {
        // Shows the new account, then closes; a switch that fails still closes (the account was added).
        onSuccess: (account) => {
          setKey('');
          void invoke('session.select', { accountId: account.id })
            .catch(() => undefined)
            .then(onClose);
        },
      },
    );
  };

  // Outside the header (whose controls never wrap), so the dialog's text wraps inside it.
  return createPortal(
    <div
      className="accounts-dialog-backdrop"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onClose();
      }}
    >
      <form
        className="accounts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="add-account-title"
        onSubmit={submit}
      >
        <h2 id="add-account-title">Add a Stripe account</h2>
        <p className="hint">
          Paste a secret key (<code>sk_…</code>) or a restricted key (<code>rk_…</code>) from the Stripe Dashboard →
          Developers → API keys. It is checked with Stripe, then kept only in your system keychain.
        </p>
        <label>
          API key
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="sk_test_… or rk_live_…"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          Name (optional — defaults to the name in Stripe)
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
        </label>
        <ErrorState error={add.error} onRetry={() => submit()} />
        <div className="accounts-dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={add.isPending || key.trim() === ''}>
            {add.isPending ? 'Checking with Stripe…' : 'Add account'}
          </button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
