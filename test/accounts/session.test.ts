import { describe, expect, it } from 'vitest';

import { emulatedStripeSuite } from './emulated-stripe';

const suite = emulatedStripeSuite();
const harness = suite.harness;

describe('the Demo account', () => {
  it('is there with no key, labelled Demo, both modes in memory, and the default session', async () => {
    const h = await harness();
    const [demo] = h.accounts.list();
    expect(demo).toMatchObject({ name: 'Demo', demo: true, sessionOnly: false, country: 'US', defaultCurrency: 'usd' });
    expect(demo!.keys.map((k) => k.mode)).toEqual(['test', 'live']);
    expect(h.session.get()).toEqual({ accountId: demo!.id, mode: 'test' });
    expect(await h.keychainEntries()).toEqual([]);
    expect(h.appDb.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 });
    const client = await h.gateway.client({ accountId: demo!.id, mode: 'test' });
    expect((await client.customers.list({ limit: 1 })).data).toHaveLength(1);
  });

  it('can be stopped (offline) and started again on the same endpoint, keeping its identity', async () => {
    const h = await harness();
    const demoId = h.demo!.accountId!;
    const scope = { accountId: demoId, mode: 'test' as const };
    await h.demo!.stop();
    const client = await h.gateway.client(scope);
    await expect(client.customers.list({ limit: 1 })).rejects.toMatchObject({ type: 'StripeConnectionError' });
    await h.demo!.start();
    expect(h.demo!.accountId).toBe(demoId);
    expect((await (await h.gateway.client(scope)).customers.list({ limit: 1 })).data).toHaveLength(1);
  });

  it('can’t be renamed, rotated or removed', async () => {
    const h = await harness();
    const id = h.demo!.accountId!;
    expect(() => h.accounts.rename({ accountId: id, name: 'Mine' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    await expect(h.accounts.remove({ accountId: id, confirm: id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(h.accounts.rotateKey({ accountId: id, key: suite.stripe().primary.keys.test })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('keeps its state across restarts of the app', async () => {
    const first = await harness();
    const id = first.demo!.accountId!;
    await first.close();
    const again = await harness({
      dataDir: first.dataDir,
      keychainService: first.keychainService,
    });
    expect(again.demo!.accountId).toBe(id);
  });
});

describe('the session', () => {
  it('switches mode, remembers the last mode per account and refuses a mode without a key', async () => {
    const h = await harness();
    const demoId = h.demo!.accountId!;
    const account = await h.accounts.add({ key: suite.stripe().primary.keys.test });
    expect(h.session.select({ accountId: demoId, mode: 'live' })).toEqual({ accountId: demoId, mode: 'live' });
    expect(h.session.select({ accountId: account.id })).toEqual({ accountId: account.id, mode: 'test' });
    expect(h.emitted.filter((e) => e.name === 'session.changed').at(-1)?.payload).toEqual({
      accountId: account.id,
      mode: 'test',
    });

    const refused = await h.router.dispatch('session.select', { accountId: account.id, mode: 'live' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/no live key/) },
    });
    expect(h.session.get()).toEqual({ accountId: account.id, mode: 'test' });

    expect(h.session.select({ accountId: demoId })).toEqual({ accountId: demoId, mode: 'live' });
  });

  it('restores the last account and its last mode after a restart', async () => {
    const first = await harness();
    const account = await first.accounts.add({ key: suite.stripe().primary.keys.live });
    await first.accounts.add({ key: suite.stripe().primary.keys.test });
    first.session.select({ accountId: account.id, mode: 'live' });
    await first.close();
    const again = await harness({
      dataDir: first.dataDir,
      keychainService: first.keychainService,
    });
    expect(again.session.get()).toEqual({ accountId: account.id, mode: 'live' });
  });

  it('falls back to Demo in test mode when the selected account is removed', async () => {
    const h = await harness();
    const account = await h.accounts.add({ key: suite.stripe().primary.keys.live });
    h.session.select({ accountId: account.id });
    expect(h.session.get().mode).toBe('live');
    await h.accounts.remove({ accountId: account.id, confirm: account.id });
    expect(h.session.get()).toEqual({ accountId: h.demo!.accountId, mode: 'test' });
  });

  it('keeps test and live apart: a live scope only ever sees live objects', async () => {
    const h = await harness();
    const account = await h.accounts.add({ key: suite.stripe().primary.keys.test });
    await h.accounts.add({ key: suite.stripe().primary.keys.live });
    for (const mode of ['test', 'live'] as const) {
      h.session.select({ accountId: account.id, mode });
      const client = await h.gateway.client({ accountId: account.id, mode: h.session.get().mode });
      const [customers, charges] = await Promise.all([
        client.customers.list({ limit: 20 }),
        client.charges.list({ limit: 20 }),
      ]);
      expect(customers.data.length).toBeGreaterThan(0);
      expect([...customers.data, ...charges.data].every((o) => o.livemode === (mode === 'live'))).toBe(true);
    }
    const testIds = new Set(
      (await (await h.gateway.client({ accountId: account.id, mode: 'test' })).customers.list({ limit: 20 })).data.map(
        (c) => c.id,
      ),
    );
    const liveIds = (
      await (await h.gateway.client({ accountId: account.id, mode: 'live' })).customers.list({ limit: 20 })
    ).data.map((c) => c.id);
    expect(liveIds.some((id) => testIds.has(id))).toBe(false);
  });
});
