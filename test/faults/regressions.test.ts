import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFile } from '../../src-main/cache/cache-registry';
import { allowsNewRequest, mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { until } from '../support/until';
import { startFaultRig, type FaultRig } from './fault-rig';

const REFUND_POST = { method: 'POST', path: /^\/v1\/refunds$/ };
const DAY = 24 * 60 * 60 * 1000;

// One app and one emulator for the file: each case uses its own payment and intent.
let rig: FaultRig;
beforeAll(async () => {
  rig = await startFaultRig();
});
afterAll(() => rig.stop());

const refund = (chargeId: string, amount: number, intentId: string, mode: 'test' | 'live' = 'test') =>
  rig.settle(rig.t.call('payments.refund', { scope: { ...rig.scope, mode }, chargeId, amount, intentId }));

describe('the seven ways money moved twice (issue 10), each a regression test through createConsoleApp', () => {
  it('1a. the refund commits, then the cache write fails with SQLITE_BUSY: the agent is told it succeeded, one refund', async () => {
    const { chargeId } = await rig.payment(1000);
    const intentId = randomUUID();
    const release = rig.lock('cache');
    const result = await refund(chargeId, 400, intentId);
    release();

    expect(result.ok).toBe(true);
    expect(await rig.refundsAt(chargeId)).toHaveLength(1);
    expect(rig.ledger.find(intentId)).toMatchObject({ state: 'succeeded' });
    expect(rig.activityFor(intentId)).toEqual([
      { outcome: 'succeeded', amount: 400, currency: 'usd', resultId: result.ok ? result.value.refund.id : null },
    ]);
  });

  it('1b. the refund commits, then app.db is busy when the ledger records it: still a success, settled at the next start', async () => {
    const { chargeId } = await rig.payment(1000, 'jpy');
    const intentId = randomUUID();
    rig.stripe.faults.delay(150, REFUND_POST);
    const call = refund(chargeId, 300, intentId);
    await until(() => rig.ledger.find(intentId)?.state === 'sending', 'the refund to leave');
    const release = rig.lock('app');
    const result = await call;
    release();
    expect(result.ok).toBe(true);
    // The success could not be written: the intent is still open, and nothing says "failed".
    expect(rig.ledger.find(intentId)?.state).toBe('sending');
    expect(rig.activityFor(intentId)).toEqual([]);

    await rig.restart();
    const [atStripe, ...more] = await rig.refundsAt(chargeId);
    expect(more).toHaveLength(0);
    expect(rig.ledger.find(intentId)).toMatchObject({ state: 'succeeded', resultId: atStripe!.id });
    // Yen stays yen, in minor units.
    expect(rig.activityFor(intentId)).toEqual([
      { outcome: 'succeeded', amount: 300, currency: 'jpy', resultId: atStripe!.id },
    ]);
  });

  it('2. an intent left sending by a crash after Stripe committed, reconciled 25 h later: found at Stripe by its intent id, not resent', async () => {
    const { chargeId } = await rig.payment(2500);
    const intentId = randomUUID();
    rig.stripe.faults.delay(150, REFUND_POST);
    const call = refund(chargeId, 2500, intentId);
    await until(() => rig.ledger.find(intentId)?.state === 'sending', 'the refund to leave');
    // The app dies with the refund on the wire (Stripe still carries it out) and stays down past the 24 h key window.
    rig.t.crash();
    await call;
    await rig.restart('stop', () => rig.jump(25 * 60 * 60 * 1000));

    const refunds = await rig.refundsAt(chargeId);
    expect(refunds).toHaveLength(1);
    expect(rig.ledger.find(intentId)).toMatchObject({ state: 'succeeded', resultId: refunds[0]!.id });
    expect(rig.activityFor(intentId)).toEqual([
      { outcome: 'succeeded', amount: 2500, currency: 'usd', resultId: refunds[0]!.id },
    ]);
    // The agent's retry of the same confirmation returns that refund, still without a second one.
    const again = await refund(chargeId, 2500, intentId);
    expect(again.ok && again.value.refund.id).toBe(refunds[0]!.id);
    expect(await rig.refundsAt(chargeId)).toHaveLength(1);
  });

  it('2b. an unanswered intent that never reached Stripe, retried 25 h later: Stripe has no trace, so it is refused, not resent', async () => {
    const { chargeId } = await rig.payment(900);
    const intentId = randomUUID();
    rig.stripe.faults.offline();
    const lost = await refund(chargeId, 900, intentId);
    rig.stripe.faults.online();
    expect(!lost.ok && mayHaveExecuted(lost.error)).toBe(true);

    rig.jump(DAY + 60_000);
    const retried = await refund(chargeId, 900, intentId);
    expect(!retried.ok && retried.error.details).toMatchObject({ outcome: 'refused' });
    expect(!retried.ok && allowsNewRequest(retried.error)).toBe(true);
    expect(await rig.refundsAt(chargeId)).toHaveLength(0);
    expect(rig.activityFor(intentId).map((e) => e.outcome)).toEqual(['unknown', 'failed']);
  });

  it('3. a 429 and then a successful retry of the same intent: Activity holds one entry, succeeded', async () => {
    const { chargeId } = await rig.payment(1000);
    const intentId = randomUUID();
    rig.stripe.faults.rateLimitBurst(3, REFUND_POST, { retryAfter: 1 });
    const limited = await refund(chargeId, 100, intentId);
    expect(!limited.ok && limited.error).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      details: { outcome: 'not_sent' },
    });
    expect(rig.ledger.find(intentId)?.state).toBe('prepared');

    const retried = await refund(chargeId, 100, intentId);
    expect(retried.ok).toBe(true);
    expect(await rig.refundsAt(chargeId)).toHaveLength(1);
    expect(rig.activityFor(intentId).map((e) => e.outcome)).toEqual(['succeeded']);
  });

  it('4. a reused intent id with another amount, payment or mode is refused and sends nothing', async () => {
    const first = await rig.payment(1000);
    const other = await rig.payment(1000);
    const intentId = randomUUID();
    expect((await refund(first.chargeId, 400, intentId)).ok).toBe(true);

    for (const [chargeId, amount, mode] of [
      [first.chargeId, 500, 'test'],
      [other.chargeId, 400, 'test'],
      [first.chargeId, 400, 'live'],
    ] as const) {
      const reused = await refund(chargeId, amount, intentId, mode);
      expect(!reused.ok && reused.error.code).toBe('conflict');
      expect(!reused.ok && reused.error.message).toMatch(/already used for a different request/);
    }
    expect(await rig.refundsAt(first.chargeId)).toHaveLength(1);
    expect(await rig.refundsAt(other.chargeId)).toHaveLength(0);
    expect(rig.activityFor(intentId).map((e) => e.outcome)).toEqual(['succeeded']);
  });

  it('7. removing the live key deletes only the live cache and stops only live sync; test keeps syncing', async () => {
    const test = rig.scope;
    const live = { ...rig.scope, mode: 'live' as const };
    const sync = rig.t.app.services.sync;
    sync.start(test);
    sync.start(live);
    rig.t.app.services.caches.open(live);
    expect(fs.existsSync(cacheFile(rig.dataDir, live))).toBe(true);

    const removed = await rig.settle(rig.t.call('accounts.removeKey', { accountId: test.accountId, mode: 'live' }));
    expect(removed.ok).toBe(true);
    expect(fs.existsSync(cacheFile(rig.dataDir, live))).toBe(false);
    expect(fs.existsSync(cacheFile(rig.dataDir, test))).toBe(true);
    expect(sync.status(test).phase).not.toBe('idle');
    await sync.stop(test);
  });
});
