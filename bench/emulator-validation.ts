import { route, type Route } from '../src-main/emulator/http/context';
import type { Params } from '../src-main/emulator/http/params';
import { intArg, percentile } from './bench-util';

/**
 * `tsx bench/emulator-validation.ts [--requests 200000]`: what the emulator's strict parameter checks
 * (Stripe's table + business rules) add to each request, without HTTP or SQLite around them.
 */
const requests = intArg('--requests', 200_000);
const noop = (): null => null;

const cases: { name: string; route: Route; params: Params }[] = [
  {
    name: 'list',
    route: route('GET', '/v1/customers', { resource: 'customer', access: 'read' }, noop),
    params: {
      limit: '100',
      starting_after: 'cus_123',
      created: { lte: '1796169445' },
      expand: ['data.default_source'],
    },
  },
  {
    name: 'create',
    route: route('POST', '/v1/customers', { resource: 'customer', access: 'write' }, noop),
    params: {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      address: { line1: '1 Main St', city: 'Paris', postal_code: '75001', country: 'FR' },
      metadata: { tier: 'gold', source: 'console' },
      preferred_locales: ['fr', 'en'],
    },
  },
];

const started = performance.now();
const compileRoutes = 200;
for (let i = 0; i < compileRoutes; i++)
  route('POST', '/v1/subscriptions/:id', { resource: 'subscription', access: 'write' }, noop);
const compileUs = ((performance.now() - started) * 1000) / compileRoutes;

const result: Record<string, number> = { requests, route_compile_us: Number(compileUs.toFixed(1)) };
for (const { name, route: r, params } of cases) {
  const batches: number[] = [];
  const batch = 1000;
  for (let done = 0; done < requests; done += batch) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) r.validate(params, []);
    batches.push(((performance.now() - t0) * 1000) / batch);
  }
  result[`${name}_p50_us`] = Number(percentile(batches, 50).toFixed(2));
  result[`${name}_p95_us`] = Number(percentile(batches, 95).toFixed(2));
  console.log(`${name}: p50 ${result[`${name}_p50_us`]} µs, p95 ${result[`${name}_p95_us`]} µs per request`);
}
console.log(JSON.stringify(result));
