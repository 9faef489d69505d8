import type Database from 'better-sqlite3';
import type { AccountKeySummary, KeyKind, Mode } from '../../src-preload/contract';

export interface StoredAccount {
  id: string;
  name: string;
  country: string | null;
  defaultCurrency: string | null;
  lastMode: Mode;
  addedAt: number;
  keys: AccountKeySummary[];
}

export interface Unavailable {
  feature: string;
  permission: string;
}

interface AccountRow {
  id: string;
  name: string;
  country: string | null;
  default_currency: string | null;
  last_mode: Mode;
  added_at: number;
}

interface KeyRow {
  account_id: string;
  mode: Mode;
  kind: KeyKind;
  masked: string;
  added_at: number;
  unavailable: string;
}

/** app.db's `accounts` and `account_keys` tables, read and written only by AccountStore. */
export const ACCOUNTS_SCHEMA = `
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT,
    default_currency TEXT,
    last_mode TEXT NOT NULL DEFAULT 'test' CHECK (last_mode IN ('test','live')),
    added_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX accounts_name ON accounts (name COLLATE NOCASE);
  CREATE TABLE account_keys (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    mode TEXT NOT NULL CHECK (mode IN ('test','live')),
    kind TEXT NOT NULL CHECK (kind IN ('secret','restricted')),
    masked TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    unavailable TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (account_id, mode)
  );
`;

/** The accounts list in app.db (keys listed test first, then live): metadata and masked keys only. The keys themselves are in the keychain. */
export class AccountStore {
  /** The reads, prepared once: the accounts list is read at every call that names an account. */
  private readonly reads: {
    accounts: Database.Statement<[], AccountRow>;
    keys: Database.Statement<[], KeyRow>;
    account: Database.Statement<[string], AccountRow>;
    accountKeys: Database.Statement<[string], KeyRow>;
  };

  constructor(private readonly db: Database.Database) {
    this.reads = {
      accounts: db.prepare('SELECT * FROM accounts ORDER BY added_at, id'),
      keys: db.prepare('SELECT * FROM account_keys ORDER BY mode DESC'),
      account: db.prepare('SELECT * FROM accounts WHERE id = ?'),
      accountKeys: db.prepare('SELECT * FROM account_keys WHERE account_id = ? ORDER BY mode DESC'),
    };
  }

  list(): StoredAccount[] {
    const accounts = this.reads.accounts.all();
    const keys = this.reads.keys.all();
    return accounts.map((row) =>
      toAccount(
        row,
        keys.filter((k) => k.account_id === row.id),
      ),
    );
  }

  get(id: string): StoredAccount | null {
    const row = this.reads.account.get(id);
    return row ? toAccount(row, this.reads.accountKeys.all(id)) : null;
  }

  nameTaken(name: string, exceptId?: string): boolean {
    const row = this.db.prepare('SELECT id FROM accounts WHERE name = ? COLLATE NOCASE').get(name) as
      | { id: string }
      | undefined;
    return row !== undefined && row.id !== exceptId;
  }

  insertAccount(account: Omit<StoredAccount, 'keys'>): void {
    this.db
      .prepare(
        'INSERT INTO accounts (id, name, country, default_currency, last_mode, added_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(account.id, account.name, account.country, account.defaultCurrency, account.lastMode, account.addedAt);
  }

  /** Adds or replaces the metadata of an account's key for one mode. */
  putKey(accountId: string, key: AccountKeySummary): void {
    this.db
      .prepare(
        `INSERT INTO account_keys (account_id, mode, kind, masked, added_at, unavailable) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(account_id, mode) DO UPDATE SET kind = excluded.kind, masked = excluded.masked,
           added_at = excluded.added_at, unavailable = excluded.unavailable`,
      )
      .run(accountId, key.mode, key.kind, key.masked, key.addedAt, JSON.stringify(key.unavailable));
  }

  setUnavailable(accountId: string, mode: Mode, unavailable: Unavailable[]): void {
    this.db
      .prepare('UPDATE account_keys SET unavailable = ? WHERE account_id = ? AND mode = ?')
      .run(JSON.stringify(unavailable), accountId, mode);
  }

  deleteKey(accountId: string, mode: Mode): void {
    this.db.prepare('DELETE FROM account_keys WHERE account_id = ? AND mode = ?').run(accountId, mode);
  }

  rename(id: string, name: string): void {
    this.db.prepare('UPDATE accounts SET name = ? WHERE id = ?').run(name, id);
  }

  setLastMode(id: string, mode: Mode): void {
    this.db.prepare('UPDATE accounts SET last_mode = ? WHERE id = ?').run(mode, id);
  }

  /** Removes the account and (by cascade) its key metadata. */
  delete(id: string): void {
    this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}

function toAccount(row: AccountRow, keys: KeyRow[]): StoredAccount {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    defaultCurrency: row.default_currency,
    lastMode: row.last_mode,
    addedAt: row.added_at,
    keys: keys.map((k) => ({
      mode: k.mode,
      kind: k.kind,
      masked: k.masked,
      addedAt: k.added_at,
      unavailable: JSON.parse(k.unavailable) as Unavailable[],
    })),
  };
}
