import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheStore, CustomerSearch } from '../../../src-main/cache';
import { inspectCache } from '../cache-file';
import { AT, openTestStore, SCOPE } from './repo-store';

let opened: ReturnType<typeof openTestStore>;
let store: CacheStore;

const customer = (id: string, created: number, fields: Record<string, unknown> = {}) => ({
  id,
  object: 'customer',
  created,
  email: null,
  name: null,
  ...fields,
});

beforeEach(() => {
  opened = openTestStore();
  store = opened.store;
  store.upsert(
    'customers',
    [
      customer('cus_a', 1, {
        email: 'bea@example.com',
        name: 'Bea Quill',
        invoice_settings: { default_payment_method: 'pm_2' },
        address: { line1: '1 Main St', city: 'Springfield' },
        metadata: { tier: 'gold', count: 3 },
      }),
      customer('cus_b', 2, { email: 'al@example.com', delinquent: true }),
      customer('cus_c', 3, { name: 'No Email' }),
    ],
    AT,
  );
  store.upsert(
    'payment_methods',
    [
      { id: 'pm_1', object: 'payment_method', created: 5, customer: 'cus_a', type: 'card', card: { last4: '1111' } },
      { id: 'pm_2', object: 'payment_method', created: 6, customer: 'cus_a', type: 'card', card: { last4: '2222' } },
    ],
    AT,
  );
  store.upsert(
    'charges',
    [{ id: 'ch_a', object: 'charge', created: 7, customer: 'cus_a', amount: 500, currency: 'usd' }],
    AT,
  );
  store.upsert('refunds', [{ id: 're_a', object: 'refund', created: 8, charge: 'ch_a', amount: 100 }], AT);
  store.upsert(
    'disputes',
    [{ id: 'dp_a', object: 'dispute', created: 9, charge: 'ch_a', status: 'needs_response', amount: 500 }],
    AT,
  );
  store.upsert(
    'subscriptions',
    [{ id: 'sub_b', object: 'subscription', created: 10, customer: 'cus_b', status: 'past_due' }],
    AT,
  );
  store.upsert('invoices', [{ id: 'in_a', object: 'invoice', created: 11, customer: 'cus_a', amount_due: 5 }], AT);
  const event = (id: string, created: number, object: Record<string, unknown>, type = 'x.updated') =>
    store.recordEvent({ id, object: 'event', type, created, data: { object } }, 'poll', created);
  event('evt_refund', 20, { id: 're_a', object: 'refund', amount: 100 }, 'refund.created');
  event('evt_other', 21, { id: 'cus_b', object: 'customer' });
  event('evt_self', 22, { id: 'cus_a', object: 'customer' });
  event('evt_card', 23, { id: 'pm_1', object: 'payment_method' });
});
afterEach(() => opened.close());

const search = (q: Partial<CustomerSearch>) =>
  store.customers.search({ filters: {}, sort: { field: 'created', direction: 'desc' }, limit: 10, ...q });
const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);

