import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src-main/app/app-db';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const columns = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM pragma_table_info('mutations') ORDER BY cid`).pluck().all() as string[]).sort();

describe('app.db migrations', () => {
  it('a database made before the ledger’s five states upgrades: failed becomes refused, sent ones get a first send time', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-appdb-'));
    // The ledger's table as the first release made it (a fixture: the product defines only today's shape).
    const old = new Database(path.join(dir, 'app.db'));
    old.exec(`
      CREATE TABLE mutations (
        intent_id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL, mode TEXT NOT NULL,
        kind TEXT NOT NULL, target_id TEXT NOT NULL, params TEXT NOT NULL, amount INTEGER, currency TEXT,
        agent TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('sending','succeeded','failed','unknown')),
        result_id TEXT, result_status TEXT, request_id TEXT, error TEXT, attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      INSERT INTO mutations (intent_id, idempotency_key, account_id, mode, kind, target_id, params, agent, state,
        attempts, created_at, updated_at)
      VALUES ('i1', 'k1', 'acct_1Old', 'test', 'refund.create', 'ch_1', '{}', 'Ada', 'failed', 1, 100, 101),
             ('i2', 'k2', 'acct_1Old', 'test', 'refund.create', 'ch_2', '{}', 'Ada', 'sending', 0, 200, 200);
      PRAGMA user_version = 1;
    `);
    old.close();

    const db = openAppDatabase(dir);
    const fresh = openAppDatabase(fs.mkdtempSync(path.join(dir, 'fresh-')));
    try {
      expect(db.prepare('SELECT intent_id, state, first_sent_at FROM mutations ORDER BY intent_id').all()).toEqual([
        { intent_id: 'i1', state: 'refused', first_sent_at: 100 },
        { intent_id: 'i2', state: 'sending', first_sent_at: null },
      ]);
      // The upgraded table and a new database's are the same table.
      expect(columns(db)).toEqual(columns(fresh));
      expect(() =>
        fresh
          .prepare(
            `INSERT INTO mutations (intent_id, idempotency_key, account_id, mode, kind, target_id, params, agent, state, created_at, updated_at)
             VALUES ('i3', 'k3', 'acct_1New', 'test', 'refund.create', 'ch_3', '{}', 'Ada', 'failed', 1, 1)`,
          )
          .run(),
      ).toThrow(/CHECK/);
    } finally {
      db.close();
      fresh.close();
    }
  });
});
