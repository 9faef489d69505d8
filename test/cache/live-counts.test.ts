import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheRegistry, cacheFile, RESOURCES, type CacheStore, type Resource } from '../../src-main/cache';
import { CACHE_MIGRATIONS } from '../../src-main/cache/schema';
import { Prng } from '../../src-main/emulator/generator/prng';
import { openDatabase } from '../../src-main/platform/sqlite';

/**
 * `count` reads one counter row per table, kept by triggers in the writer's transaction: after any mix of
 * writes it must be exactly the rows not deleted, in each account+mode's own file, and start right on a cache
 * that had rows before the counters existed.
 */

const SCOPES = [
  { accountId: 'acct_counts1', mode: 'test' },
  { accountId: 'acct_counts1', mode: 'live' },
  { accountId: 'acct_counts2', mode: 'test' },
] as const;
/** How many cache migrations had shipped before the live counters (shipped ones never change). */
const BEFORE_COUNTERS = 6;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-counts-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The count as the rows say it, read on a connection of the test's own. */
function realCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(
      RESOURCES.map((r) => [r, db.prepare(`SELECT count(*) FROM ${r} WHERE deleted = 0`).pluck().get() as number]),
    );
  } finally {
    db.close();
  }
}
const counts = (store: CacheStore) => Object.fromEntries(RESOURCES.map((r) => [r, store.count(r)]));

/** Random writes of every kind the cache makes: upserts new and newer, deletions, tombstones, purges, events. */
function writeAtRandom(store: CacheStore, prng: Prng, steps: number): void {
  const rand = () => prng.next();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const tables: Resource[] = ['customers', 'payment_methods', 'payment_intents', 'charges', 'invoices', 'disputes'];
  let clock = 10_000;
  for (let step = 0; step < steps; step++) {
    const resource = pick(tables);
    const id = `${resource.slice(0, 3)}_${Math.floor(rand() * 40)}`;
    const at = { lo: (clock += 10), hi: clock + 5 };
    const customer = `cus_${Math.floor(rand() * 40)}`;
    const roll = rand();
    if (roll < 0.5) {
      const batch = Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, k) => ({
        id: k === 0 ? id : `${resource.slice(0, 3)}_${Math.floor(rand() * 40)}`,
        object: resource,
        created: step,
        customer,
        ...(rand() < 0.1 ? { deleted: true } : {}),
      }));
      store.upsert(resource, batch, at);
    } else if (roll < 0.75) store.markDeleted(resource, id, at);
    else if (roll < 0.8) store.customerRecords.purge(customer, clock);
    else if (roll < 0.9) {
      // Events about a customer: a purge of that customer deletes them.
      const event = { id: `evt_${Math.floor(rand() * 60)}`, type: 'customer.updated', created: step };
      store.recordEvent({ ...event, data: { object: { id: customer, object: 'customer' } } }, 'poll', clock);
    } else {
      // A write that fails half-way leaves the count as it was.
      expect(() =>
        store.transaction(() => {
          store.upsert(resource, [{ id: `${id}_new`, object: resource, created: step }], at);
          throw new Error('rolled back');
        }),
      ).toThrow('rolled back');
    }
  }
}

describe('live counts', () => {
  it('stay exact through random writes, each account+mode in its own file', () => {
    const caches = new CacheRegistry(dir);
    SCOPES.forEach((scope, i) => {
      const store = caches.open(scope);
      writeAtRandom(store, new Prng(100 + i), 250);
      expect(counts(store)).toEqual(realCounts(cacheFile(dir, scope)));
    });
    // Each file counted only its own writes, and reopening reads the same counts.
    const before = SCOPES.map((scope) => counts(caches.open(scope)));
    caches.close();
    const reopened = new CacheRegistry(dir);
    expect(SCOPES.map((scope) => counts(reopened.open(scope)))).toEqual(before);
    expect(new Set(before.map((c) => JSON.stringify(c))).size).toBe(SCOPES.length);
    reopened.close();
  });

  it('stay exact through a bulk load, whose indexes are dropped and built again', () => {
    const caches = new CacheRegistry(dir);
    const store = caches.open(SCOPES[0]);
    store.bulkLoad(['customers', 'payment_methods'], () => writeAtRandom(store, new Prng(7), 200));
    expect(counts(store)).toEqual(realCounts(cacheFile(dir, SCOPES[0])));
    caches.close();
  });

  it('start from the rows a cache held before the counters, deleted ones left out', () => {
    const file = cacheFile(dir, SCOPES[0]);
    // As the release before left a cache: its migrations only, written to by the app of then.
    const old = openDatabase(file, CACHE_MIGRATIONS.slice(0, BEFORE_COUNTERS));
    const insert = (resource: Resource, id: string, deleted: number) =>
      old
        .prepare(
          `INSERT INTO ${resource} (id, created, deleted, fresh_lo, fresh_hi, data) VALUES (?, 1, ?, 1, 1, '{}')`,
        )
        .run(id, deleted);
    for (let i = 0; i < 30; i++) insert('customers', `cus_${i}`, i % 4 === 0 ? 1 : 0);
    for (let i = 0; i < 12; i++) insert('payment_methods', `pm_${i}`, i % 3 === 0 ? 1 : 0);
    for (let i = 0; i < 9; i++) insert('charges', `ch_${i}`, i % 2);
    old.close();

    const caches = new CacheRegistry(dir);
    const store = caches.open(SCOPES[0]);
    expect(counts(store)).toEqual(realCounts(file));
    expect([store.count('customers'), store.count('payment_methods'), store.count('charges')]).toEqual([22, 8, 5]);
    writeAtRandom(store, new Prng(3), 150);
    expect(counts(store)).toEqual(realCounts(file));
    caches.close();
    // The partial indexes of deleted rows only served counting: they are gone.
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%deleted_only'").all()).toEqual([]);
    db.close();
  });
});
