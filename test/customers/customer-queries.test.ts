import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleError, type CustomerRow, type Page } from '../../src-preload/contract';
import type { CustomerSearch } from '../../src-main/cache';
import { CustomerQueries } from '../../src-main/customers/customer-queries';
import { inspectCache } from '../cache/cache-file';
import { startSupport, type Support } from '../payments/support-harness';

let s: Support;
let queries: CustomerQueries;
let payer: { customer: string; chargeId: string; email: string };

beforeAll(async () => {
  s = await startSupport({ customers: 60 });
  const email = `zelda.quill-${Date.now()}@example.org`;
  const customer = await s.admin.customers.create({ email, name: 'Zelda Quill', phone: '+1 (415) 555-0199' });
  const { chargeId } = await s.payment({ amount: 4200, customer: customer.id, paymentMethod: 'pm_card_amex' });
  await s.app.refunds.refund(s.scope, { chargeId, amount: 1200, note: 'ticket 77', intentId: randomUUID() });
  await s.fillCache();
  queries = new CustomerQueries(s.caches.open(s.scope));
  payer = { customer: customer.id, chargeId, email };
});
afterAll(async () => {
  await s.stop();
});

const search = (q: Partial<CustomerSearch>): Page<CustomerRow> =>
  queries.search({ filters: {}, sort: { field: 'created', direction: 'desc' }, limit: 100, ...q });
const ids = (page: Page<CustomerRow>) => page.items.map((c) => c.id);
/** Reads the cache file beneath the repositories, to check their answers against plain SQL. */
const plucked = <T>(query: string): T[] =>
  inspectCache(s.dataDir, s.scope, (db) => db.prepare(query).pluck().all() as T[]);

