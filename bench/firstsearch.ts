/**
 * Search that doesn't wait for sync: `npm run bench:firstsearch -- --customers 1000000 [--tries 20]`.
 * A fresh emulated account (150 ms latency, Stripe's rate limits on) is added to the app, whose backfill starts at
 * once; straight away an agent searches, one after another, for customers the backfill hasn't reached (picked at
 * random from the emulator's store, checked absent from the cache). Each search runs as the window runs it: the
 * cache and Stripe's Search API (through the gateway and its rate budget) in parallel; a customer counts as found
 * when either answer names it. Last line: {"customers","first_result_ms_p95","found","tried",…}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CallInput, CallName, LiveSearchAnswer, SearchHit } from '../src-preload/contract';
import { createConsoleApp } from '../src-main/app/composition';
import { startEmulator } from '../src-main/emulator';
import { memoryKeychain } from '../test/support/keychain';
import { intArg, percentile } from './bench-util';

const LATENCY_MS = 150;

async function main(): Promise<void> {
  const customers = intArg('--customers', 20_000);
  const tries = intArg('--tries', 20);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-firstsearch-'));
  console.log(`Generating an emulated account with ${customers} customers…`);
  const emulatorDir = path.join(root, 'stripe');
  const stripe = await startEmulator({
    dataDir: emulatorDir,
    customers,
    liveCustomers: 1,
    latencyMs: LATENCY_MS,
    rateLimits: true,
  });
  const peek = new Database(path.join(emulatorDir, 'emulator.sqlite'), { readonly: true });
  const targets = peek
    .prepare(
      `SELECT id, ref1 AS email FROM objects WHERE type = 'customer' AND ref1 IS NOT NULL
         AND mode = 0 ORDER BY random() LIMIT ?`,
    )
    .all(tries * 3) as { id: string; email: string }[];
  peek.close();
  console.log(`Searching for ${tries} of ${targets.length} random customers the backfill hasn’t reached…`);

  const app = await createConsoleApp({
    dataDir: path.join(root, 'app'),
    keychain: memoryKeychain(),
    keychainService: 'stripe-console-bench',
    apiEndpoint: { host: '127.0.0.1', port: stripe.port, protocol: 'http' },
    demo: false,
    agentName: 'Bench',
  });
  await app.start();
  const call = async <C extends CallName>(name: C, input: CallInput<C>) => {
    const result = await app.router.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as unknown;
  };
  await call('accounts.add', { key: stripe.keys.test });
  const scope = { accountId: stripe.accountId, mode: 'test' as const };
  await call('session.select', { ...scope });
  const cache = app.services.caches.open(scope);
  const cached = cache.db.prepare('SELECT 1 FROM customers WHERE id = ?');

  const samples: number[] = [];
  let found = 0;
  let tried = 0;
  let fromStripe = 0;
  for (const { id, email } of targets) {
    if (tried === tries) break;
    if (cached.get(id)) continue; // the backfill got there first: not what this measures
    tried++;
    const input = { scope, query: email, limit: 8 };
    const started = performance.now();
    const hasIt = (hits: SearchHit[]) => hits.some((h) => h.id === id);
    const firstHit = await new Promise<{ ms: number; source: string } | null>((resolve) => {
      let pending = 2;
      const settle = (hits: SearchHit[] | null, source: string) => {
        if (hits && hasIt(hits)) resolve({ ms: performance.now() - started, source });
        else if (--pending === 0) resolve(null);
      };
      call('search.everything', input).then(
        (hits) => settle(hits as SearchHit[], 'cache'),
        () => settle(null, 'cache'),
      );
      call('search.live', input).then(
        (answer) => settle((answer as LiveSearchAnswer).hits, 'stripe'),
        () => settle(null, 'stripe'),
      );
    });
    if (firstHit) {
      found++;
      samples.push(firstHit.ms);
      if (firstHit.source === 'stripe') fromStripe++;
    }
    console.log(`  ${email}: ${firstHit ? `${firstHit.ms.toFixed(0)} ms (${firstHit.source})` : 'NOT FOUND'}`);
  }
  const synced = cache.count('customers');
  await app.stop();
  await stripe.stop();
  fs.rmSync(root, { recursive: true, force: true });
  const round = (n: number) => Math.round(n);
  console.log(
    JSON.stringify({
      customers,
      first_result_ms_p95: round(percentile(samples, 95)),
      first_result_ms_p50: round(percentile(samples, 50)),
      found,
      tried,
      found_by_stripe: fromStripe,
      customers_synced_meanwhile: synced,
      latency_ms: LATENCY_MS,
    }),
  );
}

void main();
