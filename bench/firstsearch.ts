/**
 * Search that doesn't wait for sync: `npm run bench:firstsearch -- --customers 1000000 [--tries 20]`.
 * A fresh emulated account (150 ms latency, Stripe's rate limits on) is added to the app, whose backfill starts at
 * once; straight away an agent searches, one after another, for customers the backfill hasn't reached (picked at
 * random from the emulator's store, checked absent from the cache). Each search runs as the window runs it: the
 * cache and Stripe's Search API (through the gateway and its rate budget) in parallel; a customer counts as found
 * when either answer names it. Stripe's stand-in runs in its own process (`npm run emulator`), as Stripe's servers
 * don't share the console's CPU. Alongside the goal's figures it reports how long requests waited in the rate
 * budget per lane (searches are interactive, the backfill background) and the app's event-loop delay, which is
 * what's left of a search's time on a busy machine.
 * Last line: {"customers","first_result_ms_p95","found","tried",…}.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { AccountSummary, CallInput, CallName, LiveSearchAnswer, SearchHit } from '../src-preload/contract';
import { createConsoleApp } from '../src-main/app/composition';
import type { Lane } from '../src-main/stripe/rate-budget';
import { memoryKeychain } from '../test/support/keychain';
import { intArg, percentile } from './bench-util';

const LATENCY_MS = 150;

async function main(): Promise<void> {
  const customers = intArg('--customers', 20_000);
  const tries = intArg('--tries', 20);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-firstsearch-'));
  console.log(`Generating an emulated account with ${customers} customers…`);
  const emulatorDir = path.join(root, 'stripe');
  const stripe = await spawnEmulator([
    '--data-dir',
    emulatorDir,
    '--customers',
    String(customers),
    '--live-customers',
    '1',
    '--latency',
    String(LATENCY_MS),
    '--rate-limits',
  ]);
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
  const account = (await call('accounts.add', { key: stripe.keys.test })) as AccountSummary;
  const scope = { accountId: account.id, mode: 'test' as const };
  const waits = measureBudgetWaits(app.core.gateway.budget(scope));
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  await call('session.select', { ...scope });
  const cache = app.services.caches.open(scope);

  const samples: number[] = [];
  let found = 0;
  let tried = 0;
  let fromStripe = 0;
  for (const { id, email } of targets) {
    if (tried === tries) break;
    if (cache.has('customers', id)) continue; // the backfill got there first: not what this measures
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
  loop.disable();
  await app.stop();
  stripe.stop();
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
      budget_wait_ms_p95: {
        interactive: round(percentile(waits.interactive, 95)),
        background: round(percentile(waits.background, 95)),
      },
      event_loop_delay_ms_p95: round(loop.percentile(95) / 1e6),
    }),
  );
}

/** Stripe's stand-in in a child process: its first stdout line says where it listens and its keys. */
async function spawnEmulator(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, '../src-main/emulator/cli.ts'), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it listened`)));
  });
  const { port, keys } = JSON.parse(first) as { port: number; keys: { test: string; live: string } };
  return { port, keys, stop: () => child.kill('SIGTERM') };
}

/** Times every wait for a token in the scope's budget, per lane (the bench's own probe; the app's code is unchanged). */
function measureBudgetWaits(budget: { acquire(lane?: Lane): Promise<void> }): Record<Lane, number[]> {
  const waits: Record<Lane, number[]> = { interactive: [], background: [] };
  const acquire = budget.acquire.bind(budget);
  budget.acquire = async (lane: Lane = 'interactive') => {
    const started = performance.now();
    await acquire(lane);
    waits[lane].push(performance.now() - started);
  };
  return waits;
}

void main();
