import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheStore } from '../../../src-main/cache';
import { AT, openTestStore } from './repo-store';

let opened: ReturnType<typeof openTestStore>;
let store: CacheStore;

const sub = (id: string, created: number, customer: string, status = 'active') => ({
  id,
  object: 'subscription',
  created,
  customer,
  status,
  currency: 'usd',
  items: { data: [] },
});

beforeEach(() => {
  opened = openTestStore();
  store = opened.store;
  store.upsert(
    'subscriptions',
    [
      sub('sub_A1', 100, 'cus_A'),
      sub('sub_A2', 200, 'cus_A', 'past_due'),
      sub('sub_B1', 300, 'cus_B'),
      sub('sub_b1', 400, 'cus_b'),
      sub('sub_C1', 500, 'cus_C', 'canceled'),
    ],
    AT,
  );
  store.markDeleted('subscriptions', 'sub_C1', { lo: 2000, hi: 2100 });
});
afterEach(() => opened.close());

describe('SubscriptionRepo', () => {
  it('filters by status, customer, case-sensitive id or customer prefix and a customer set, with a total', () => {
    const ids = (q: Omit<Parameters<CacheStore['subscriptions']['page']>[0], 'limit'>) =>
      store.subscriptions.page({ ...q, limit: 10 }).items.map((s) => s.id);
    expect(ids({})).toEqual(['sub_b1', 'sub_B1', 'sub_A2', 'sub_A1']);
    expect(ids({ statuses: ['past_due', 'canceled'] })).toEqual(['sub_A2']);
    expect(ids({ customerId: 'cus_A' })).toEqual(['sub_A2', 'sub_A1']);
    expect(ids({ idPrefix: 'sub_B' })).toEqual(['sub_B1']);
    expect(ids({ customerPrefix: 'cus_b' })).toEqual(['sub_b1']);
    expect(ids({ customers: ['cus_A', 'cus_b'], statuses: ['active'] })).toEqual(['sub_b1', 'sub_A1']);
    expect(ids({ customers: [] })).toEqual([]);
    const first = store.subscriptions.page({ customerPrefix: 'cus_', limit: 3 });
    expect(first.total).toBe(4);
    expect(store.subscriptions.page({ cursor: first.nextCursor, limit: 3 })).toMatchObject({
      items: [{ id: 'sub_A1' }],
      nextCursor: null,
      total: null,
    });
  });

  it("offers active recurring prices in the subscription's currency, cheapest first, named by product", () => {
    store.upsert('products', [{ id: 'prod_1', object: 'product', created: 1, name: 'Pro', active: true }], AT);
    const price = (id: string, unit: number, fields: Record<string, unknown> = {}) => ({
      id,
      object: 'price',
      created: 1,
      product: 'prod_1',
      active: true,
      currency: 'usd',
      unit_amount: unit,
      type: 'recurring',
      recurring: { interval: 'month' },
      ...fields,
    });
    store.upsert(
      'prices',
      [
        price('price_big', 5000, { nickname: 'Yearly', recurring: { interval: 'year' } }),
        price('price_small', 1000),
        price('price_eur', 900, { currency: 'eur' }),
        price('price_once', 500, { type: 'one_time', recurring: null }),
        price('price_off', 100, { active: false }),
      ],
      AT,
    );
    expect(store.subscriptions.recurringPrices('usd')).toEqual([
      { id: 'price_small', label: 'Pro', unitAmount: 1000, currency: 'usd', interval: 'month' },
      { id: 'price_big', label: 'Pro · Yearly', unitAmount: 5000, currency: 'usd', interval: 'year' },
    ]);
  });

  it("reads the customer's cards newest first and their latest captured charges not fully refunded", () => {
    const card = (id: string, created: number, last4: string) => ({
      id,
      object: 'payment_method',
      created,
      customer: 'cus_A',
      type: 'card',
      card: { brand: 'visa', last4 },
    });
    store.upsert('payment_methods', [card('pm_old', 1, '4242'), card('pm_new', 2, '1881')], AT);
    expect(store.subscriptions.cardsOf('cus_A')).toEqual([
      { id: 'pm_new', label: 'visa •••• 1881' },
      { id: 'pm_old', label: 'visa •••• 4242' },
    ]);
    const charge = (id: string, created: number, fields: Record<string, unknown> = {}) => ({
      id,
      object: 'charge',
      created,
      customer: 'cus_A',
      status: 'succeeded',
      captured: true,
      refunded: false,
      amount: 1000,
      ...fields,
    });
    store.upsert(
      'charges',
      [
        charge('ch_1', 10),
        charge('ch_2', 20),
        charge('ch_refunded', 30, { refunded: true }),
        charge('ch_failed', 40, { status: 'failed' }),
        charge('ch_uncaptured', 50, { captured: false }),
      ],
      AT,
    );
    expect(store.subscriptions.refundCandidatesOf('cus_A').map((c) => c.id)).toEqual(['ch_2', 'ch_1']);
  });
});
