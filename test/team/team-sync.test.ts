import { afterEach, describe, expect, it } from 'vitest';
import { pgUnavailable } from './pg-harness';
import { startTeamHarness } from './team-harness';

type Harness = Awaited<ReturnType<typeof startTeamHarness>>;
let h: Harness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
});

async function commits(h: Harness): Promise<number> {
  const { rows } = await h.db.query<{ n: string }>(
    'SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return Number(rows[0]!.n);
}

describe.skipIf(pgUnavailable)('team sync into PostgreSQL (the desktop’s sync engine, another store)', () => {
  it('backfills every resource in page transactions, then follows events', async () => {
    h = await startTeamHarness({ customers: 300 });
    const service = h.service();
    const before = await commits(h);
    await service.start();
    // Each status check is one read-only transaction: counted, so only the sync's own commits are judged below.
    let statusChecks = 0;
    await h.until(async () => {
      statusChecks++;
      return (await service.status(h!.scope)).phase === 'incremental';
    }, 'backfill complete');
    expect(await h.count('customers')).toBe(h.emulator.admin.counts('customer', 'test'));
    expect(await h.count('charges')).toBe(h.emulator.admin.counts('charge', 'test'));
    expect(await h.count('subscriptions')).toBe(h.emulator.admin.counts('subscription', 'test'));
    // Batched: a page and its checkpoint per transaction, not a commit per row (the peer's 20,038 for 20,000).
    const objects = Number((await h.db.query<{ n: string }>('SELECT count(*) AS n FROM stripe_objects')).rows[0]!.n);
    expect((await commits(h)) - statusChecks).toBeLessThan(before + objects / 4);

    const stripe = new (await import('stripe')).default(h.emulator.keys.test, {
      host: '127.0.0.1',
      port: h.emulator.port,
      protocol: 'http',
    });
    const created = await stripe.customers.create({ email: 'team@example.com', name: 'Team' });
    await h.until(async () => (await h!.object<{ name: string }>('customers', created.id))?.name === 'Team');
  }, 90_000);
});
