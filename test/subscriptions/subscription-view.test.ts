import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { buildPrice } from '../../src-main/emulator/objects/catalog';
import { buildSubscription, type SubscriptionInput } from '../../src-main/emulator/objects/subscription';
import { availableActions } from '../../src-main/subscriptions/subscription-transitions';
import { toSubscriptionRow, type SubscriptionLookups } from '../../src-main/subscriptions/subscription-view';

// Stripe-shaped subscriptions from the emulator's own object builders: the states the view must explain.
const DAY = 86_400;
const start = 1_790_000_000;
const price = (currency: string, unitAmount: number) =>
  buildPrice({
    id: `price_${currency}`,
    created: start,
    livemode: false,
    product: 'prod_Growth',
    currency,
    unitAmount,
    interval: 'month',
    nickname: 'Monthly',
    lookupKey: currency,
  });

function subscription(overrides: Partial<SubscriptionInput> = {}): Stripe.Subscription {
  return buildSubscription({
    id: 'sub_1View',
    itemId: 'si_1View',
    created: start,
    livemode: false,
    customer: 'cus_1View',
    price: price('usd', 4900),
    quantity: 1,
    status: 'active',
    periodStart: start,
    periodEnd: start + 30 * DAY,
    trialStart: null,
    trialEnd: null,
    cancelAtPeriodEnd: false,
    canceledAt: null,
    endedAt: null,
    pauseBehavior: null,
    latestInvoice: null,
    defaultPaymentMethod: null,
    metadata: {},
    ...overrides,
  });
}

const lookups = (draft: Partial<Stripe.Invoice> | null = null): SubscriptionLookups => ({
  customer: () => ({ name: 'Ada Lovelace', email: 'ada@example.com' }),
  productName: (id) => (id === 'prod_Growth' ? 'Growth' : null),
  draftInvoice: () => draft as Stripe.Invoice | null,
});

describe('subscription rows', () => {
  it('names products, prices in the currency’s digits, and computes the next invoice from price × quantity', () => {
    for (const [currency, unit, quantity, total] of [
      ['usd', 4900, 3, 14700],
      ['jpy', 980, 2, 1960],
      ['kwd', 5890, 25, 147250],
    ] as const) {
      const row = toSubscriptionRow(subscription({ price: price(currency, unit), quantity }), lookups());
      expect(row.items[0]).toMatchObject({
        productName: 'Growth',
        unitAmount: unit,
        currency,
        quantity,
        interval: 'month',
        intervalCount: 1,
      });
      expect(row.nextInvoice).toEqual({ amount: total, currency, date: start + 30 * DAY, source: 'computed' });
      expect(row).toMatchObject({
        customerName: 'Ada Lovelace',
        customerEmail: 'ada@example.com',
        currentPeriodStart: start,
      });
    }
  });

  it('prefers the cached draft invoice, and says so', () => {
    const row = toSubscriptionRow(
      subscription(),
      lookups({ amount_due: 5123, currency: 'usd', automatically_finalizes_at: start + 31 * DAY, created: start }),
    );
    expect(row.nextInvoice).toEqual({ amount: 5123, currency: 'usd', date: start + 31 * DAY, source: 'draft_invoice' });
  });

  it('bills a trial at its end, and explains when there is no next invoice', () => {
    expect(
      toSubscriptionRow(subscription({ status: 'trialing', trialEnd: start + 14 * DAY }), lookups()).nextInvoice?.date,
    ).toBe(start + 14 * DAY);
    const none = (overrides: Partial<SubscriptionInput>) => {
      const row = toSubscriptionRow(subscription(overrides), lookups());
      expect(row.nextInvoice).toBeNull();
      return row.nextInvoiceNote;
    };
    expect(none({ cancelAtPeriodEnd: true })).toMatch(/Ends at period end/);
    expect(none({ status: 'canceled', canceledAt: start })).toMatch(/Ended/);
    expect(none({ status: 'paused' })).toMatch(/Paused/);
    expect(none({ status: 'incomplete' })).toMatch(/first payment/);
    const paused = toSubscriptionRow(subscription({ pauseBehavior: 'void' }), lookups());
    expect(paused).toMatchObject({
      pause: { behavior: 'void', resumesAt: null },
      nextInvoiceNote: expect.stringMatching(/voided/),
    });
  });
});

describe('which actions a subscription allows', () => {
  const allowed = (overrides: Partial<SubscriptionInput>) =>
    Object.entries(availableActions(subscription(overrides)))
      .filter(([, reason]) => reason === null)
      .map(([kind]) => kind)
      .sort();

  it('follows the subscription’s state', () => {
    expect(allowed({})).toEqual(['cancel_at_period_end', 'cancel_now', 'pause_collection']);
    expect(allowed({ status: 'past_due' })).toEqual(['cancel_at_period_end', 'cancel_now', 'pause_collection']);
    expect(allowed({ cancelAtPeriodEnd: true })).toEqual([
      'cancel_now',
      'pause_collection',
      'undo_cancel_at_period_end',
    ]);
    expect(allowed({ pauseBehavior: 'keep_as_draft' })).toEqual([
      'cancel_at_period_end',
      'cancel_now',
      'resume_collection',
    ]);
    expect(allowed({ status: 'paused' })).toEqual(['cancel_now', 'resume']);
    expect(allowed({ status: 'incomplete' })).toEqual(['cancel_now']);
    expect(allowed({ status: 'canceled' })).toEqual([]);
    expect(allowed({ status: 'incomplete_expired' })).toEqual([]);
  });
});
