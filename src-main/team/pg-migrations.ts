import type { PgDatabase } from './pg-database';

/** One forward-only step of the team database's schema, applied once, in order, inside a transaction. */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/** Serialises concurrent migrators (two services starting at once) on this database. */
const MIGRATION_LOCK = 0x5c_7e_a0_01;

/** Applies the migrations not yet recorded in `schema_migrations`; returns the versions it applied. */
export async function migrate(db: PgDatabase, migrations: readonly PgMigration[]): Promise<number[]> {
  return db.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
