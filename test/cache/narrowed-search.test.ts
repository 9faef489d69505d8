import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFile, keysetPage, type CacheStore, type StripeObjectLike } from '../../src-main/cache';
import { NarrowedCustomerSearch, type CustomerCandidate } from '../../src-main/cache/narrowed-search';
import { cardsText } from '../../src-main/cache/search-index';
import { Prng } from '../../src-main/emulator/generator/prng';
import { narrowedPhrase, prefixPhrase, type CustomerSearchField } from '../../src-main/cache/search-text';
import { AT, openTestStore, SCOPE } from './repos/repo-store';

/**
 * A customer search whose last word is longer than the prefix index is answered through a narrowed phrase and an
 * exact check of its candidates. Over many generated customers and typed texts (seeded), every page it gives —
 * rows, order, where pages break — must be the one the whole phrase gives customers_fts directly.
 */

const prng = new Prng(20261202);
const rand = () => prng.next();
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

// Few words, so a narrowed phrase has many candidates: words that share their first three letters, one-letter
// words, diacritics (composed and combining), other scripts, quotes, digits and underscores.
const FIRST = [
  'Ann',
  'Anna',
  'Annabel',
  'Zoë',
  'Zoe',
  'José',
  'Jose\u0301',
  'Øyvind',
  'Straße',
  'Łukasz',
  'Иван',
  'Ивана',
  '李小龍',
  'A',
  'Tess',
  'Tester',
  'Ö',
  'Émile',
];
const LAST = [
  "O'Brien",
  'Obrien',
  'Smith',
  'Smithers',
  'Smi',
  'Test',
  'Testa',
  'Tesla',
  'Müller',
  'Mueller',
  'de la Cruz',
  'X',
  '"Quoted"',
  'Nguyễn',
  'Ng',
];
const DOMAINS = ['inbox.test', 'corp.example', 'test.co', 'testing.test', 'ex.co', 'tést.example', 'mail_box.test'];

function customer(i: number): { customer: StripeObjectLike; cards: string[] } {
  const first = pick(FIRST);
  const last = pick(LAST);
  const local = `${first}.${last}`.toLowerCase().replace(/[^\p{L}\p{N}._]/gu, '');
  const fields: Record<string, unknown> = {
    email: rand() < 0.9 ? `${local}${rand() < 0.5 ? i : ''}@${pick(DOMAINS)}` : null,
    name: rand() < 0.9 ? `${first} ${last}` : null,
    phone: rand() < 0.7 ? `+${pick(['1', '44', '353'])} (${digits(3)}) 555-${digits(4)}` : null,
    metadata: rand() < 0.5 ? { crm: `CRM-${digits(4)}`, note: pick(['tesla fan', 'say "hi"', 'VIP', '測試']) } : {},
    delinquent: rand() < 0.2,
  };
  return {
    customer: {
      id: `cus_${i.toString(36)}${pick(['test', 'Tes', 'x'])}${digits(3)}`,
      object: 'customer',
      created: i,
      ...fields,
    },
    cards: Array.from({ length: Math.floor(rand() * 3) }, () => pick(['4242', '1111', '0005', digits(4)])),
  };
}

/** What a person might type: parts of a stored customer, cut anywhere, re-cased, with or without diacritics. */
function typed(stored: readonly StripeObjectLike[], cards: readonly string[][]): string {
  const i = Math.floor(rand() * stored.length);
  const c = stored[i]!;
  const source = pick([
    String(c.email ?? ''),
    String(c.name ?? ''),
    String(c.id),
    String(c.phone ?? ''),
    cards[i]!.join(' '),
    `${String(c.name ?? '')} ${String(c.email ?? '')}`,
    pick([
      'tesla',
      'test',
      'tes',
      'testing',
      'smithers',
      'annabel',
      'zoe',
      'ZOË',
      'jose',
      'иван',
      'ivan',
      'a',
      'x y',
      '"hi"',
      'say "hi',
      "o'brien",
      'ng',
      'nguyen',
      '555-',
      'cus_',
      'crm-1',
      'mail_box',
      'tést',
      '😀 test',
      'test\u0000x',
      '  ',
    ]),
  ]);
  const chars = [...source];
  const cut = chars.slice(0, 1 + Math.floor(rand() * chars.length)).join('');
  const text = rand() < 0.5 ? source : cut;
  return pick([text, text, text.toUpperCase(), text.normalize('NFD'), `${text}.`, `${text} `, ` ${text}`]);
}

let opened: ReturnType<typeof openTestStore>;
let store: CacheStore;
let reader: Database.Database;
let texts: string[];

beforeAll(() => {
  opened = openTestStore();
  store = opened.store;
  const made = Array.from({ length: 1500 }, (_, i) => customer(i + 1));
  store.upsert(
    'customers',
    made.map((m) => m.customer),
    AT,
  );
  store.upsert(
    'payment_methods',
    made.flatMap((m, i) =>
      m.cards.map((last4, k) => ({
        id: `pm_${i}_${k}`,
        object: 'payment_method',
        created: i,
        customer: m.customer.id,
        type: 'card',
        card: { last4 },
      })),
    ),
    AT,
  );
  // Some customers are deleted, others rewritten after their cards were seen: both must still agree.
  for (const m of made.filter(() => rand() < 0.05))
    store.markDeleted('customers', m.customer.id, { lo: 2000, hi: 2100 });
  store.upsert(
    'customers',
    made.filter(() => rand() < 0.05).map((m) => ({ ...m.customer, name: `${String(m.customer.name)} Tesla` })),
    { lo: 3000, hi: 3100 },
  );
  reader = new Database(cacheFile(opened.dir, SCOPE), { readonly: true });
  texts = Array.from({ length: 400 }, () =>
    typed(
      made.map((m) => m.customer),
      made.map((m) => m.cards),
    ),
  );
});
afterAll(() => {
  reader.close();
  opened.close();
});

