import Database from 'better-sqlite3';
import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheRegistry, cacheFile, type CacheStore } from '../../../src-main/cache';
import { AT, SCOPE, openTestStore } from './repo-store';

let opened: ReturnType<typeof openTestStore>;
let store: CacheStore;

const invoice = (id: string, created: number, fields: Record<string, unknown> = {}) => ({
  id,
  object: 'invoice',
  created,
  customer: 'cus_1',
  subscription: 'sub_1',
  status: 'open',
  total: 1000,
  amount_due: 1000,
  amount_paid: 0,
  amount_remaining: 1000,
  currency: 'usd',
  ...fields,
});
const note = (id: string, created: number, amount: number) =>
  ({
    id,
    object: 'credit_note',
    invoice: 'in_1',
    customer: 'cus_1',
    created,
    amount,
    currency: 'usd',
  }) as Stripe.CreditNote;

beforeEach(() => {
  opened = openTestStore();
  store = opened.store;
  store.upsert(
    'invoices',
    [
      invoice('in_1', 100),
      invoice('in_2', 200, { status: 'paid', amount_paid: 1000, amount_remaining: 0 }),
      invoice('in_3', 300, { customer: 'cus_2', subscription: null, status: 'draft' }),
      invoice('in_4', 400, { status: 'draft' }),
      invoice('in_5', 500, { status: 'draft' }),
    ],
    AT,
  );
  store.markDeleted('invoices', 'in_5', { lo: 2000, hi: 2100 });
});
afterEach(() => opened.close());

describe('InvoiceRepo', () => {
  it("pages all invoices or one customer's, in the chosen statuses, newest first, without deleted ones", () => {
    const ids = (q: Parameters<CacheStore['invoices']['page']>[0]) => store.invoices.page(q).items.map((i) => i.id);
    expect(ids({ limit: 10 })).toEqual(['in_4', 'in_3', 'in_2', 'in_1']);
    expect(ids({ customerId: 'cus_1', limit: 10 })).toEqual(['in_4', 'in_2', 'in_1']);
    expect(ids({ customerId: 'cus_1', statuses: ['open', 'paid'], limit: 10 })).toEqual(['in_2', 'in_1']);
    const first = store.invoices.page({ limit: 3 });
    expect(first.total).toBeNull();
    expect(store.invoices.page({ cursor: first.nextCursor, limit: 3 })).toMatchObject({
      items: [{ id: 'in_1', status: 'open', amountRemaining: 1000, customerId: 'cus_1', subscriptionId: 'sub_1' }],
      nextCursor: null,
    });
  });

  it("reads a subscription's invoices newest first and its newest live draft", () => {
    expect(store.invoices.ofSubscription('sub_1', 2).map((i) => i.id)).toEqual(['in_4', 'in_2']);
    expect(store.invoices.draftOf('sub_1')?.id).toBe('in_4');
    expect(store.invoices.draftOf('sub_none')).toBeNull();
  });

  it("keeps the credit notes Stripe returned per invoice, newest first; a newer answer replaces a note's data", () => {
    expect(store.invoices.creditNotes('in_1')).toEqual([]);
    store.invoices.putCreditNote(note('cn_1', 10, 300));
    store.invoices.putCreditNote(note('cn_2', 20, 200));
    store.invoices.putCreditNote({ ...note('cn_1', 10, 300), number: 'CN-1' });
    expect(store.invoices.creditNotes('in_1')).toMatchObject([
      { id: 'cn_2', amount: 200 },
      { id: 'cn_1', amount: 300, number: 'CN-1' },
    ]);
    expect(store.invoices.creditNotes('in_2')).toEqual([]);
  });

  it('opens a cache whose credit-note table an older version made on first use, keeping its notes', () => {
    store.invoices.putCreditNote(note('cn_old', 10, 300));
    opened.caches.close();
    // As an older version left it: the table exists, the migration that now makes it has not run.
    const raw = new Database(cacheFile(opened.dir, SCOPE));
    // Three cache migrations had shipped before credit notes got theirs (shipped ones never change).
    raw.pragma('user_version = 3');
    raw.close();
    const caches = new CacheRegistry(opened.dir);
    expect(caches.open(SCOPE).invoices.creditNotes('in_1')).toMatchObject([{ id: 'cn_old' }]);
    caches.close();
  });
});
