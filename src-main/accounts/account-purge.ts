import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Mode } from '../../src-preload/contract';
import { LAST_ACCOUNT_SETTING } from './session-service';
import { checkedAccountId } from '../platform/account-id';

/** The app.db tables that hold rows per account and mode (never a key): all go with the account. */
const SCOPED_TABLES = ['mutations', 'activity', 'dispute_drafts', 'dispute_reviews'] as const;

export interface AccountPurgeDeps {
  dataDir: string;
  appDb: Database.Database;
  /** Everything else the account left: cache files, syncs, webhook inbox and log, keychain secrets. */
  others: ((accountId: string, mode?: Mode) => Promise<void> | void)[];
}

/**
 * Erases what the console kept about an account (one mode, or all of it) when it is removed, and a
 * session-only account's traces when the app stops. The Activity log is append-only for everything else;
 * this is its one exception (see docs/security.md): its guard trigger is lifted inside the same transaction.
 * Deleted rows are overwritten (`secure_delete`, set on the connection) and the WAL is truncated, so the rows
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
  const { appDb } = deps;
  const triggers = appDb
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'activity'`)
    .pluck()
    .all() as string[];
  appDb.transaction(() => {
    appDb.exec(`DROP TRIGGER IF EXISTS activity_no_update; DROP TRIGGER IF EXISTS activity_no_delete;`);
    for (const table of SCOPED_TABLES)
      for (const m of modes) appDb.prepare(`DELETE FROM ${table} WHERE account_id = ? AND mode = ?`).run(accountId, m);
    for (const sql of triggers) appDb.exec(sql);
    if (!mode)
      appDb
        .prepare('DELETE FROM settings WHERE name = ? AND value = ?')
        .run(LAST_ACCOUNT_SETTING, JSON.stringify(accountId));
  })();
  appDb.pragma('wal_checkpoint(TRUNCATE)');
  for (const m of modes)
    fs.rmSync(path.join(deps.dataDir, 'dispute-evidence', `${accountId}-${m}`), { recursive: true, force: true });
  if (errors.length > 0) throw errors[0];
}
