import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheRegistry, cacheFile, eventFreshness, type StripeObjectLike } from '../../src-main/cache';
import { inspectCache } from './cache-file';

const TEST = { accountId: 'acct_cache1', mode: 'test' } as const;
const LIVE = { accountId: 'acct_cache1', mode: 'live' } as const;
const at = (ms: number) => ({ lo: ms, hi: ms + 100 });

const customer = (id: string, fields: Partial<StripeObjectLike> = {}): StripeObjectLike => ({
  id,
  object: 'customer',
  created: 1_700_000_000,
  email: null,
  name: null,
  phone: null,
  metadata: {},
  ...fields,
});

let dir: string;
let caches: CacheRegistry;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
  caches = new CacheRegistry(dir);
});
afterEach(() => {
  caches.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('CacheStore upsert and freshness', () => {
  it('keeps the newer snapshot whatever order they arrive in', () => {
    const store = caches.open(TEST);
    store.upsert('customers', [customer('cus_A', { name: 'New' })], at(2000));
    const outcome = store.upsert('customers', [customer('cus_A', { name: 'Old' })], at(1000));
    expect(outcome).toEqual({ written: 0, skipped: 1, doubtful: [] });
    expect(store.get<StripeObjectLike>('customers', 'cus_A')?.name).toBe('New');
    store.upsert('customers', [customer('cus_A', { name: 'Newest' })], at(3000));
    expect(store.get<StripeObjectLike>('customers', 'cus_A')?.name).toBe('Newest');
  });

  it('reports overlapping, different snapshots as doubtful and keeps the stored one', () => {
    const store = caches.open(TEST);
    store.upsert('customers', [customer('cus_A', { name: 'One' })], eventFreshness(100, 100_900));
    const outcome = store.upsert('customers', [customer('cus_A', { name: 'Two' })], eventFreshness(100, 100_950));
    expect(outcome.doubtful).toEqual(['cus_A']);
    expect(store.get<StripeObjectLike>('customers', 'cus_A')?.name).toBe('One');
    // A fetch sent after both events were received is newer than either.
    store.upsert('customers', [customer('cus_A', { name: 'Two' })], { lo: 101_000, hi: 101_050 });
    expect(store.get<StripeObjectLike>('customers', 'cus_A')?.name).toBe('Two');
  });

  it('never resurrects a deleted object from an older snapshot', () => {
    const store = caches.open(TEST);
    store.upsert('customers', [customer('cus_A')], at(1000));
    store.markDeleted('customers', 'cus_A', at(2000));
    store.upsert('customers', [customer('cus_A')], at(1500));
    expect(store.count('customers')).toBe(0);
    store.markDeleted('customers', 'cus_B', at(2000));
    store.upsert('customers', [customer('cus_B')], at(1500));
    expect(store.count('customers')).toBe(0);
  });

  it('records each event id once, whoever delivers it', () => {
    const store = caches.open(TEST);
    const event = {
      id: 'evt_1',
      object: 'event',
      type: 'customer.updated',
      created: 100,
      data: { object: customer('cus_A') },
    };
    expect(store.recordEvent(event, 'poll', 1)).toBe(true);
    expect(store.recordEvent(event, 'webhook', 2)).toBe(false);
  });
});

describe('search', () => {
  it('finds customers by email prefix, name word, phone, id, card last4 and metadata', () => {
    const store = caches.open(TEST);
    store.upsert(
      'customers',
      [
        customer('cus_Jane1', {
          email: 'jane.doe@example.com',
          name: 'Jane Doe',
          phone: '+1 (415) 555-0123',
          metadata: { crm: 'ZX-991' },
        }),
        customer('cus_John2', { email: 'john@example.org', name: 'John Smith' }),
      ],
      at(1000),
    );
    store.upsert(
      'payment_methods',
      [
        {
          id: 'pm_1',
          object: 'payment_method',
          created: 1,
          customer: 'cus_John2',
          type: 'card',
          card: { brand: 'visa', last4: '4242' },
        },
      ],
      at(1000),
    );
    const ids = (q: string, field?: 'email' | 'name') =>
      store.searchCustomers<StripeObjectLike>(q, { limit: 10, ...(field ? { field } : {}) }).rows.map((c) => c.id);
    expect(ids('jane.do')).toEqual(['cus_Jane1']);
    expect(ids('doe')).toEqual(['cus_Jane1']);
    expect(ids('smi')).toEqual(['cus_John2']);
    expect(ids('4155550')).toEqual(['cus_Jane1']);
    expect(ids('4242')).toEqual(['cus_John2']);
    expect(ids('cus_john')).toEqual(['cus_John2']);
    expect(ids('zx-991')).toEqual(['cus_Jane1']);
    expect(ids('example', 'email').sort()).toEqual(['cus_Jane1', 'cus_John2']);
    expect(ids('example', 'name')).toEqual([]);
    expect(ids('"')).toEqual([]);
    expect(ids('nobody')).toEqual([]);
  });

  it('finds payments by id, email, last4 and amount', () => {
    const store = caches.open(TEST);
    store.upsert('customers', [customer('cus_P', { email: 'payer@example.com' })], at(1000));
    store.upsert(
      'charges',
      [
        {
          id: 'ch_1',
          object: 'charge',
          created: 5,
          customer: 'cus_P',
          payment_intent: 'pi_1',
          amount: 1999,
          currency: 'usd',
          payment_method_details: { card: { last4: '1881' } },
        },
      ],
      at(1000),
    );
    store.upsert(
      'payment_intents',
      [
        {
          id: 'pi_1',
          object: 'payment_intent',
          created: 5,
          customer: 'cus_P',
          amount: 1999,
          currency: 'usd',
          latest_charge: 'ch_1',
        },
      ],
      at(1000),
    );
    const found = (q: string) => [...new Set(store.searchPayments(q, { limit: 10 }).rows.map((m) => m.paymentIntent))];
    expect(found('pi_1')).toEqual(['pi_1']);
    expect(found('ch_1')).toEqual(['pi_1']);
    expect(found('payer@')).toEqual(['pi_1']);
    expect(found('1881')).toEqual(['pi_1']);
    expect(found('19.99')).toEqual(['pi_1']);
    expect(found('1999')).toEqual(['pi_1']);
    // The customer learnt the card's last4 from the charge.
    expect(store.searchCustomers<StripeObjectLike>('1881', { limit: 5 }).rows.map((c) => c.id)).toEqual(['cus_P']);
  });
});

describe('bulk load', () => {
  const indexes = () =>
    inspectCache(
      dir,
      TEST,
      (db) =>
        db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers' AND sql IS NOT NULL ORDER BY name",
          )
          .pluck()
          .all() as string[],
    );

  it('builds the indexes of tables it filled once, at the end, and search works as after plain upserts', () => {
    const store = caches.open(TEST);
    const before = indexes();
    let during: string[] = [];
    store.bulkLoad(['customers', 'payment_methods'], () => {
      store.upsert(
        'customers',
        Array.from({ length: 500 }, (_, i) =>
          customer(`cus_B${i}`, { email: `bulk${i}@example.com`, name: `Bulk ${i}` }),
        ),
        at(1),
      );
      during = indexes();
    });
    expect(during).toEqual([]);
    expect(indexes()).toEqual(before);
    expect(store.searchCustomers<StripeObjectLike>('bulk42@example', { limit: 5 }).rows.map((c) => c.id)).toEqual([
      'cus_B42',
    ]);
    const byEmail = inspectCache(dir, TEST, (db) =>
      db.prepare("SELECT id FROM customers WHERE email = 'bulk7@example.com'").pluck().get(),
    );
    expect(byEmail).toBe('cus_B7');
  });

  it('leaves the indexes of a table that already had rows, and repairs a load cut short when reopened', () => {
    const store = caches.open(TEST);
    store.upsert('customers', [customer('cus_Old')], at(1));
    const before = indexes();
    store.bulkLoad(['customers'], () => expect(indexes()).toEqual(before));
    // A crash mid-load: the indexes were dropped and never rebuilt.
    inspectCache(dir, TEST, (db) => {
      for (const name of before) db.exec(`DROP INDEX ${name}`);
    });
    caches.close();
    caches = new CacheRegistry(dir);
    caches.open(TEST);
    expect(indexes()).toEqual(before);
  });
});

describe('keyset pagination', () => {
  const newestFirst = { filters: {}, sort: { field: 'created', direction: 'desc' } } as const;

  it('walks every row once, newest first, across pages, with rows inserted mid-walk', () => {
    const store = caches.open(TEST);
    const all = Array.from({ length: 57 }, (_, i) =>
      customer(`cus_${String(i).padStart(3, '0')}`, { created: 1000 + Math.floor(i / 3) }),
    );
    store.upsert('customers', all, at(1));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = store.customers.search({ ...newestFirst, limit: 10, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      if (seen.length === 10) store.upsert('customers', [customer('cus_new', { created: 5000 })], at(2));
    } while (cursor);
    const expected = [...all].sort((a, b) => b.created! - a.created! || (a.id < b.id ? 1 : -1)).map((c) => c.id);
    expect(seen).toEqual(expected);
  });

  it('rejects a tampered cursor with a typed error', () => {
    const store = caches.open(TEST);
    expect(() => store.customers.search({ ...newestFirst, limit: 10, cursor: 'bm9wZQ' })).toThrow(
      /cursor is not valid/,
    );
  });
});

describe('CacheRegistry', () => {
  it('keeps test and live in separate files and removes an account’s files', () => {
    caches.open(TEST).upsert('customers', [customer('cus_T')], at(1));
    caches.open(LIVE).upsert('customers', [customer('cus_L')], at(1));
    expect(caches.open(TEST).has('customers', 'cus_L')).toBe(false);
    expect(caches.open(LIVE).has('customers', 'cus_T')).toBe(false);
    expect(cacheFile(dir, TEST)).not.toBe(cacheFile(dir, LIVE));
    caches.remove(TEST.accountId);
    expect(fs.existsSync(cacheFile(dir, TEST))).toBe(false);
    expect(fs.existsSync(cacheFile(dir, LIVE))).toBe(false);
    expect(caches.open(TEST).count('customers')).toBe(0);
  });
});
