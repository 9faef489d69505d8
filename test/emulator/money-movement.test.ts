import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src-main/emulator';
import { client, errorOf, withEmulator } from './helpers';

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await withEmulator();
  stripe = client(emulator, emulator.keys.test);
});
afterAll(() => emulator.stop());

async function paidCharge(amount: number, currency: string, paymentMethod = 'pm_card_visa'): Promise<Stripe.Charge> {
  const pi = await stripe.paymentIntents.create({ amount, currency, payment_method: paymentMethod, confirm: true });
  return stripe.charges.retrieve(pi.latest_charge as string);
}

describe('refunds', () => {
  it('refunds partially then fully, updating the charge', async () => {
    const charge = await paidCharge(1000, 'usd');
    const partial = await stripe.refunds.create({ charge: charge.id, amount: 100, reason: 'requested_by_customer' });
    expect(partial.status).toBe('succeeded');
    expect((await stripe.charges.retrieve(charge.id)).amount_refunded).toBe(100);
    const error = await errorOf(stripe.refunds.create({ charge: charge.id, amount: 1000 }));
    expect(error.message).toBe('Refund amount ($10.00) is greater than unrefunded amount on charge ($9.00)');
    expect(error.param).toBe('amount');
    const rest = await stripe.refunds.create({ payment_intent: charge.payment_intent as string });
    expect(rest.amount).toBe(900);
    const refunded = await stripe.charges.retrieve(charge.id);
    expect(refunded.refunded).toBe(true);
    expect(refunded.amount_refunded).toBe(1000);
    const again = await errorOf(stripe.refunds.create({ charge: charge.id }));
    expect(again.code).toBe('charge_already_refunded');
    const expanded = await stripe.charges.retrieve(charge.id, { expand: ['refunds'] });
    expect(expanded.refunds?.data.map((r) => r.id).sort()).toEqual([partial.id, rest.id].sort());
  });

  it('formats zero- and three-decimal currencies in the over-refund message', async () => {
    const yen = await paidCharge(500, 'jpy');
    expect((await errorOf(stripe.refunds.create({ charge: yen.id, amount: 600 }))).message).toBe(
      'Refund amount (¥600) is greater than unrefunded amount on charge (¥500)',
    );
    const dinar = await paidCharge(1500, 'kwd');
    expect((await errorOf(stripe.refunds.create({ charge: dinar.id, amount: 2000 }))).message).toBe(
      'Refund amount (KWD 2.000) is greater than unrefunded amount on charge (KWD 1.500)',
    );
  });

  it('accepts only the reasons callers may set', async () => {
    const charge = await paidCharge(1000, 'eur');
    const error = await errorOf(
      stripe.refunds.create({ charge: charge.id, reason: 'expired_uncaptured_charge' as 'duplicate' }),
    );
    expect(error.param).toBe('reason');
    for (const reason of ['duplicate', 'fraudulent'] as const) {
      expect((await stripe.refunds.create({ charge: charge.id, amount: 100, reason })).reason).toBe(reason);
    }
  });

  it('cancels only requires_action refunds and moves pending ones later', async () => {
    const charge = await paidCharge(3000, 'usd', 'pm_card_refundRequiresAction');
    const waiting = await stripe.refunds.create({ charge: charge.id, amount: 1000 });
    expect(waiting.status).toBe('requires_action');
    const canceled = await stripe.refunds.cancel(waiting.id);
    expect(canceled.status).toBe('canceled');
    expect((await stripe.charges.retrieve(charge.id)).amount_refunded).toBe(0);
    expect((await errorOf(stripe.refunds.cancel(waiting.id))).statusCode).toBe(400);
    const pendingCharge = await paidCharge(3000, 'usd', 'pm_card_refundPending');
    const pending = await stripe.refunds.create({ charge: pendingCharge.id });
    expect(pending.status).toBe('pending');
    expect((await errorOf(stripe.refunds.cancel(pending.id))).message).toMatch(/requires_action/);
    expect(emulator.admin.setRefundStatus(pending.id, 'succeeded').status).toBe('succeeded');
    const events = await stripe.events.list({ types: ['refund.updated', 'charge.refund.updated'], limit: 10 });
    expect(
      events.data.some((e) => (e.data.object as Stripe.Refund).id === pending.id && e.type === 'charge.refund.updated'),
    ).toBe(true);
    const updated = await stripe.refunds.update(pending.id, { metadata: { ticket: 'SUP-1' } });
    expect(updated.metadata).toEqual({ ticket: 'SUP-1' });
  });
});

