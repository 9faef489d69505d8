import type Database from 'better-sqlite3';
import path from 'node:path';
import { openDatabase } from '../platform/sqlite';
import type { Migration } from '../platform/migrations';
import { MUTATION_STATES_MIGRATION } from '../mutations/mutation-store';

/**
 * The app's own database (accounts list, settings, mutation ledger, activity log, local dispute work).
 * Stripe's cached objects live apart, one store per account+mode (see cache/). Never holds a key.
 */
const migrations: Migration[] = [
  (db) =>
    db.exec(`
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
      CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE mutations (
        intent_id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        params TEXT NOT NULL,
        amount INTEGER,
        currency TEXT,
        agent TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending','succeeded','failed','unknown')),
        result_id TEXT,
        result_status TEXT,
        request_id TEXT,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX mutations_state ON mutations (state);
      CREATE INDEX mutations_target ON mutations (account_id, mode, target_id);

      CREATE TABLE activity (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        agent TEXT NOT NULL,
        account_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        action TEXT NOT NULL,
        object_id TEXT NOT NULL,
        amount INTEGER,
        currency TEXT,
        outcome TEXT NOT NULL,
        detail TEXT,
        request_id TEXT,
        result_id TEXT,
        intent_id TEXT
      );
      CREATE INDEX activity_scope ON activity (account_id, mode, at DESC);
      CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity BEGIN SELECT RAISE(ABORT, 'activity is append-only'); END;
      CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity BEGIN SELECT RAISE(ABORT, 'activity is append-only'); END;

      CREATE TABLE dispute_drafts (
        account_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        dispute_id TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT '{}',
        files TEXT NOT NULL DEFAULT '{}',
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, mode, dispute_id)
      );
      CREATE TABLE dispute_reviews (
        account_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        dispute_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('unreviewed','reviewed','flagged','needs_info')),
        note TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, mode, dispute_id)
      );
    `),
  // The ledger's total state machine (docs/reliability.md): prepared → sending → succeeded | refused | unknown.
  (db) => db.exec(MUTATION_STATES_MIGRATION),
];

export function openAppDatabase(dataDir: string): Database.Database {
  return openDatabase(path.join(dataDir, 'app.db'), migrations);
}
