import { useState, type FormEvent } from 'react';
import type { AccountKeySummary, AccountSummary } from '../../src-preload/contract';
import { Empty, ErrorState, Loading } from '../app/states';
import { useMutationCall } from '../ipc/client';
import { AddAccountDialog } from './AddAccountDialog';
import { formatDate, MODE_LABEL, useAccounts } from './use-accounts';
import './accounts.css';

/** Settings → Accounts: every connected account, its masked keys, and rotate / rename / remove. */
export function AccountsSettings() {
  const accounts = useAccounts();
  const [adding, setAdding] = useState(false);
  return (
    <div className="accounts-settings" data-testid="accounts-settings">
      {accounts.isPending ? <Loading /> : null}
      <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      {accounts.data?.length === 0 ? <Empty title="No accounts">Add a key to connect a Stripe account.</Empty> : null}
      <ul className="accounts-list">
        {accounts.data?.map((account) => (
          <AccountRow key={account.id} account={account} />
        ))}
      </ul>
      <button type="button" className="primary" onClick={() => setAdding(true)}>
        Add account
      </button>
      {adding ? <AddAccountDialog onClose={() => setAdding(false)} /> : null}
    </div>
  );
}

function AccountRow({ account }: { account: AccountSummary }) {
  const builtIn = account.demo;
  return (
    <li className="account-row" data-account-id={account.id}>
      <div className="account-row-head">
        <strong>{account.name}</strong>
        {account.demo ? <span className="account-badge demo">Demo</span> : null}
        {account.sessionOnly ? <span className="account-badge session">Session only (STRIPE_API_KEY)</span> : null}
        <code>{account.id}</code>
        <span className="hint">
          {[account.country, account.defaultCurrency?.toUpperCase()].filter(Boolean).join(' · ')}
        </span>
      </div>
      {builtIn ? (
        <p className="hint">Built in: a local emulator with sample data. Works offline; nothing here touches Stripe.</p>
      ) : null}
      <table className="account-keys">
        <thead>
          <tr>
            <th>Mode</th>
            <th>Key</th>
            <th>Kind</th>
            <th>Added</th>
            <th>Unavailable features</th>
            {builtIn ? null : (
              <th>
                <span className="visually-hidden">Remove</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {account.keys.map((key) => (
            <KeyRow key={key.mode} account={account} keySummary={key} />
          ))}
        </tbody>
      </table>
      {builtIn ? null : (
        <>
          <div className="account-actions">
            <RotateKeyForm account={account} />
            <RenameForm account={account} />
          </div>
          {/* Apart from the everyday forms, under a rule: the one action here that can't be undone. */}
          <RemoveAccountForm account={account} />
        </>
      )}
    </li>
  );
}

function KeyRow({ account, keySummary }: { account: AccountSummary; keySummary: AccountKeySummary }) {
  const removeKey = useMutationCall('accounts.removeKey', ['accounts.list']);
  const onlyKey = account.keys.length === 1;
  return (
    <tr className={`key-row key-row-${keySummary.mode}`}>
      <td>
        <span className={`mode-pill mode-pill-${keySummary.mode}`}>{MODE_LABEL[keySummary.mode]}</span>
      </td>
      <td>
        <code>{keySummary.masked}</code>
      </td>
      <td>{keySummary.kind === 'restricted' ? 'Restricted' : 'Secret'}</td>
      <td>{formatDate(keySummary.addedAt)}</td>
      <td>
        {keySummary.unavailable.length === 0 ? (
          <span className="hint">—</span>
        ) : (
          <ul className="unavailable-list">
            {keySummary.unavailable.map((u) => (
              <li key={u.feature}>
                {u.feature}: unavailable, needs <code>{u.permission}</code>
              </li>
            ))}
          </ul>
        )}
      </td>
      {account.demo ? null : (
        <td>
          <button
            type="button"
            className="secondary"
            disabled={onlyKey || removeKey.isPending}
            title={onlyKey ? 'The only key: remove the account instead' : `Remove the ${keySummary.mode} key`}
            onClick={() => removeKey.mutate({ accountId: account.id, mode: keySummary.mode })}
          >
            Remove key
          </button>
          {removeKey.error ? <span className="account-error">{removeKey.error.message}</span> : null}
        </td>
      )}
    </tr>
  );
}

function RotateKeyForm({ account }: { account: AccountSummary }) {
  const rotate = useMutationCall('accounts.rotateKey', ['accounts.list']);
  const [key, setKey] = useState('');
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    rotate.mutate({ accountId: account.id, key }, { onSuccess: () => setKey('') });
  };
  return (
    <form className="account-action" onSubmit={submit}>
      <label>
        Rotate or add a key (test or live)
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="sk_… or rk_…"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-label={`New key for ${account.name}`}
        />
      </label>
      <button type="submit" className="secondary" disabled={rotate.isPending || key.trim() === ''}>
        {rotate.isPending ? 'Checking…' : 'Replace key'}
      </button>
      <ErrorState error={rotate.error} onRetry={() => submit()} />
      {rotate.isSuccess ? <span className="saved">Key replaced</span> : null}
    </form>
  );
}

function RenameForm({ account }: { account: AccountSummary }) {
  const rename = useMutationCall('accounts.rename', ['accounts.list']);
  const [name, setName] = useState(account.name);
  return (
    <form
      className="account-action"
      onSubmit={(e) => {
        e.preventDefault();
        rename.mutate({ accountId: account.id, name });
      }}
    >
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
      </label>
      <button type="submit" className="secondary" disabled={rename.isPending || name.trim() === account.name}>
        Rename
      </button>
      <ErrorState error={rename.error} />
    </form>
  );
}

function RemoveAccountForm({ account }: { account: AccountSummary }) {
  const remove = useMutationCall('accounts.remove', ['accounts.list', 'session.get']);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  if (!confirming) {
    return (
      <div className="account-remove" data-testid="remove-account">
        <p className="hint">
          Removing {account.name} deletes its keys and cached data from this computer. Nothing changes in Stripe.
        </p>
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Remove account…
        </button>
      </div>
    );
  }
  return (
    <form
      className="account-remove"
      data-testid="remove-account"
      onSubmit={(e) => {
        e.preventDefault();
        remove.mutate({ accountId: account.id, confirm: typed.trim() });
      }}
    >
      <p>
        This deletes {account.name}’s keys from the keychain and its cached data on this computer. Nothing changes in
        Stripe. Type <code>{account.id}</code> to confirm.
      </p>
      <div className="account-remove-confirm">
        <input
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-label="Account id to confirm removal"
          spellCheck={false}
          autoFocus
        />
        <button type="submit" className="danger" disabled={remove.isPending || typed.trim() !== account.id}>
          Remove {account.name}
        </button>
        <button type="button" className="secondary" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
      <ErrorState error={remove.error} />
    </form>
  );
}
