import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate, type Migration } from './migrations';

/** Opens a database in WAL mode with foreign keys on and runs its migrations. */
export function openDatabase(file: string, migrations: readonly Migration[]): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  fs.chmodSync(file, 0o600); // readable by the user only; SQLite gives its -wal and -shm the same mode
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}
