/**
 * Backfill throughput: `npm run bench:backfill -- --customers N [--rate R]`.
 * The demo emulator runs in a child process (150 ms latency, Stripe's rate limits on) so the memory figure is
 * the console's alone; the product's own SyncService backfills a fresh cache through the real SDK and the
 * shared rate budget (default: the app's test-mode budget). Last line: one JSON object of the figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { CacheRegistry, RESOURCES } from '../src-main/cache';
import { startEmulator } from '../src-main/emulator';
import { systemClock } from '../src-main/platform/clock';
import { EventBus } from '../src-main/platform/event-bus';
import { DEFAULT_RATE_BUDGET } from '../src-main/settings/settings-store';
import { ConnectivityMonitor } from '../src-main/stripe/connectivity';
import { StripeGateway } from '../src-main/stripe/gateway';
import { SyncService } from '../src-main/sync/sync-service';
import { intArg } from './bench-util';

const LATENCY_MS = 150;
const OBJECTS_PER_REQUEST = 100;

interface EmulatorInfo {
  port: number;
  accountId: string;
  key: string;
}

async function serveEmulator(customers: number): Promise<void> {
  const emulator = await startEmulator({ customers, liveCustomers: 1, latencyMs: LATENCY_MS, rateLimits: true });
  process.stdout.write(
    JSON.stringify({ port: emulator.port, accountId: emulator.accountId, key: emulator.keys.test }) + '\n',
  );
  process.stdin.resume();
  process.stdin.on('end', () => void emulator.stop().then(() => process.exit(0)));
}

function spawnEmulator(customers: number): Promise<{ child: ChildProcess; info: EmulatorInfo }> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, __filename, '--serve-emulator', '--customers', String(customers)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
    readline
      .createInterface({ input: child.stdout! })
      .once('line', (line) => resolve({ child, info: JSON.parse(line) as EmulatorInfo }));
  });
}

async function main(): Promise<void> {
  const customers = intArg('--customers', 10_000);
  if (process.argv.includes('--serve-emulator')) return serveEmulator(customers);
  const rate = intArg('--rate', DEFAULT_RATE_BUDGET.test);
  console.log(`Generating an emulated account with ${customers} customers…`);
  const { child, info } = await spawnEmulator(customers);
  const dir = path.join(__dirname, '.data', `backfill-${customers}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const connectivity = new ConnectivityMonitor();
  const gateway = new StripeGateway({
    keys: { keyFor: async () => info.key },
    endpointFor: () => ({ host: '127.0.0.1', port: info.port, protocol: 'http' }),
    rateFor: () => rate,
    connectivity,
    clock: systemClock,
  });
  const sentAt: number[] = [];
  const client = await gateway.client({ accountId: info.accountId, mode: 'test' });
  client.on('request', () => sentAt.push(performance.now()));
  const caches = new CacheRegistry(dir);
  const logger = { log() {}, info() {}, warn() {}, error: (m: string, f?: object) => console.error(m, f) };
  const sync = new SyncService({
    caches,
    gateway,
    connectivity,
    events: new EventBus(),
    logger,
    clock: systemClock,
    options: { pollIntervalMs: 60_000 },
  });
  const scope = { accountId: info.accountId, mode: 'test' as const };
  let peakRss = process.memoryUsage().rss;
  let ticks = 0;
  const started = performance.now();
  sync.start(scope);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const status = sync.status(scope);
      const done = status.resources.reduce((sum, r) => sum + r.done, 0);
      if (++ticks % 50 === 0)
        console.log(
          `  ${status.phase}: ${done} objects, ${sentAt.length} requests, ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
      if (status.phase === 'incremental' || status.phase === 'error') {
        clearInterval(timer);
        resolve();
      }
    }, 100);
  });
  const seconds = (performance.now() - started) / 1000;
  await sync.close();
  const store = caches.open(scope);
  // Distinct objects the lists brought (a page in flight across a split can repeat a few: not counted twice).
  const listed = RESOURCES.filter((r) => r !== 'events' && r !== 'payment_methods').reduce(
    (sum, r) => sum + store.count(r),
    0,
  );
  const cached = RESOURCES.filter((r) => r !== 'events').reduce((sum, r) => sum + store.count(r), 0);
  const perResource = Object.fromEntries(store.state.all().map((s) => [s.resource, store.count(s.resource)]));
  // The fewest list requests that can return these objects: every resource ends in a partial (or empty) page.
  const minRequests = store.state
    .all()
    .filter((s) => s.resource !== 'payment_methods')
    .reduce((sum, s) => sum + Math.max(1, Math.ceil(store.count(s.resource) / OBJECTS_PER_REQUEST)), 0);
  caches.close();
  child.stdin!.end();
  const requests = sentAt.length;
  const bound = rate * OBJECTS_PER_REQUEST;
  const inherentBound = (listed / minRequests) * rate;
  const perWindow = requestsPerWindow(sentAt, started, 5000);
  const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
  console.log(
    `Backfilled ${listed} distinct listed objects (${cached} cached incl. expanded payment methods) in ${seconds.toFixed(1)} s with ${requests} requests`,
  );
  console.log(`  per resource: ${JSON.stringify(perResource)}`);
  console.log(
    `  ${round(listed / seconds)} objects/s vs bound ${bound} (budget ${rate}/s × ${OBJECTS_PER_REQUEST}); ${round(requests / seconds, 2)} requests/s`,
  );
  console.log(
    `  ${requests} requests vs at least ${minRequests} (one partial page per resource): ${round(listed / requests)} objects/request`,
  );
  console.log(`  requests per 5 s: ${perWindow.join(' ')}`);
  console.log(
    JSON.stringify({
      customers,
      objects: listed,
      seconds: round(seconds, 2),
      objects_per_s: round(listed / seconds),
      bound_objects_per_s: bound,
      ratio: round(listed / seconds / bound, 3),
      // Against what the budget allows when each resource's last page is partial (inherent, not overhead).
      inherent_bound_objects_per_s: round(inherentBound),
      ratio_vs_inherent: round(listed / seconds / inherentBound, 3),
      requests,
      min_requests: minRequests,
      requests_per_s: round(requests / seconds, 2),
      upserts_per_s: round(cached / seconds),
      peak_rss_mb: Math.round(peakRss / 1e6),
      budget_per_s: rate,
      latency_ms: LATENCY_MS,
    }),
  );
}

/** Requests sent in each window since the start: shows whether the budget stays busy to the end. */
function requestsPerWindow(sentAt: number[], started: number, windowMs: number): number[] {
  const counts: number[] = [];
  for (const at of sentAt) {
    const index = Math.max(0, Math.floor((at - started) / windowMs));
    while (counts.length <= index) counts.push(0);
    counts[index]!++;
  }
  return counts;
}

void main();
