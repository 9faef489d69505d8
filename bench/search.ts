/**
 * Search latency over a big customer cache: `npm run bench:search -- --customers 1000000`.
 * Fills a cache store directly (realistic names, emails, phones, cards), then times many searches of each
 * kind — email prefix, name word, card last4 — through CacheStore.searchCustomers (first page of 50).
 * Last line: one JSON object {customers, p50_ms, p95_ms, …} (p50/p95 = the worst of the three kinds).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CacheRegistry, type StripeObjectLike } from '../src-main/cache';
import { intArg, percentile } from './bench-util';
import { FIRST_NAMES, LAST_NAMES } from '../src-main/emulator/generator/vocabulary';

// The emulator's realistic vocabulary, so the benchmark's words are as spread as the demo data's.
const FIRST = FIRST_NAMES;
const LAST = LAST_NAMES;
const DOMAINS = ['example.com', 'mail.test', 'corp.example', 'shop.example.org', 'inbox.test'];

let seed = 12345;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

function customer(i: number): { customer: StripeObjectLike; card: StripeObjectLike } {
  const first = pick(FIRST);
  const last = pick(LAST);
  const id = `cus_${i.toString(36).padStart(8, '0')}${digits(4)}`;
  const created = 1_600_000_000 + i * 60;
  return {
    customer: {
      id,
      object: 'customer',
      created,
      email: `${first}.${last}${i}@${pick(DOMAINS)}`.toLowerCase(),
      name: `${first} ${last}`,
      phone: `+1 ${digits(3)}-555-${digits(4)}`,
      delinquent: rand() < 0.05,
      balance: 0,
      currency: 'usd',
      metadata: { crm_id: `CRM-${digits(6)}` },
      invoice_settings: { default_payment_method: `pm_${id.slice(4)}` },
    },
    card: {
      id: `pm_${id.slice(4)}`,
      object: 'payment_method',
      created,
      customer: id,
      type: 'card',
      card: {
        brand: pick(['visa', 'mastercard', 'amex']),
        last4: digits(4),
        exp_month: 1 + Math.floor(rand() * 12),
        exp_year: 2027 + Math.floor(rand() * 5),
      },
    },
  };
}

function fill(store: ReturnType<CacheRegistry['open']>, total: number): { emails: string[]; seconds: number } {
  const started = performance.now();
  const emails: string[] = [];
  const batch = 20_000; // one transaction per batch: FTS flushes one segment per batch
  store.bulkLoad(['customers', 'payment_methods'], () => {
    for (let from = 0; from < total; from += batch) {
      const rows = Array.from({ length: Math.min(batch, total - from) }, (_, k) => customer(from + k));
      const freshness = { lo: Date.now(), hi: Date.now() };
      store.transaction(() => {
        store.upsert(
          'payment_methods',
          rows.map((r) => r.card),
          freshness,
        );
        store.upsert(
          'customers',
          rows.map((r) => r.customer),
          freshness,
        );
      });
      if (emails.length < 5000) emails.push(...rows.slice(0, 50).map((r) => r.customer.email as string));
      const filled = from + rows.length;
      if (filled % 100_000 === 0)
        console.log(
          `  filled ${filled} customers, ${Math.round((filled * 2) / ((performance.now() - started) / 1000))} upserts/s so far`,
        );
    }
  });
  return { emails, seconds: (performance.now() - started) / 1000 };
}

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
    emails = store.db.prepare('SELECT email FROM customers ORDER BY random() LIMIT 2000').pluck().all() as string[];
  } else {
    console.log(`Filling ${customers} customers…`);
    ({ emails, seconds: fillSeconds } = fill(store, customers));
    console.log(
      `Filled in ${fillSeconds.toFixed(1)} s (${Math.round((customers * 2) / fillSeconds)} upserts/s incl. payment methods)`,
    );
  }
  store.db.pragma('optimize');
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