describe('refunds of disputed charges', () => {
  it('allows them while the dispute is open and refuses them once it is lost', async () => {
    const charge = await paidCharge(2000, 'usd');
    const dispute = emulator.admin.createDispute(charge.id);
    expect((await stripe.refunds.create({ charge: charge.id, amount: 100 })).status).toBe('succeeded');
    await stripe.disputes.close(dispute.id);
    const error = await errorOf(stripe.refunds.create({ charge: charge.id, amount: 100 }));
    expect(error.code).toBe('charge_disputed');
  });
});

describe('balance', () => {
  it('sums balance transactions per currency', async () => {
    const before = await stripe.balance.retrieve();
    const usd = (list: { currency: string; amount: number }[]) => list.find((b) => b.currency === 'usd')?.amount ?? 0;
    const charge = await paidCharge(10_000, 'usd');
    const after = await stripe.balance.retrieve();
    const fee = Math.round(10_000 * 0.029) + 30;
    expect(usd(after.pending) - usd(before.pending)).toBe(10_000 - fee);
    expect(after.available.map((b) => b.currency)).toEqual(expect.arrayContaining(['usd', 'jpy', 'kwd']));
    expect(charge.balance_transaction).toMatch(/^txn_/);
  });
});

describe('payment intents', () => {
  it('captures part of an authorisation and cancels others', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      capture_method: 'manual',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(pi.status).toBe('requires_capture');
    const captured = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 4000 });
    expect(captured.status).toBe('succeeded');
    expect(captured.amount_received).toBe(4000);
    const charge = await stripe.charges.retrieve(captured.latest_charge as string);
    expect(charge.captured).toBe(true);
    expect(charge.amount_captured).toBe(4000);
    expect((await errorOf(stripe.paymentIntents.capture(pi.id))).code).toBe('payment_intent_unexpected_state');
    const other = await stripe.paymentIntents.create({ amount: 700, currency: 'gbp' });
    expect((await stripe.paymentIntents.cancel(other.id, { cancellation_reason: 'abandoned' })).status).toBe(
      'canceled',
    );
  });
});

describe('subscriptions', () => {
  it('schedules cancellation, pauses and resumes collection, cancels', async () => {
    const sub = (await stripe.subscriptions.list({ status: 'active', limit: 20 })).data.find(
      (s) => !s.pause_collection,
    ) as Stripe.Subscription;
    expect((await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true })).cancel_at_period_end).toBe(true);
    const paused = await stripe.subscriptions.update(sub.id, { pause_collection: { behavior: 'mark_uncollectible' } });
    expect(paused.pause_collection?.behavior).toBe('mark_uncollectible');
    const resumed = await stripe.subscriptions.update(sub.id, { pause_collection: '' });
    expect(resumed.pause_collection).toBeNull();
    const canceled = await stripe.subscriptions.cancel(sub.id, { invoice_now: true, prorate: true });
    expect(canceled.status).toBe('canceled');
    expect((await errorOf(stripe.subscriptions.update(sub.id, { cancel_at_period_end: false }))).statusCode).toBe(400);
    const types = (await stripe.events.list({ limit: 10 })).data
      .filter((e) => (e.data.object as { id: string }).id === sub.id)
      .map((e) => e.type);
    expect(types).toContain('customer.subscription.deleted');
    expect(types).toContain('customer.subscription.updated');
    const pausedSub = (await stripe.subscriptions.list({ status: 'paused', limit: 1 })).data[0] as Stripe.Subscription;
    expect((await stripe.subscriptions.resume(pausedSub.id)).status).toBe('active');
    expect(emulator.admin.setSubscriptionStatus(pausedSub.id, 'paused').status).toBe('paused');
    const pausedEvents = await stripe.events.list({ type: 'customer.subscription.*', limit: 5 });
    expect(pausedEvents.data.map((e) => e.type)).toEqual(
      expect.arrayContaining(['customer.subscription.paused', 'customer.subscription.resumed']),
    );
    expect((await errorOf(stripe.subscriptions.resume(sub.id))).code).toBe('subscription_not_paused');
    const preview = await stripe.invoices.createPreview({
      subscription: (await stripe.subscriptions.list({ status: 'active', limit: 1 })).data[0]?.id as string,
    });
    expect(preview.status).toBe('draft');
  });
});
