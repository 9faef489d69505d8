import type Database from 'better-sqlite3';

/** Versioned, forward-only schema migrations, applied at start-up inside one transaction each. */
export type Migration = (db: Database.Database) => void;

export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < migrations.length; version++) {
    const step = migrations[version]!;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
