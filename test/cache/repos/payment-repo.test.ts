import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheStore, PaymentListQuery } from '../../../src-main/cache';
import { AT, openTestStore } from './repo-store';

let opened: ReturnType<typeof openTestStore>;
let store: CacheStore;

const intent = (id: string, created: number, fields: Record<string, unknown> = {}) => ({
  id,
  object: 'payment_intent',
  created,
  amount: 1000,
  amount_received: 1000,
  currency: 'usd',
  status: 'succeeded',
  customer: null,
  ...fields,
});
const charge = (id: string, created: number, pi: string, fields: Record<string, unknown> = {}) => ({
  id,
  object: 'charge',
  created,
  amount: 1000,
  amount_captured: 1000,
  amount_refunded: 0,
  captured: true,
  currency: 'usd',
  status: 'succeeded',
  payment_intent: pi,
  ...fields,
});

beforeEach(() => {
  opened = openTestStore();
  store = opened.store;
  store.upsert('customers', [{ id: 'cus_1', object: 'customer', created: 1, email: 'ada@example.com' }], AT);
  store.upsert(
    'payment_intents',
    [
      intent('pi_a', 10, { customer: 'cus_1', latest_charge: 'ch_a2' }),
      intent('pi_b', 20, { amount: 250, currency: 'eur', latest_charge: 'ch_b' }),
      intent('pi_c', 30, { status: 'requires_capture', amount: 7000 }),
    ],
    AT,
  );
  store.upsert(
    'charges',
    [
      charge('ch_a1', 11, 'pi_a', { status: 'failed', captured: false }),
      charge('ch_a2', 12, 'pi_a', { amount_refunded: 400, payment_method_details: { card: { last4: '4242' } } }),
      charge('ch_b', 21, 'pi_b', { amount: 250, currency: 'eur', disputed: true }),
    ],
    AT,
  );
  store.upsert(
    'refunds',
    [
      { id: 're_by_charge', object: 'refund', created: 13, amount: 400, currency: 'usd', charge: 'ch_a2' },
      { id: 're_by_intent', object: 'refund', created: 14, amount: 0, currency: 'usd', payment_intent: 'pi_a' },
      { id: 're_other', object: 'refund', created: 15, amount: 10, currency: 'eur', charge: 'ch_b' },
    ],
    AT,
  );
  store.upsert(
    'disputes',
    [
      { id: 'dp_old', object: 'dispute', created: 22, charge: 'ch_b', status: 'lost', amount: 250, currency: 'eur' },
      {
        id: 'dp_new',
        object: 'dispute',
        created: 23,
        charge: 'ch_b',
        status: 'needs_response',
        amount: 250,
        currency: 'eur',
      },
    ],
    AT,
  );
});
afterEach(() => opened.close());

const list = (q: Partial<PaymentListQuery>) => store.payments.list({ limit: 10, ...q });
const ids = (page: { items: { id: string }[] }) => page.items.map((p) => p.id);

describe('PaymentRepo', () => {
  it('lists intents newest first, folded with the latest charge, the customer email and the newest dispute', () => {
    const page = list({});
    expect(ids(page)).toEqual(['pi_c', 'pi_b', 'pi_a']);
    expect(page.total).toBe(3);
    const a = page.items[2]!;
    expect(a).toMatchObject({ chargeId: 'ch_a2', email: 'ada@example.com', cardLast4: '4242', amountRefunded: 400 });
    expect(a.refundState).toBe('partial');
    expect(page.items[1]!.disputeStatus).toBe('needs_response');
  });

  it('filters by status, customer, currency and amount, and counts what the filters keep', () => {
    expect(ids(list({ statuses: ['requires_capture'] }))).toEqual(['pi_c']);
    expect(ids(list({ customerId: 'cus_1' }))).toEqual(['pi_a']);
    const eur = list({ currency: 'eur', amountMin: 200, amountMax: 300 });
    expect(ids(eur)).toEqual(['pi_b']);
    expect(eur.total).toBe(1);
    expect(ids(list({ createdFrom: 20, createdTo: 30 }))).toEqual(['pi_b']);
  });

  it('refuses an amount filter without a currency', () => {
    expect(() => list({ amountMin: 100 })).toThrow(/needs a currency/);
  });

  it('pages by keyset, with no total after the first page', () => {
    const first = list({ limit: 2 });
    const second = list({ limit: 2, cursor: first.nextCursor });
    expect([...ids(first), ...ids(second)]).toEqual(['pi_c', 'pi_b', 'pi_a']);
    expect(second.total).toBeNull();
    expect(second.nextCursor).toBeNull();
  });

  it('searches by card last4 and lists an intent once even when its charge matches too', () => {
    expect(ids(list({ query: '4242' }))).toEqual(['pi_a']);
    expect(ids(list({ query: 'pi_a' }))).toEqual(['pi_a']);
    expect(ids(list({ query: 'ch_b', currency: 'usd' }))).toEqual([]);
    expect(list({ query: '"' })).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('gives the detail: every charge, refunds found by charge or by intent, disputes on its charges', () => {
    const detail = store.payments.detail('pi_a')!;
    expect(detail.payment.id).toBe('pi_a');
    expect(detail.charges.map((c) => c.id)).toEqual(['ch_a2', 'ch_a1']);
    expect(detail.refunds.map((r) => r.id)).toEqual(['re_by_intent', 're_by_charge']);
    expect(detail.disputes).toEqual([]);
    expect(store.payments.detail('pi_b')!.disputes.map((d) => d.id)).toEqual(['dp_new', 'dp_old']);
    expect(store.payments.detail('pi_missing')).toBeNull();
  });

  it('reads a deleted intent as a row (after a write) but not as a detail or in the list', () => {
    store.markDeleted('payment_intents', 'pi_c', { lo: 5000, hi: 5100 });
    expect(store.payments.detail('pi_c')).toBeNull();
    expect(store.payments.row('pi_c')?.id).toBe('pi_c');
    expect(ids(list({}))).toEqual(['pi_b', 'pi_a']);
  });

  it('matches intents and charges in the index, each charge naming its intent', () => {
    const matches = store.payments.matches('ch_a2', { limit: 10 }).rows;
    expect(matches).toContainEqual({ kind: 'charge', id: 'ch_a2', paymentIntent: 'pi_a' });
  });
});
