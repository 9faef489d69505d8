import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection, startSupport, type Support } from './support-harness';

let s: Support;
beforeEach(async () => {
  s = await startSupport();
});
afterEach(async () => {
  await s.stop();
});

describe('CaptureService: uncaptured payments, exactly once', () => {
  it('captures part of an authorisation; the rest is released and the cache shows it at once', async () => {
    const { intent, chargeId } = await s.payment({ amount: 5000, capture: 'manual' });
    expect(intent.status).toBe('requires_capture');
    const intentId = randomUUID();
    const [row, again] = await Promise.all([
      s.app.captures.capture(s.scope, intent.id, 3000, intentId),
      s.app.captures.capture(s.scope, intent.id, 3000, intentId),
    ]);
    // The released 2000 is not a refund.
    expect(row).toMatchObject({
      status: 'succeeded',
      amountReceived: 3000,
      chargeId,
      refundState: 'none',
      amountRefunded: 0,
    });
    expect(again.id).toBe(row.id);
    expect(s.caches.open(s.scope).get('charges', chargeId)).toMatchObject({ captured: true, amount_captured: 3000 });
    expect(s.app.ledger.find(intentId)).toMatchObject({ state: 'succeeded', kind: 'payment_intent.capture' });

    // What is refundable afterwards is what was captured.
    const over = await rejection(s.app.refunds.refund(s.scope, { chargeId, amount: 3001, intentId: randomUUID() }));
    expect(over.details).toMatchObject({ refundable: 3000 });
  });

  it('refuses to capture more than was authorised, without a request', async () => {
    const { intent } = await s.payment({ amount: 5000, capture: 'manual' });
    const error = await rejection(s.app.captures.capture(s.scope, intent.id, 5001, randomUUID()));
    expect(error).toMatchObject({ code: 'invalid_input', details: { capturable: 5000, currency: 'usd' } });
    expect((await s.admin.paymentIntents.retrieve(intent.id)).status).toBe('requires_capture');
  });

  it('cancels an uncaptured payment with a reason; it can’t be captured afterwards', async () => {
    const { intent } = await s.payment({ amount: 5000, capture: 'manual' });
    const row = await s.app.captures.cancel(s.scope, intent.id, 'requested_by_customer', randomUUID());
    expect(row.status).toBe('canceled');
    expect((await s.admin.paymentIntents.retrieve(intent.id)).cancellation_reason).toBe('requested_by_customer');
    const error = await rejection(s.app.captures.capture(s.scope, intent.id, undefined, randomUUID()));
    expect(error.code).toBe('conflict');
  });

  it('a restricted key without payment intent write access names the permission', async () => {
    const { intent } = await s.payment({ amount: 5000, capture: 'manual' });
    await s.useKey(s.stripe.keys.restrictedTest);
    const error = await rejection(s.app.captures.capture(s.scope, intent.id, undefined, randomUUID()));
    expect(error).toMatchObject({ code: 'permission_denied', details: { permission: 'rak_payment_intent_write' } });
  });
});
