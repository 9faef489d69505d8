import fs from 'node:fs';
import path from 'node:path';
import type { Mode, Scope } from '../../src-preload/contract';
import type { SettingsStore } from '../settings/settings-store';
import { checkedAccountId } from '../platform/account-id';

/** What app.db keeps about an account, each part through the store that owns its table (never a key). */
export interface AccountRows {
  /** Every store holding rows per account and mode (ledger, Activity, dispute drafts and reviews, notifications). */
  scoped: { forget(scope: Scope): void }[];
  settings: Pick<SettingsStore, 'forgetLastAccount'>;
  /** Runs `work` as one transaction, then truncates the WAL so the erased rows aren't left in it. */
  eraseAtomically(work: () => void): void;
}

export interface AccountPurgeDeps {
  dataDir: string;
  rows: AccountRows;
  /** Everything else the account left: cache files, syncs, webhook inbox and log, keychain secrets. */
  others: ((accountId: string, mode?: Mode) => Promise<void> | void)[];
}

/**
 * Erases what the console kept about an account (one mode, or all of it) when it is removed, and a
 * session-only account's traces when the app stops. The Activity log is append-only for everything else;
 * this is its one exception (see docs/security.md): its guard is lifted inside the same transaction.
 * Deleted rows are overwritten (app.db runs with `secure_delete`) and the WAL is truncated, so the rows
 * aren't left in free space. One part failing (a locked keychain) doesn't keep the others: the first error is
 * thrown after everything else was erased.
 */
export async function purgeAccountData(deps: AccountPurgeDeps, accountId: string, mode?: Mode): Promise<void> {
  checkedAccountId(accountId);
  const errors: unknown[] = [];
  for (const other of deps.others) {
    try {
      await other(accountId, mode);
    } catch (err) {
      errors.push(err);
    }
  }
  const modes: Mode[] = mode ? [mode] : ['test', 'live'];
  const { rows } = deps;
  rows.eraseAtomically(() => {
    for (const store of rows.scoped) for (const m of modes) store.forget({ accountId, mode: m });
    if (!mode) rows.settings.forgetLastAccount(accountId);
  });
  for (const m of modes)
    fs.rmSync(path.join(deps.dataDir, 'dispute-evidence', `${accountId}-${m}`), { recursive: true, force: true });
  if (errors.length > 0) throw errors[0];
}
