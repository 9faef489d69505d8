/**
 * Search latency over a big customer cache: `npm run bench:search -- --customers 1000000`.
 * Fills a cache store directly (realistic names, emails, phones, cards), then times many searches of each
 * kind — email prefix, name word, card last4 — through CacheStore.searchCustomers (first page of 50), and a
 * whole email as the Customers list asks it on the last keystroke (store.customers.search, first page of 100).
 * `--cache <file>` measures an existing cache file instead, read-only, without filling (e.g. bench:startup's
 * stored fill: `.tmp/bench-startup/customers-1000000-fill1/cache/*.db`).
 * Last line: one JSON object {customers, p50_ms, p95_ms, …} (p50/p95 = the worst of the kinds, wall clock);
 * `cpu_p95_ms` per kind is main's CPU (`process.cpuUsage`), the figure to compare on a shared machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CacheRegistry, CacheStore, cacheFile } from '../src-main/cache';
import { intArg, percentile } from './bench-util';
import { digits, FIRST, fillCustomers, LAST, pick, rand } from './customer-fill';

/** Wall-clock and CPU milliseconds of one run. */
function time(run: () => unknown): { wall: number; cpu: number } {
  const t = performance.now();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
}

/** Up to 2,000 stored emails, picked at random. */
function storedEmails(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT email FROM customers ORDER BY random() LIMIT 2000').pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** An existing cache file, read-only (no migration, no sync): `--cache <file>`. */
function existingCache(): { store: CacheStore; file: string; customers: number; close(): void } | null {
  const index = process.argv.indexOf('--cache');
  const file = index >= 0 ? process.argv[index + 1] : undefined;
  if (!file) return null;
  const db = new Database(file, { readonly: true });
  // Every row (a bench fill deletes none), counted so from any schema version.
  const customers = db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
  const store = new CacheStore({ accountId: 'acct_benchsearch', mode: 'test' }, db);
  return { store, file, customers, close: () => db.close() };
}

function main(): void {
  const existing = existingCache();
  const customers = existing?.customers ?? intArg('--customers', 1_000_000);
  const queries = intArg('--queries', 500);
  const dir = path.join(__dirname, '.data', `search-${customers}`);
  const scope = { accountId: 'acct_benchsearch', mode: 'test' as const };
  const reuse =
    !existing &&
    fs.existsSync(path.join(dir, 'cache', `${scope.accountId}-test.db`)) &&
    process.argv.includes('--reuse');
  let fillSeconds = 0;
  let emails: string[];
  let store: CacheStore;
  let file: string;
  let close: () => void;
  if (existing) {
    ({ store, file, close } = existing);
    emails = storedEmails(file);
  } else {
    if (!reuse) fs.rmSync(dir, { recursive: true, force: true });
    const caches = new CacheRegistry(dir);
    store = caches.open(scope);
    file = cacheFile(dir, scope);
    close = () => caches.close();
    if (reuse) emails = storedEmails(file);
    else {
      console.log(`Filling ${customers} customers…`);
      ({ emails, seconds: fillSeconds } = fillCustomers(store, customers));
      console.log(
        `Filled in ${fillSeconds.toFixed(1)} s (${Math.round((customers * 2) / fillSeconds)} upserts/s incl. payment methods)`,
      );
    }
    store.optimize();
  }
  const listSearch = (query: string) =>
    store.customers.search({ query, filters: {}, sort: { field: 'created', direction: 'desc' }, limit: 100 }).items;
  const kinds: Record<string, { next: () => string; run: (q: string) => unknown[] }> = {
    email_prefix: {
      next: () => pick(emails).slice(0, 3 + Math.floor(rand() * 6)),
      run: (q) => store.searchCustomers(q, { limit: 50 }).rows,
    },
    name_word: {
      next: () => pick(rand() < 0.5 ? FIRST : LAST),
      run: (q) => store.searchCustomers(q, { limit: 50 }).rows,
    },
    last4: { next: () => digits(4), run: (q) => store.searchCustomers(q, { limit: 50 }).rows },
    whole_email: { next: () => pick(emails), run: listSearch },
  };
  const results: Record<string, { p50: number; p95: number; cpuP95: number; hits: number }> = {};
  for (const [kind, { next, run }] of Object.entries(kinds)) {
    for (let i = 0; i < 20; i++) run(next()); // warm-up
    const samples: { wall: number; cpu: number }[] = [];
    let hits = 0;
    for (let i = 0; i < queries; i++) {
      const q = next();
      samples.push(time(() => (hits += run(q).length)));
    }
    const wall = samples.map((s) => s.wall);
    const cpuP95 = percentile(
      samples.map((s) => s.cpu),
      95,
    );
    results[kind] = { p50: percentile(wall, 50), p95: percentile(wall, 95), cpuP95, hits: Math.round(hits / queries) };
    console.log(
      `${kind.padEnd(13)} p50 ${results[kind]!.p50.toFixed(2)} ms  p95 ${results[kind]!.p95.toFixed(2)} ms  cpu p95 ${cpuP95.toFixed(2)} ms  (avg ${results[kind]!.hits} hits/page)`,
    );
  }
  const size = fs.statSync(file).size;
  close();
  const round = (n: number) => Math.round(n * 100) / 100;
  console.log(
    JSON.stringify({
      customers,
      queries_per_kind: queries,
      p50_ms: round(Math.max(...Object.values(results).map((r) => r.p50))),
      p95_ms: round(Math.max(...Object.values(results).map((r) => r.p95))),
      by_kind: Object.fromEntries(
        Object.entries(results).map(([k, r]) => [
          k,
          { p50_ms: round(r.p50), p95_ms: round(r.p95), cpu_p95_ms: round(r.cpuP95) },
        ]),
      ),
      fill_seconds: round(fillSeconds),
      db_mb: Math.round(size / 1e6),
    }),
  );
}

main();
