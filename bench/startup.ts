/**
 * Cold start with a big cache: `npm run bench:startup -- --customers 1000000 [--queries 30]`.
 *
 * What it measures, through the browser host (the built renderer served by the real main-process services, the
 * composition root the app uses) and Debian's Chromium at 1440×900:
 * - `boot_ms`: the composition root started on a data dir whose cache already holds N customers (an account
 *   connected, its backfill finished): open the stores, resume sync, serve the page;
 * - `first_row_ms`: from the page's navigation start to the first customer row painted in the Customers view (the
 *   first usable view), measured in the page's own clock;
 * - `keystroke_to_results_ms_p95`: from the last keydown of a customer's email typed into the search box to that
 *   customer being the first row painted — the search box's debounce (`debounce_ms`) included, and
 *   `beyond_debounce_ms_p95` without it (the goal: < 50 ms).
 * The cache is filled straight into the account's SQLite cache (bench/customer-fill.ts), so the 1M run doesn't
 * wait for a 1M backfill; the emulated account behind it is small. Build the renderer first
 * (`npx electron-vite build`; SC_OUT_DIR is honoured).
 * Last line: {"customers","boot_ms","first_row_ms","keystroke_to_results_ms_p95",…}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { CallInput, CallName, SyncProgress } from '../src-preload/contract';
import { CacheRegistry } from '../src-main/cache';
import { startEmulator } from '../src-main/emulator';
import { startTestHost } from '../test/host/test-host';
import { memoryKeychain } from '../test/support/keychain';
import { until } from '../test/support/until';
import { intArg, percentile } from './bench-util';
import { fillCustomers, pick } from './customer-fill';

/** The Customers search box's debounce (SEARCH_DEBOUNCE_MS in src-renderer/customers/CustomersView.tsx). */
const DEBOUNCE_MS = 100;

/** What the page functions below touch in the browser; this Node program's types don't describe the DOM. */
interface PageGlobals {
  document: { querySelector(selector: string): { textContent: string | null } | null };
  addEventListener(type: 'keydown', listener: () => void, options: { capture: boolean }): void;
  lastKeyAt: number;
}
const VIEWPORT = { width: 1440, height: 900 };
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

async function main(): Promise<void> {
  const customers = intArg('--customers', 100_000);
  const queries = intArg('--queries', 30);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-startup-'));
  const appDir = path.join(root, 'app');
  const stripeDir = path.join(root, 'stripe');
  const stripe = await startEmulator({ dataDir: stripeDir, customers: 5, liveCustomers: 1 });
  const keychain = memoryKeychain();
  const hostOptions = {
    dataDir: appDir,
    keychain,
    keychainService: 'stripe-console-bench-startup',
    apiEndpoint: { host: '127.0.0.1', port: stripe.port, protocol: 'http' as const },
    demo: false as const,
    agentName: 'Bench',
  };

  // 1. Connect the account (keys go to the in-memory keychain, kept for the restart) and let its backfill finish.
  const first = await startTestHost(hostOptions);
  const call = async <C extends CallName>(name: C, input: CallInput<C>) => {
    const result = await first.app.router.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as unknown;
  };
  const scope = { accountId: stripe.accountId, mode: 'test' as const };
  await call('accounts.add', { key: stripe.keys.test });
  await call('session.select', scope);
  await until(async () => ((await call('sync.status', { scope })) as SyncProgress).phase === 'incremental', {
    what: 'the small account’s backfill',
    checks: 2400,
  });
  await first.stop();

  // 2. The cache now holds N customers, as it would after a long backfill.
  console.log(`Filling the cache with ${customers} customers…`);
  const caches = new CacheRegistry(appDir);
  const { emails, seconds: fillSeconds } = fillCustomers(caches.open(scope), customers);
  caches.close();
  console.log(`Filled in ${fillSeconds.toFixed(1)} s`);

  // 3. Cold start: the composition root on that data dir, then a fresh browser page.
  const bootStarted = performance.now();
  const host = await startTestHost(hostOptions);
  const bootMs = performance.now() - bootStarted;
  const browser = await chromium.launch({
    ...(fs.existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(host.url);
  const firstRow = await page.waitForFunction(
    () =>
      (globalThis as unknown as PageGlobals).document.querySelector('[role="grid"] [data-row-id]')
        ? performance.now()
        : null,
    null,
    { polling: 'raf', timeout: 120_000 },
  );
  const firstRowMs = (await firstRow.jsonValue()) as number;
  const shown = await page.locator('[role="grid"] [data-row-id]').count();
  console.log(`First row after ${firstRowMs.toFixed(0)} ms (boot ${bootMs.toFixed(0)} ms), ${shown} rows painted`);

  // 4. Keystroke → results: type a customer's email; the last key's time is taken in the page, in capture phase.
  const box = page.getByRole('searchbox', { name: 'Search customers' });
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.addEventListener('keydown', () => (w.lastKeyAt = performance.now()), { capture: true });
  });
  const samples: number[] = [];
  for (let i = 0; i < queries; i++) {
    const email = pick(emails);
    await box.fill(email.slice(0, -1));
    await box.press(email.slice(-1));
    const foundAt = await page.waitForFunction(
      (wanted) => {
        const row = (globalThis as unknown as PageGlobals).document.querySelector('[role="grid"] [data-row-id]');
        return row?.textContent?.includes(wanted) ? performance.now() : null;
      },
      email,
      { polling: 'raf', timeout: 30_000 },
    );
    const ms =
      ((await foundAt.jsonValue()) as number) -
      (await page.evaluate(() => (globalThis as unknown as PageGlobals).lastKeyAt));
    samples.push(ms);
    await box.fill('');
  }
  await browser.close();
  await host.stop();
  await stripe.stop();
  fs.rmSync(root, { recursive: true, force: true });
  const p95 = percentile(samples, 95);
  console.log(
    JSON.stringify({
      customers,
      boot_ms: Math.round(bootMs),
      first_row_ms: Math.round(firstRowMs),
      keystroke_to_results_ms_p95: Math.round(p95),
      keystroke_to_results_ms_p50: Math.round(percentile(samples, 50)),
      beyond_debounce_ms_p95: Math.round(p95 - DEBOUNCE_MS),
      debounce_ms: DEBOUNCE_MS,
      queries: samples.length,
      viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
    }),
  );
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
