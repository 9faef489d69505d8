import Stripe from 'stripe';
import { startEmulator } from '../src-main/emulator';

/** `tsx bench/emulator.ts --customers 1000000 [--pages 200]`: generation time and list-page latency through the SDK. */
function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const customers = arg('customers', 100_000);
  const pages = arg('pages', 200);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const emulator = await startEmulator({ customers });
  const generateSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `generated ${customers.toLocaleString('en-US')} customers per mode (test + live) in ${generateSeconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU)`,
  );
  console.log(
    `  test objects: ${['customer', 'payment_intent', 'charge', 'refund', 'dispute', 'subscription', 'invoice', 'event'].map((t) => `${t}=${emulator.admin.counts(t as 'customer')}`).join(' ')}`,
  );

  const stripe = new Stripe(emulator.keys.test, {
    host: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  const newest = (await stripe.customers.list({ limit: 1 })).data[0]?.created ?? 0;
  const span = 730 * 86400;
  const timings: number[] = [];
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    // Alternate between jumping to a random point in time and following starting_after from there.
    const params: Stripe.CustomerListParams =
      i % 4 === 0 || !cursor
        ? { limit: 100, created: { lte: newest - Math.floor(random() * span) } }
        : { limit: 100, starting_after: cursor };
    const t0 = performance.now();
    const page = await stripe.customers.list(params);
    timings.push(performance.now() - t0);
    cursor = page.data[page.data.length - 1]?.id;
  }
  timings.sort((a, b) => a - b);
  const p50 = percentile(timings, 50);
  const p95 = percentile(timings, 95);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `list pages of 100 over HTTP via the SDK: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (${pages} pages)`,
  );
  console.log(`peak RSS ${peakRssMb.toFixed(0)} MB`);
  await emulator.stop();
  console.log(
    JSON.stringify({
      customers,
      list_p50_ms: Number(p50.toFixed(2)),
      list_p95_ms: Number(p95.toFixed(2)),
      generate_seconds: Number(generateSeconds.toFixed(1)),
      peak_rss_mb: Math.round(peakRssMb),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
