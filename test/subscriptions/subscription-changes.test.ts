import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CancelAndRefundResult,
  ChangeOptions,
  ChangePreview,
  SubscriptionDetail,
  SubscriptionStatus,
} from '../../src-preload/contract';
import { startCustomerWrites, type CustomerWritesHarness } from '../customers/writes-harness';

let h: CustomerWritesHarness;

beforeAll(async () => {
  h = await startCustomerWrites(120);
}, 60_000);
afterAll(() => h?.stop());

const taken = new Set<string>();
function cachedSubscription(status: SubscriptionStatus): Stripe.Subscription {
  const sub = h.store.subscriptions
    .page({ statuses: [status], limit: 10_000 })
    .items.sort((a, b) => (a.id < b.id ? -1 : 1))
    .find((s) => !taken.has(s.id) && !s.cancel_at_period_end && !s.pause_collection);
  if (!sub) throw new Error(`no spare ${status} subscription`);
  taken.add(sub.id);
  return sub;
}
const change = (id: string, c: object, intentId = randomUUID()) =>
  h.call<SubscriptionDetail>('subscriptions.change', { scope: h.scope, id, intentId, change: c });

describe('plan changes after a proration preview', () => {
  it('previews a quantity change, then makes exactly that change once', async () => {
    const sub = cachedSubscription('active');
    const quantity = (sub.items.data[0]!.quantity ?? 1) + 1;
    const plan = { quantity, proration: 'create_prorations' };
    const preview = await h.call<ChangePreview>('subscriptions.previewChange', {
      scope: h.scope,
      id: sub.id,
      change: plan,
    });
    expect(preview.lines.filter((l) => l.proration)).toHaveLength(2);
    expect(preview.prorationTotal).toBeGreaterThan(0);
    expect(preview.nextInvoiceTotal).toBe(preview.lines.reduce((s, l) => s + l.amount, 0));
    const intentId = randomUUID();
    const body = { kind: 'plan', ...plan, prorationDate: preview.prorationDate };
    const [after] = await Promise.all([change(sub.id, body, intentId), change(sub.id, body, intentId)]);
    expect(after.items[0]!.quantity).toBe(quantity);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).items.data[0]!.quantity).toBe(quantity);
    expect(await h.eventsFor(sub.id, 'customer.subscription.updated')).toHaveLength(1);
  });

  it('offers same-currency prices, the customer’s cards and last payment; a price change without proration', async () => {
    const sub = cachedSubscription('active');
    const options = await h.call<ChangeOptions>('subscriptions.changeOptions', { scope: h.scope, id: sub.id });
    expect(options.prices.length).toBeGreaterThan(1);
    expect(options.prices.every((p) => p.currency === sub.currency)).toBe(true);
    const other = options.prices.find((p) => p.id !== sub.items.data[0]!.price.id)!;
    const plan = { priceId: other.id, quantity: 1, proration: 'none' };
    const preview = await h.call<ChangePreview>('subscriptions.previewChange', {
      scope: h.scope,
      id: sub.id,
      change: plan,
    });
    expect(preview.lines.some((l) => l.proration)).toBe(false);
    expect(preview.nextInvoiceTotal).toBe(other.unitAmount);
    const after = await change(sub.id, { kind: 'plan', ...plan, prorationDate: preview.prorationDate });
    expect(after.items[0]!.priceId).toBe(other.id);
  });

  it('refuses bad input before sending', async () => {
    const sub = cachedSubscription('active');
    for (const bad of [
      { quantity: 0, proration: 'none' },
      { quantity: 1.5, proration: 'none' },
      { quantity: 2, proration: 'always' },
      { quantity: 2, proration: 'none', priceId: 'prod_123' },
    ]) {
      const error = await h.refusal('subscriptions.previewChange', { scope: h.scope, id: sub.id, change: bad });
      expect(error.code).toBe('invalid_input');
    }
    const past = await h.refusal('subscriptions.change', {
      scope: h.scope,
      id: cachedSubscription('trialing').id,
      intentId: randomUUID(),
      change: { kind: 'trial', trialEnd: 1000 },
    });
    expect(past.details?.path).toBe('change.trialEnd');
    expect(await h.eventsFor(sub.id, 'customer.subscription.updated')).toHaveLength(0);
  });
});

describe('trials, default card, cancel and refund', () => {
  it('extends a trial, then ends it now', async () => {
    const sub = cachedSubscription('trialing');
    const later = sub.items.data[0]!.current_period_end + 5 * 86400;
    expect((await change(sub.id, { kind: 'trial', trialEnd: later })).trialEnd).toBe(later);
    expect((await change(sub.id, { kind: 'trial', trialEnd: 'now' })).status).toBe('active');
  });

  it('cancels now and refunds the last payment as two intents; a resend finishes without doing either twice', async () => {
    const sub = cachedSubscription('active');
    const customer = sub.customer as string;
    const intent = await h.stripe.paymentIntents.create({
      amount: 4200,
      currency: sub.currency,
      customer,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    await h.sync();
    h.store.applyObject((await h.stripe.charges.retrieve(intent.latest_charge as string)) as never, {
      lo: Date.now(),
      hi: Date.now(),
    });
    const options = await h.call<ChangeOptions>('subscriptions.changeOptions', { scope: h.scope, id: sub.id });
    expect(options.lastPayment).toMatchObject({ chargeId: intent.latest_charge, refundable: 4200 });
    const input = {
      scope: h.scope,
      id: sub.id,
      cancelIntentId: randomUUID(),
      refundIntentId: randomUUID(),
      chargeId: options.lastPayment!.chargeId,
      amount: 4200,
    };
    const result = await h.call<CancelAndRefundResult>('subscriptions.cancelAndRefund', input);
    expect(result.subscription.status).toBe('canceled');
    expect(result.refund).toMatchObject({ amount: 4200 });
    await h.call('subscriptions.cancelAndRefund', input);
    expect((await h.stripe.refunds.list({ charge: input.chargeId })).data).toHaveLength(1);
    expect(await h.eventsFor(sub.id, 'customer.subscription.deleted')).toHaveLength(1);
    const same = await h.refusal('subscriptions.cancelAndRefund', { ...input, refundIntentId: input.cancelIntentId });
    expect(same.code).toBe('invalid_input');
  });
});
