/**
 * Search latency over a big customer cache: `npm run bench:search -- --customers 1000000`.
 * Fills a cache store directly (realistic names, emails, phones, cards), then times many searches of each
 * kind — email prefix, name word, card last4 — through CacheStore.searchCustomers (first page of 50).
 * Last line: one JSON object {customers, p50_ms, p95_ms, …} (p50/p95 = the worst of the three kinds).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CacheRegistry, cacheFile } from '../src-main/cache';
import { intArg, percentile } from './bench-util';
import { digits, FIRST, fillCustomers, LAST, pick, rand } from './customer-fill';

function time(run: () => unknown): number {
  const t = performance.now();
  run();
  return performance.now() - t;
}

function main(): void {
  const customers = intArg('--customers', 1_000_000);
  const queries = intArg('--queries', 500);
  const dir = path.join(__dirname, '.data', `search-${customers}`);
  const scope = { accountId: 'acct_benchsearch', mode: 'test' as const };
  const reuse =
    fs.existsSync(path.join(dir, 'cache', `${scope.accountId}-test.db`)) && process.argv.includes('--reuse');
  if (!reuse) fs.rmSync(dir, { recursive: true, force: true });
  const caches = new CacheRegistry(dir);
  const store = caches.open(scope);
  let fillSeconds = 0;
  let emails: string[];
  if (reuse) {
    const file = new Database(cacheFile(dir, scope), { readonly: true });
    emails = file.prepare('SELECT email FROM customers ORDER BY random() LIMIT 2000').pluck().all() as string[];
    file.close();
  } else {
    console.log(`Filling ${customers} customers…`);
    ({ emails, seconds: fillSeconds } = fillCustomers(store, customers));
    console.log(
      `Filled in ${fillSeconds.toFixed(1)} s (${Math.round((customers * 2) / fillSeconds)} upserts/s incl. payment methods)`,
    );
  }
  store.optimize();
  const kinds: Record<string, () => string> = {
    email_prefix: () => {
      const email = pick(emails);
      return email.slice(0, 3 + Math.floor(rand() * 6));
    },
    name_word: () => pick(rand() < 0.5 ? FIRST : LAST),
    last4: () => digits(4),
  };
  const results: Record<string, { p50: number; p95: number; hits: number }> = {};
  for (const [kind, next] of Object.entries(kinds)) {
    for (let i = 0; i < 20; i++) store.searchCustomers(next(), { limit: 50 }); // warm-up
    const samples: number[] = [];
    let hits = 0;
    for (let i = 0; i < queries; i++) {
      const q = next();
      samples.push(time(() => (hits += store.searchCustomers(q, { limit: 50 }).rows.length)));
    }
    results[kind] = { p50: percentile(samples, 50), p95: percentile(samples, 95), hits: Math.round(hits / queries) };
    console.log(
      `${kind.padEnd(13)} p50 ${results[kind]!.p50.toFixed(2)} ms  p95 ${results[kind]!.p95.toFixed(2)} ms  (avg ${results[kind]!.hits} hits/page)`,
    );
  }
  const size = fs.statSync(path.join(dir, 'cache', `${scope.accountId}-test.db`)).size;
  caches.close();
  const round = (n: number) => Math.round(n * 100) / 100;
  console.log(
    JSON.stringify({
      customers,
      queries_per_kind: queries,
      p50_ms: round(Math.max(...Object.values(results).map((r) => r.p50))),
      p95_ms: round(Math.max(...Object.values(results).map((r) => r.p95))),
      by_kind: Object.fromEntries(
        Object.entries(results).map(([k, r]) => [k, { p50_ms: round(r.p50), p95_ms: round(r.p95) }]),
      ),
      fill_seconds: round(fillSeconds),
      db_mb: Math.round(size / 1e6),
    }),
  );
}

main();
