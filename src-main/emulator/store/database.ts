import Database from 'better-sqlite3';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS objects (
  id TEXT PRIMARY KEY,
  mode INTEGER NOT NULL,
  type TEXT NOT NULL,
  created INTEGER NOT NULL,
  customer TEXT,
  status TEXT,
  ref1 TEXT,
  ref2 TEXT,
  indexed_at INTEGER NOT NULL DEFAULT 0,
  json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS api_keys (
  key TEXT PRIMARY KEY,
  mode TEXT NOT NULL,
  permissions TEXT,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS idempotency (
  mode TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  request_id TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (mode, key)
);
CREATE TABLE IF NOT EXISTS file_contents (id TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_secrets (endpoint_id TEXT PRIMARY KEY, secret TEXT NOT NULL);
`;

// Built after bulk generation: sorting once per index beats maintaining five B-trees per inserted row.
const INDEXES = `
CREATE INDEX IF NOT EXISTS objects_by_created ON objects(mode, type, created, id);
CREATE INDEX IF NOT EXISTS objects_by_customer ON objects(mode, type, customer, created, id) WHERE customer IS NOT NULL;
CREATE INDEX IF NOT EXISTS objects_by_status ON objects(mode, type, status, created, id) WHERE status IS NOT NULL;
CREATE INDEX IF NOT EXISTS objects_by_ref1 ON objects(mode, type, ref1, created, id) WHERE ref1 IS NOT NULL;
CREATE INDEX IF NOT EXISTS objects_by_ref2 ON objects(mode, type, ref2, created, id) WHERE ref2 IS NOT NULL;
`;

export function openDatabase(file: string): Db {
  const db = new Database(file);
  // Larger pages suit ~0.3–3 KB JSON rows (takes effect only on a fresh file).
  db.pragma('page_size = 16384');
  // The emulator's data is disposable: trade durability for speed, but keep a journal so
  // a failed request can roll back its transaction.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -262144');
  db.exec(SCHEMA);
  return db;
}

/** Builds the list indexes (idempotent) and gives the query planner statistics. */
export function createIndexes(db: Db): void {
  db.exec(INDEXES);
  // Sampled statistics are enough for the planner and keep this fast on million-row tables.
  db.pragma('analysis_limit = 1000');
  db.exec('ANALYZE');
}

export function readMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
}
