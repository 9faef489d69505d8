import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheRegistry, cacheFile } from '../../src-main/cache';
import { CACHE_MIGRATIONS } from '../../src-main/cache/schema';
import { openDatabase } from '../../src-main/platform/sqlite';
import { AT, SCOPE } from './repos/repo-store';

/** How many cache migrations had shipped before customer erasures got theirs (shipped ones never change). */
const BEFORE_ERASURES = 4;

const tables = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  } finally {
    db.close();
  }
};
const userVersion = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-migrations-'));
  file = cacheFile(dir, SCOPE);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cache migrations: customer erasures', () => {
  it('a new cache has the erasures table from its migrations, and opening it adds nothing', () => {
    const caches = new CacheRegistry(dir);
    caches.open(SCOPE);
    caches.close();
    expect(tables(file)).toContain('customer_erasures');
    expect(userVersion(file)).toBe(CACHE_MIGRATIONS.length);
  });

  it('upgrades a cache the release before made (no erasures table yet): the table appears and purges are remembered', () => {
    // As that release left a cache that never opened its customer records: migrated up to credit notes, no table.
    openDatabase(file, CACHE_MIGRATIONS.slice(0, BEFORE_ERASURES)).close();
    expect(tables(file)).not.toContain('customer_erasures');

    const caches = new CacheRegistry(dir);
    const store = caches.open(SCOPE);
    expect(store.customerRecords.erased()).toEqual([]);
    store.upsert('customers', [{ id: 'cus_1', object: 'customer', created: 1, email: 'a@example.com' }], AT);
    store.customerRecords.purge('cus_1', 2000);
    expect(store.customerRecords.erased()).toEqual(['cus_1']);
    caches.close();
    expect(userVersion(file)).toBe(CACHE_MIGRATIONS.length);
  });

  it('keeps the erasures an older cache recorded in the table it made on open', () => {
    const old = openDatabase(file, CACHE_MIGRATIONS.slice(0, BEFORE_ERASURES));
    // What the repository used to run each time the cache opened, then a purge's record.
    old.exec('CREATE TABLE IF NOT EXISTS customer_erasures (customer TEXT PRIMARY KEY, erased_at INTEGER NOT NULL)');
    old.prepare('INSERT INTO customer_erasures (customer, erased_at) VALUES (?, ?)').run('cus_gone', 1500);
    old.close();

    const caches = new CacheRegistry(dir);
    expect(caches.open(SCOPE).customerRecords.erased()).toEqual(['cus_gone']);
    caches.close();
    expect(userVersion(file)).toBe(CACHE_MIGRATIONS.length);
  });
});
