import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection, startSupport, type Support } from './support-harness';

const REFUND_POST = { method: 'POST', path: /^\/v1\/refunds$/ };

let s: Support;
beforeEach(async () => {
  s = await startSupport();
});
afterEach(async () => {
  await s.stop();
});

describe('RefundService: refunds exactly once', () => {
  it('refunds part of a payment with reason and note, and the cache, ledger and activity log show it at once', async () => {
    const { chargeId } = await s.payment({ amount: 1000 });
    const intentId = randomUUID();
    const result = await s.app.refunds.refund(s.scope, {
      chargeId,
      amount: 400,
      reason: 'requested_by_customer',
      note: 'Ticket 4411',
      intentId,
    });

    expect(result.refund).toMatchObject({
      amount: 400,
      currency: 'usd',
      status: 'succeeded',
      reason: 'requested_by_customer',
      note: 'Ticket 4411',
      chargeId,
    });
    expect(result.charge).toMatchObject({ amountRefunded: 400, refundable: 600, refunded: false });
    const [atStripe] = await s.refundsAtStripe(chargeId);
    expect(atStripe?.metadata).toEqual({ note: 'Ticket 4411', console_intent: intentId });
    expect(s.caches.open(s.scope).get('refunds', result.refund.id)).toMatchObject({
      id: result.refund.id,
      amount: 400,
    });

    expect(s.app.ledger.find(intentId)).toMatchObject({
      state: 'succeeded',
      resultId: result.refund.id,
      kind: 'refund.create',
      targetId: chargeId,
    });
    const entry = s.app.appDb.prepare('SELECT * FROM activity WHERE intent_id = ?').get(intentId) as Record<
      string,
      unknown
    >;
    expect(entry).toMatchObject({
      agent: 'Test Agent',
      action: 'refund.create',
      object_id: chargeId,
      amount: 400,
      currency: 'usd',
      outcome: 'succeeded',
      result_id: result.refund.id,
    });
    expect(entry.request_id).toMatch(/^req_/);
  });

  it('the connection drops after Stripe committed the refund: the retry reuses the key and gets the same refund', async () => {
    const { chargeId } = await s.payment({ amount: 2500 });
    s.stripe.faults.dropAfterCommit(REFUND_POST);
    const result = await s.app.refunds.refund(s.scope, { chargeId, amount: 2500, intentId: randomUUID() });

    const atStripe = await s.refundsAtStripe(chargeId);
    expect(atStripe.map((r) => r.id)).toEqual([result.refund.id]);
    expect(result.charge).toMatchObject({ refunded: true, refundable: 0 });
  });

  it('every attempt commits and the answer never arrives: the next attempt finds the refund at Stripe by its intent id', async () => {
    const { chargeId } = await s.payment({ amount: 1800 });
    const intentId = randomUUID();
    s.stripe.faults.dropAfterCommit(REFUND_POST, 3);
    const result = await s.app.refunds.refund(s.scope, { chargeId, amount: 500, intentId });

    const committed = await s.refundsAtStripe(chargeId);
    expect(committed.map((r) => r.id)).toEqual([result.refund.id]);
    // Found by the look-up, not sent again: one request left.
    expect(s.app.ledger.find(intentId)).toMatchObject({ state: 'succeeded', resultId: result.refund.id, attempts: 1 });
    expect(s.caches.open(s.scope).get('charges', chargeId)).toMatchObject({ amount_refunded: 500 });
  });

  it('the app dies before the request reached Stripe: reconciliation sends it, once', async () => {
    const { chargeId } = await s.payment({ amount: 900 });
    const intentId = randomUUID();
    s.stripe.faults.offline();
    expect((await rejection(s.app.refunds.refund(s.scope, { chargeId, amount: 900, intentId }))).code).toBe('offline');
    s.stripe.faults.online();
    expect(await s.refundsAtStripe(chargeId)).toHaveLength(0);

    const restarted = s.restart();
    await restarted.ledger.reconcile();
    await restarted.ledger.reconcile();
    expect(await s.refundsAtStripe(chargeId)).toHaveLength(1);
    expect(restarted.ledger.find(intentId)?.state).toBe('succeeded');
  });

  it('a double click (two calls with one intent) sends one request; a later resend returns the same refund', async () => {
    const { chargeId } = await s.payment({ amount: 3000 });
    const intentId = randomUUID();
    const request = { chargeId, amount: 3000, intentId };
    const [first, second] = await Promise.all([
      s.app.refunds.refund(s.scope, request),
      s.app.refunds.refund(s.scope, request),
    ]);
    expect(second.refund.id).toBe(first.refund.id);
    const attempts = s.app.appDb.prepare('SELECT attempts FROM mutations WHERE intent_id = ?').pluck().get(intentId);
    expect(attempts).toBe(1);

    // The charge is fully refunded now, yet resending the same confirmation is not an error: Stripe replays.
    const resent = await s.app.refunds.refund(s.scope, request);
    expect(resent.refund.id).toBe(first.refund.id);
    expect(await s.refundsAtStripe(chargeId)).toHaveLength(1);
  });
});

