import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheStore } from '../../../src-main/cache';
import { AT, openTestStore } from './repo-store';

let opened: ReturnType<typeof openTestStore>;
let store: CacheStore;

beforeEach(() => {
  opened = openTestStore();
  store = opened.store;
  store.upsert(
    'customers',
    [
      { id: 'cus_1', object: 'customer', created: 1, email: 'quill@example.com', name: 'Quill Pen' },
      { id: 'cus_2', object: 'customer', created: 2, email: 'other@example.com', name: 'Other' },
    ],
    AT,
  );
  const invoice = (id: string, created: number, customer: string, number: string) => ({
    id,
    object: 'invoice',
    created,
    customer,
    number,
    status: 'open',
    amount_due: 500,
    currency: 'usd',
  });
  store.upsert(
    'invoices',
    [
      invoice('in_a', 10, 'cus_1', 'AB-100'),
      invoice('in_b', 20, 'cus_2', 'A_-200'),
      invoice('in_c', 30, 'cus_2', 'AXB-300'),
    ],
    AT,
  );
  store.upsert(
    'payment_intents',
    [{ id: 'pi_1', object: 'payment_intent', created: 5, amount: 1999, currency: 'usd', customer: 'cus_1' }],
    AT,
  );
  store.upsert(
    'charges',
    [
      {
        id: 'ch_1',
        object: 'charge',
        created: 6,
        amount: 1999,
        currency: 'usd',
        customer: 'cus_1',
        payment_intent: 'pi_1',
        payment_method_details: { card: { last4: '4242' } },
      },
    ],
    AT,
  );
  store.upsert(
    'payment_intents',
    [
      {
        id: 'pi_1',
        object: 'payment_intent',
        created: 5,
        amount: 1999,
        currency: 'usd',
        customer: 'cus_1',
        latest_charge: 'ch_1',
      },
    ],
    { lo: 2000, hi: 2100 },
  );
  store.upsert(
    'disputes',
    [
      {
        id: 'dp_1',
        object: 'dispute',
        created: 7,
        charge: 'ch_1',
        payment_intent: 'pi_1',
        amount: 1999,
        currency: 'usd',
      },
    ],
    AT,
  );
  store.upsert(
    'subscriptions',
    [{ id: 'sub_1', object: 'subscription', created: 8, customer: 'cus_1', status: 'active', items: { data: [] } }],
    AT,
  );
});
afterEach(() => opened.close());

const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe('SearchRepo', () => {
  it('finds customers and payments in the full-text index, one hit per payment intent', () => {
    expect(ids(store.search.customerHits('quill', 5))).toEqual(['cus_1']);
    // The intent and its charge both match the amount: one hit, with the charge's card.
    const payments = store.search.paymentHits('19.99', 5);
    expect(payments).toMatchObject([{ kind: 'payment', id: 'pi_1', detail: 'Card ending 4242', source: 'cache' }]);
  });

  it('finds invoices by id or number prefix, taking LIKE wildcards in the text literally, or by customer', () => {
    expect(ids(store.search.invoiceHits('A_', [], 10))).toEqual(['in_b']);
    expect(ids(store.search.invoiceHits('A%', [], 10))).toEqual([]);
    expect(ids(store.search.invoiceHits('in_a', [], 10))).toEqual(['in_a']);
    expect(ids(store.search.invoiceHits('zzz', ['cus_2'], 10))).toEqual(['in_c', 'in_b']);
    expect(ids(store.search.invoiceHits('A', [], 1))).toEqual(['in_c']);
  });

  it('finds subscriptions by id prefix or customer, and disputes by id prefix or payment', () => {
    expect(ids(store.search.subscriptionHits('sub_', [], 10))).toEqual(['sub_1']);
    expect(ids(store.search.subscriptionHits('zzz', ['cus_1'], 10))).toEqual(['sub_1']);
    expect(ids(store.search.subscriptionHits('zzz', ['cus_2'], 10))).toEqual([]);
    expect(ids(store.search.disputeHits('dp_', [], 10))).toEqual(['dp_1']);
    expect(ids(store.search.disputeHits('zzz', ['pi_1'], 10))).toEqual(['dp_1']);
  });

  it('leaves deleted objects out', () => {
    store.markDeleted('invoices', 'in_a', { lo: 3000, hi: 3100 });
    store.markDeleted('customers', 'cus_1', { lo: 3000, hi: 3100 });
    expect(ids(store.search.invoiceHits('AB', [], 10))).toEqual([]);
    expect(ids(store.search.customerHits('quill', 5))).toEqual([]);
  });
});