/** The whole phrase asked of customers_fts: every matching live customer's id, in rowid order. */
function expected(text: string, delinquent: boolean | undefined, field?: CustomerSearchField): string[] {
  const match = prefixPhrase(text.trim(), field);
  if (!match) return [];
  return reader
    .prepare(
      `SELECT c.id FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
       WHERE customers_fts MATCH ? AND c.deleted = 0 ${delinquent === undefined ? '' : 'AND c.delinquent = ?'} ORDER BY f.rowid`,
    )
    .pluck()
    .all(match, ...(delinquent === undefined ? [] : [delinquent ? 1 : 0])) as string[];
}

/** Up to `pages` pages, asserting each is the whole phrase's slice and that pages break where they broke before. */
function pagesAgree(
  all: string[],
  limit: number,
  next: (cursor: string | null) => { ids: string[]; nextCursor: string | null },
): void {
  let cursor: string | null = null;
  for (let page = 0; page < 3; page++) {
    const got = next(cursor);
    expect(got.ids).toEqual(all.slice(page * limit, (page + 1) * limit));
    expect(got.nextCursor !== null).toBe(all.length > (page + 1) * limit);
    if (!got.nextCursor) return;
    cursor = got.nextCursor;
  }
}

describe('customer search with a long last word', () => {
  it('gives the Customers list the same pages as the whole phrase, filtered or not', () => {
    // A blank text is no search: the list shows everyone, newest first.
    for (const text of texts.filter((t) => t.trim())) {
      const limit = pick([1, 3, 10, 50, 100]);
      const delinquent = pick([undefined, undefined, true, false]);
      const filters = delinquent === undefined ? {} : { delinquent };
      pagesAgree(expected(text, delinquent), limit, (cursor) => {
        const page = store.customers.search({
          query: text,
          filters,
          sort: { field: 'created', direction: 'desc' },
          cursor,
          limit,
        });
        return { ids: page.items.map((r) => r.id), nextCursor: page.nextCursor };
      });
    }
  });

  it('gives the header search the same pages as the whole phrase, in any one column', () => {
    for (const text of texts.slice(0, 200)) {
      const field = pick([undefined, 'email', 'name', 'id', 'last4', 'phone', 'meta'] as const);
      const limit = pick([1, 5, 20]);
      pagesAgree(expected(text, undefined, field), limit, (cursor) => {
        const page = store.searchCustomers(text, { field, limit, cursor });
        return { ids: page.rows.map((r) => String(r.id)), nextCursor: page.nextCursor };
      });
    }
  });

  it('answers most long-last-word texts from the narrowed phrase, and leaves the rest to the whole phrase', () => {
    const narrowed = new NarrowedCustomerSearch();
    const query = (expression: string, cursor: string | null, limit: number) =>
      keysetPage<CustomerCandidate>(reader, {
        select: `SELECT f.rowid AS rowid, c.id AS id, c.data AS data, ${cardsText('c.id')} AS cards
          FROM customers_fts f JOIN customers c ON c.rowid = f.rowid`,
        where: ['customers_fts MATCH ?', 'c.deleted = 0'],
        params: [expression],
        order: { columns: ['f.rowid'], direction: 'asc' },
        cursor,
        limit,
      });
    let answered = 0;
    let left = 0;
    for (const text of texts.filter((t) => narrowedPhrase(t) !== null)) {
      const limit = pick([1, 10, 100]);
      const page = narrowed.page(text.trim(), undefined, null, limit, query);
      if (!page) {
        left++;
        continue;
      }
      answered++;
      const all = expected(text, undefined);
      expect(page.rows.map((r) => r.id)).toEqual(all.slice(0, limit));
      expect(page.nextCursor !== null).toBe(all.length > limit);
    }
    narrowed.close();
    expect(answered).toBeGreaterThan(100);
    expect(left).toBeGreaterThan(0);
  });

  it('cuts only a last word longer than three letters, and only where a word surely remains', () => {
    expect(narrowedPhrase('ann.smith@inbox.test')).toBe('"ann.smith@inbox.tes"*');
    expect(narrowedPhrase('ann.smith@inbox.test.', 'email')).toBe('{email} : "ann.smith@inbox.tes"*');
    expect(narrowedPhrase('ann.smith@ex.co')).toBeNull();
    expect(narrowedPhrase('say "hello')).toBe('"say ""hel"*');
    expect(narrowedPhrase('cus_0000abcd')).toBe('"cus"*');
    expect(narrowedPhrase('zoë é\u0301mile')).toBe('"zoë é\u0301m"*');
    // Nothing FTS5 surely reads as a word would be left: the whole phrase is asked.
    expect(narrowedPhrase('李小龍李小龍')).toBeNull();
    expect(narrowedPhrase('\u0000')).toBeNull();
  });
});
