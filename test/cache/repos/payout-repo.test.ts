import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheStore } from '../../../src-main/cache';
import { AT, openTestStore } from './repo-store';

let opened: ReturnType<typeof openTestStore>;
let store: CacheStore;

const payout = (id: string, created: number, fields: Record<string, unknown> = {}) => ({
  id,
  object: 'payout',
  created,
  amount: 12_345,
  currency: 'jpy',
  status: 'paid',
  arrival_date: created + 86_400,
  ...fields,
});

beforeEach(() => {
  opened = openTestStore();
  store = opened.store;
  store.upsert(
    'payouts',
    [
      payout('po_1', 100),
      payout('po_2', 200, { status: 'failed', failure_code: 'account_closed', failure_message: 'Closed' }),
      payout('po_3', 200),
      payout('po_gone', 300),
    ],
    AT,
  );
  store.markDeleted('payouts', 'po_gone', { lo: 2000, hi: 2100 });
});
afterEach(() => opened.close());

describe('PayoutRepo', () => {
  it('pages payouts newest first (ties by id), leaves deleted ones out, and totals the first page only', () => {
    const first = store.payouts.page({ limit: 2 });
    expect(first.items.map((p) => p.id)).toEqual(['po_3', 'po_2']);
    expect(first.total).toBe(3);
    const rest = store.payouts.page({ cursor: first.nextCursor, limit: 2 });
    expect(rest).toMatchObject({ items: [{ id: 'po_1' }], nextCursor: null, total: null });
  });

  it('reads each payout as a row with exact amounts and its failure', () => {
    expect(store.payouts.page({ limit: 10 }).items[1]).toEqual({
      id: 'po_2',
      amount: 12_345,
      currency: 'jpy',
      status: 'failed',
      created: 200,
      arrivalDate: 86_600,
      failureCode: 'account_closed',
      failureMessage: 'Closed',
    });
  });
});