describe('CustomerRepo', () => {
  it('lists newest first, the total counted apart, and each row carries the card last4s seen', () => {
    const page = search({});
    expect(ids(page)).toEqual(['cus_c', 'cus_b', 'cus_a']);
    // The first page doesn't wait for the count over every customer: the list asks for it beside the page.
    expect(page.total).toBeNull();
    expect(store.customers.count()).toBe(3);
    expect(page.items[2]!.cardLast4s.sort()).toEqual(['1111', '2222']);
  });

  it('counts only customers not deleted, from a counter kept with every write (no walk over a million rows)', () => {
    store.markDeleted('customers', 'cus_b', { lo: 5000, hi: 5100 });
    store.upsert('customers', [customer('cus_d', 4, { deleted: true })], AT);
    const page = search({});
    expect(ids(page)).toEqual(['cus_c', 'cus_a']);
    expect(store.customers.count()).toBe(2);
    // The live list's order comes from its own index, without a sort.
    const listPlan = inspectCache(opened.dir, SCOPE, (db) =>
      (
        db
          .prepare(
            'EXPLAIN QUERY PLAN SELECT id FROM customers c WHERE c.deleted = 0 ORDER BY c.created DESC, c.id DESC LIMIT 5',
          )
          .all() as { detail: string }[]
      ).map((p) => p.detail),
    );
    expect(listPlan.join('; ')).toMatch(/customers_created/);
    expect(listPlan.join('; ')).not.toMatch(/TEMP B-TREE/);
  });

  it('sorts by email skipping customers without one', () => {
    const page = search({ sort: { field: 'email', direction: 'asc' } });
    expect(ids(page)).toEqual(['cus_b', 'cus_a']);
    expect(page.total).toBeNull();
  });

  it('filters by delinquency, active subscription and open dispute', () => {
    expect(ids(search({ filters: { delinquent: true } }))).toEqual(['cus_b']);
    expect(ids(search({ filters: { hasActiveSubscription: true } }))).toEqual(['cus_b']);
    expect(ids(search({ filters: { hasOpenDispute: true } }))).toEqual(['cus_a']);
    expect(ids(search({ filters: { hasOpenDispute: false, hasActiveSubscription: false } }))).toEqual(['cus_c']);
  });

  it('searches the full-text index with filters applied as it streams', () => {
    expect(ids(search({ query: 'quill' }))).toEqual(['cus_a']);
    expect(ids(search({ query: '2222' }))).toEqual(['cus_a']);
    expect(ids(search({ query: 'quill', filters: { delinquent: true } }))).toEqual([]);
  });

  it('gives the record: profile, cards with the default marked, refunds and disputes through charges, invoices', () => {
    const record = store.customers.detail('cus_a')!;
    expect(record.customer).toMatchObject({
      id: 'cus_a',
      address: '1 Main St, Springfield',
      metadata: { tier: 'gold' },
    });
    expect(record.paymentMethods.map((c) => [c.id, c.isDefault])).toEqual([
      ['pm_2', true],
      ['pm_1', false],
    ]);
    expect(record.refunds.map((r) => r.id)).toEqual(['re_a']);
    expect(record.disputes.map((d) => d.id)).toEqual(['dp_a']);
    expect(record.invoices.map((i) => i.id)).toEqual(['in_a']);
    store.markDeleted('customers', 'cus_c', { lo: 5000, hi: 5100 });
    expect(store.customers.detail('cus_c')).toBeNull();
  });

  it('builds the timeline from events about the customer and their objects, newest first', () => {
    const first = store.customers.timeline('cus_a', null, 2);
    expect(ids(first)).toEqual(['evt_card', 'evt_self']);
    expect(ids(store.customers.timeline('cus_a', first.nextCursor, 2))).toEqual(['evt_refund']);
    expect(store.customers.timeline('cus_a', first.nextCursor, 2).items[0]).toMatchObject({
      type: 'refund.created',
      objectId: 're_a',
      amount: 100,
    });
  });
});

describe('CustomerRecordsRepo', () => {
  it('collects every live row the cache holds about a customer, the events included', () => {
    const records = store.customerRecords.collect('cus_a');
    const idsOf = (rows: { id: string }[] | undefined) => (rows ?? []).map((r) => r.id).sort();
    expect(idsOf(records.customers)).toEqual(['cus_a']);
    expect(idsOf(records.payment_methods)).toEqual(['pm_1', 'pm_2']);
    expect(idsOf(records.refunds)).toEqual(['re_a']);
    expect(idsOf(records.disputes)).toEqual(['dp_a']);
    expect(idsOf(records.events)).toEqual(['evt_card', 'evt_refund', 'evt_self']);
    expect(records.subscriptions).toBeUndefined();
  });

  it('purges to tombstones, drops the events and search entries, and remembers the erasure', () => {
    expect(store.customerRecords.erased()).toEqual([]);
    const removed = store.customerRecords.purge('cus_a', 9000);
    expect(removed).toEqual({
      customers: 1,
      payment_methods: 2,
      charges: 1,
      refunds: 1,
      disputes: 1,
      invoices: 1,
      events: 3,
    });
    expect(store.get('customers', 'cus_a')).toEqual({ id: 'cus_a', deleted: true });
    expect(store.customers.detail('cus_a')).toBeNull();
    expect(ids(search({ query: 'quill' }))).toEqual([]);
    expect(ids(store.events.list({ limit: 10 }))).toEqual(['evt_other']);
    expect(store.customerRecords.erased()).toEqual(['cus_a']);
    expect(store.customerRecords.collect('cus_a')).toEqual({});
    // A late, older snapshot can't bring the customer back.
    store.upsert('customers', [customer('cus_a', 1, { email: 'bea@example.com' })], AT);
    expect(store.customers.detail('cus_a')).toBeNull();
  });
});
