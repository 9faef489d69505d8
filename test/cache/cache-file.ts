import Database from 'better-sqlite3';
import type { Scope } from '../../src-preload/contract';
import { cacheFile } from '../../src-main/cache';

/**
 * Runs `look` on a test's own connection to an account+mode's cache file, to assert on (or damage) what is stored
 * beneath the repositories: the app's connection stays inside CacheStore. Closed when `look` returns.
 */
export function inspectCache<T>(dataDir: string, scope: Scope, look: (db: Database.Database) => T): T {
  const db = new Database(cacheFile(dataDir, scope));
  try {
    return look(db);
  } finally {
    db.close();
  }
}