function allPages(q: Partial<CustomerSearch>): CustomerRow[] {
  const rows: CustomerRow[] = [];
  let cursor: string | null = null;
  do {
    const page = search({ ...q, cursor, limit: 7 });
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

describe('CustomerQueries.search', () => {
  it('finds a customer by email prefix, name word, id, phone digits and card last4', () => {
    expect(ids(search({ query: payer.email.slice(0, 9) }))).toContain(payer.customer);
    expect(ids(search({ query: 'quill' }))).toContain(payer.customer);
    expect(ids(search({ query: payer.customer }))).toEqual([payer.customer]);
    expect(ids(search({ query: '1415555' }))).toContain(payer.customer);
    const byCard = search({ query: '8431' });
    expect(ids(byCard)).toContain(payer.customer);
    expect(byCard.items.find((c) => c.id === payer.customer)?.cardLast4s).toContain('8431');
  });

  it('returns nothing (not everything) for text with nothing searchable', () => {
    expect(search({ query: '  @@ ' })).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('pages through every customer with keyset cursors: no gaps, no repeats, newest first', () => {
    const rows = allPages({});
    const total = plucked<number>('SELECT count(*) FROM customers WHERE deleted = 0')[0]!;
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    expect(queries.count()).toEqual({ total });
    const keys = rows.map((r) => [r.created, r.id] as const);
    expect(keys).toEqual([...keys].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1)));
  });

  it('sorts by email in SQL, case-insensitively, across pages', () => {
    const emails = allPages({ sort: { field: 'email', direction: 'asc' } }).map((r) => r.email!.toLowerCase());
    expect(emails.length).toBeGreaterThan(10);
    expect(emails).toEqual([...emails].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('filters by delinquency, currency, created range, active subscription and open dispute', () => {
    const delinquent = plucked<string>('SELECT id FROM customers WHERE delinquent = 1');
    expect(delinquent.length).toBeGreaterThan(0);
    expect(ids(search({ filters: { delinquent: true } })).sort()).toEqual(delinquent.sort());

    const subscribed = plucked<string>(
      `SELECT DISTINCT customer FROM subscriptions WHERE status IN ('active','trialing','past_due')`,
    );
    expect(subscribed.length).toBeGreaterThan(0);
    expect(ids(search({ filters: { hasActiveSubscription: true } })).sort()).toEqual(subscribed.sort());
    expect(ids(search({ filters: { hasActiveSubscription: false } }))).not.toContain(subscribed[0]);

    const newest = search({ limit: 1 }).items[0]!;
    expect(ids(search({ filters: { createdFrom: newest.created } }))).toContain(newest.id);
    expect(ids(search({ filters: { createdTo: newest.created } }))).not.toContain(newest.id);

    const currency = plucked<string>('SELECT currency FROM customers WHERE currency IS NOT NULL LIMIT 1')[0]!;
    expect(currency).toBeDefined();
    expect(search({ filters: { currency } }).items.every((c) => c.currency === currency)).toBe(true);

    const disputed = plucked<string>(
      `SELECT DISTINCT ch.customer FROM disputes d JOIN charges ch ON ch.id = d.charge WHERE d.status IN ('needs_response','warning_needs_response','under_review','warning_under_review') AND ch.customer IS NOT NULL`,
    );
    expect(disputed.length).toBeGreaterThan(0);
    expect(ids(search({ filters: { hasOpenDispute: true } })).sort()).toEqual(disputed.sort());
  });

  it('combines a search with filters', () => {
    expect(ids(search({ query: 'quill', filters: { delinquent: true } }))).not.toContain(payer.customer);
    expect(ids(search({ query: 'quill', filters: { hasActiveSubscription: false } }))).toContain(payer.customer);
  });

  it('refuses a cursor it did not make', () => {
    expect(() => search({ cursor: 'not-a-cursor' })).toThrow(ConsoleError);
  });
});

describe('CustomerQueries.detail and timeline', () => {
  it('shows profile, cards, payments with refund state, refunds with the note, and the Dashboard link for the mode', () => {
    const detail = queries.detail(payer.customer, 'test');
    expect(detail.customer).toMatchObject({ id: payer.customer, email: payer.email, name: 'Zelda Quill' });
    expect(detail.payments).toHaveLength(1);
    expect(detail.payments[0]).toMatchObject({
      amount: 4200,
      amountRefunded: 1200,
      refundState: 'partial',
      cardLast4: '8431',
      chargeId: payer.chargeId,
    });
    expect(detail.refunds).toEqual([
      expect.objectContaining({ amount: 1200, note: 'ticket 77', chargeId: payer.chargeId }),
    ]);
    expect(detail.dashboardUrl).toBe(`https://dashboard.stripe.com/test/customers/${payer.customer}`);
    expect(queries.detail(payer.customer, 'live').dashboardUrl).toBe(
      `https://dashboard.stripe.com/customers/${payer.customer}`,
    );
  });

  it('lists cards with expiry for a seeded customer', () => {
    const withCard = plucked<string>(`SELECT customer FROM payment_methods WHERE card_last4 IS NOT NULL LIMIT 1`)[0]!;
    expect(queries.detail(withCard, 'test').paymentMethods[0]).toMatchObject({
      last4: expect.stringMatching(/^\d{4}$/),
      expYear: expect.any(Number),
    });
  });

  it('a timeline of the events about the customer and their objects, newest first', () => {
    const timeline = queries.timeline(payer.customer, null, 100);
    const types = timeline.items.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['customer.created', 'payment_intent.succeeded', 'refund.created']));
    const created = timeline.items.map((e) => e.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(timeline.items.find((e) => e.type === 'refund.created')).toMatchObject({ amount: 1200, currency: 'usd' });
    // A partial refund moved 12.00, not the charge's 42.00.
    expect(timeline.items.find((e) => e.type === 'charge.refunded')).toMatchObject({ amount: 1200, currency: 'usd' });
  });

  it('an unknown customer is not_found', () => {
    expect(() => queries.detail('cus_doesnotexist', 'test')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
