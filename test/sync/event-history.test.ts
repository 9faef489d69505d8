import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectCache } from '../cache/cache-file';
import { startSyncHarness } from './harness';

type Harness = Awaited<ReturnType<typeof startSyncHarness>>;
let h: Harness;

describe('event history', () => {
  beforeEach(async () => {
    h = await startSyncHarness({ customers: 60 });
  });
  afterEach(() => h.stop());

  it('stores the 30 days of events Stripe keeps, once each, without applying them', async () => {
    const { caches, sync } = await h.build();
    sync.start(h.scope);
    const stripe = h.stripe();
    const thirtyDaysAgo = Math.floor(h.clock.now() / 1000) - 30 * 86_400 + 60;
    const expected = new Set<string>();
    for await (const event of stripe.events.list({ limit: 100, created: { gte: thirtyDaysAgo } }))
      expected.add(event.id);
    expect(expected.size).toBeGreaterThan(0);

    const count = (sql: string) => inspectCache(h.dataDir, h.scope, (db) => db.prepare(sql).pluck().get() as number);
    const cached = () =>
      new Set(inspectCache(h.dataDir, h.scope, (db) => db.prepare('SELECT id FROM events').pluck().all() as string[]));
    await h.until(() => [...expected].every((id) => cached().has(id)), 'event history');
    // History is recorded as such and never applied over the newer backfilled objects.
    const history = count(`SELECT COUNT(*) FROM events WHERE source = 'history'`);
    expect(history).toBeGreaterThan(0);
    const applied = count(`SELECT COUNT(*) FROM events WHERE source = 'history' AND applied_at IS NOT NULL`);
    expect(applied).toBe(0);
    // Nothing listed twice: the history stops where the poller starts.
    const rows = count('SELECT COUNT(*) FROM events');
    expect(rows).toBe(cached().size);
    await sync.close();
    caches.close();
  });

  it('stop() ends at once with a history page in flight, and that page is never stored', async () => {
    const { caches, sync } = await h.build();
    // History lists a window that ends (`created[lt]`); the poller's window is open-ended.
    const held = h.emulator.faults.hold({ method: 'GET', path: /^\/v1\/events$/ }, (params) => {
      const created = params.object('created');
      return typeof created === 'object' && created !== null && 'lt' in created;
    });
    let arrived = false;
    void held.arrived.then(() => (arrived = true));
    sync.start(h.scope);
    await h.until(() => arrived, 'a history page asked for');

    const historyRows = () =>
      inspectCache(h.dataDir, h.scope, (db) =>
        db.prepare(`SELECT COUNT(*) FROM events WHERE source = 'history'`).pluck().get(),
      );
    // Stripe hasn't answered, and the stop doesn't wait for it (nor for the budget, nor for time to pass).
    await sync.stop(h.scope);
    held.release();
    const releasedAt = h.clock.now();
    await h.until(() => h.clock.now() >= releasedAt + 5_000, 'the answer and any polls that would follow');
    expect(historyRows()).toBe(0);
    await sync.close();
    caches.close();
  });
});