describe('RefundService: clear answers when a refund is not possible', () => {
  it('more than refundable is refused locally, with what is left, and nothing is sent', async () => {
    const { chargeId } = await s.payment({ amount: 1000, currency: 'jpy' });
    await s.app.refunds.refund(s.scope, { chargeId, amount: 300, intentId: randomUUID() });
    const error = await rejection(s.app.refunds.refund(s.scope, { chargeId, amount: 701, intentId: randomUUID() }));
    expect(error).toMatchObject({ code: 'invalid_input', details: { refundable: 700, currency: 'jpy' } });
    expect(await s.refundsAtStripe(chargeId)).toHaveLength(1);
  });

  it('when the cache is behind, Stripe’s own over-refund message comes through', async () => {
    const { chargeId } = await s.payment({ amount: 1000 });
    await s.admin.refunds.create({ charge: chargeId, amount: 800 }); // refunded elsewhere; the cache doesn't know yet
    const intentId = randomUUID();
    const error = await rejection(s.app.refunds.refund(s.scope, { chargeId, amount: 500, intentId }));
    expect(error.code).toBe('stripe_error');
    expect(error.message).toMatch(/greater than unrefunded amount/);
    expect(error.details).toMatchObject({ stripeCode: 'amount_too_large', outcome: 'refused' });
    expect(s.app.ledger.find(intentId)?.state).toBe('refused');
  });

  it('an already fully refunded payment says so', async () => {
    const { chargeId } = await s.payment({ amount: 1000 });
    await s.app.refunds.refund(s.scope, { chargeId, amount: 1000, intentId: randomUUID() });
    const error = await rejection(s.app.refunds.refund(s.scope, { chargeId, amount: 1, intentId: randomUUID() }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/already fully refunded/);
  });

  it('a restricted key without refund permission names the missing permission', async () => {
    const { chargeId } = await s.payment({ amount: 1000 });
    await s.useKey(s.stripe.admin.createRestrictedKey('test', ['rak_charge_read', 'rak_payment_intent_read']));
    const intentId = randomUUID();
    const error = await rejection(s.app.refunds.refund(s.scope, { chargeId, amount: 100, intentId }));
    expect(error).toMatchObject({ code: 'permission_denied', details: { permission: 'rak_refund_write' } });
    expect(s.app.ledger.find(intentId)?.state).toBe('refused');
    expect(await s.refundsAtStripe(chargeId)).toHaveLength(0);
  });

  it('an open dispute doesn’t block a refund; a charged-back (lost) one is refused with a pointer to the dispute', async () => {
    const { chargeId } = await s.payment({ amount: 1000 });
    const cache = async (fetch: () => Promise<object>) => {
      const sentAt = Date.now();
      s.deps.applyObject(s.scope, (await fetch()) as never, sentAt);
    };
    const dispute = s.stripe.admin.createDispute(chargeId);
    await cache(() => s.admin.charges.retrieve(chargeId));
    await cache(() => s.admin.disputes.retrieve(dispute.id));
    // Stripe allows it (the dispute stays open; the renderer warns about that).
    await s.app.refunds.refund(s.scope, { chargeId, amount: 100, intentId: randomUUID() });

    await cache(() => s.admin.disputes.close(dispute.id));
    const error = await rejection(s.app.refunds.refund(s.scope, { chargeId, amount: 100, intentId: randomUUID() }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/charged back in a dispute/);
  });

  it('offline: the intent stays open and nothing is lost', async () => {
    const { chargeId } = await s.payment({ amount: 1000 });
    s.stripe.faults.offline();
    const intentId = randomUUID();
    const error = await rejection(s.app.refunds.refund(s.scope, { chargeId, amount: 100, intentId }));
    expect(error).toMatchObject({ code: 'offline', retryable: true, details: { outcome: 'unknown' } });
    expect(s.app.ledger.find(intentId)?.state).toBe('unknown');
    s.stripe.faults.online();
    const retried = await s.app.refunds.refund(s.scope, { chargeId, amount: 100, intentId });
    expect((await s.refundsAtStripe(chargeId)).map((r) => r.id)).toEqual([retried.refund.id]);
  });

  it('rate limited: Stripe’s 429 arrives as a retryable rate_limited error', async () => {
    const { chargeId } = await s.payment({ amount: 1000 });
    s.stripe.faults.rateLimitBurst(3, REFUND_POST);
    const error = await rejection(s.app.refunds.refund(s.scope, { chargeId, amount: 100, intentId: randomUUID() }));
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, details: { outcome: 'not_sent' } });
  });
});

describe('RefundService: refunds that wait', () => {
  it('a requires_action refund can be cancelled, exactly once, and its status is shown as it changes', async () => {
    const { chargeId } = await s.payment({ amount: 1000, paymentMethod: 'pm_card_refundRequiresAction' });
    const { refund } = await s.app.refunds.refund(s.scope, { chargeId, amount: 1000, intentId: randomUUID() });
    expect(refund.status).toBe('requires_action');

    const intentId = randomUUID();
    const [cancelled, again] = await Promise.all([
      s.app.refunds.cancel(s.scope, refund.id, intentId),
      s.app.refunds.cancel(s.scope, refund.id, intentId),
    ]);
    expect(cancelled.status).toBe('canceled');
    expect(again.id).toBe(cancelled.id);
    expect(s.caches.open(s.scope).get('refunds', refund.id)).toMatchObject({ status: 'canceled' });

    const error = await rejection(s.app.refunds.cancel(s.scope, refund.id, randomUUID()));
    expect(error.code).toBe('conflict');
  });

  it('a pending refund moves on at Stripe and refresh picks it up', async () => {
    const { chargeId } = await s.payment({ amount: 1000, paymentMethod: 'pm_card_refundPending' });
    const { refund } = await s.app.refunds.refund(s.scope, { chargeId, amount: 250, intentId: randomUUID() });
    expect(refund.status).toBe('pending');
    s.stripe.admin.setRefundStatus(refund.id, 'succeeded');
    expect((await s.app.refunds.refresh(s.scope, refund.id)).status).toBe('succeeded');
    expect(s.caches.open(s.scope).get('refunds', refund.id)).toMatchObject({ status: 'succeeded' });
  });
});
