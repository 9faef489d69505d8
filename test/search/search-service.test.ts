import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchService } from '../../src-main/search/search-service';
import { startSupport, type Support } from '../payments/support-harness';

let s: Support;
let complete = new Set<string>();
let service: SearchService;

beforeAll(async () => {
  s = await startSupport({ customers: 10 });
  await s.fillCache();
  service = new SearchService({
    cache: (scope) => s.caches.open(scope),
    stripe: (scope) => s.gateway.client(scope),
    completeResources: () => complete,
    applyObject: (scope, object, sentAt) => void s.deps.applyObject(scope, object, sentAt),
    now: Date.now,
  });
});
afterAll(async () => {
  await s.stop();
});

describe('search that does not wait for sync', () => {
  it('finds a customer sync has not fetched through Stripe, marks it live, and puts it in the cache', async () => {
    const email = `not.synced.${Date.now()}@example.com`;
    const customer = await s.admin.customers.create({ email, name: 'Nadia Unsynced' });
    complete = new Set();
    expect(service.everything(s.scope, email, ['customer'], 10)).toEqual([]);
    const live = await service.live(s.scope, email, ['customer', 'payment'], 10);
    expect(live).toMatchObject({ asked: true, note: null });
    expect(live.hits).toEqual([expect.objectContaining({ id: customer.id, kind: 'customer', source: 'stripe' })]);
    // Written into the local copy: the next search (and opening it) needs no Stripe.
    expect(service.everything(s.scope, email, ['customer'], 10)).toEqual([
      expect.objectContaining({ id: customer.id, source: 'cache' }),
    ]);
  });

  it('asks nothing once the cache is complete for the kinds searched', async () => {
    complete = new Set(['customers', 'payment_intents', 'invoices', 'subscriptions', 'disputes']);
    expect(await service.live(s.scope, 'someone@example.com', ['customer'], 10)).toEqual({
      hits: [],
      asked: false,
      note: null,
    });
  });

  it('an id nobody has is simply not found, not an error', async () => {
    complete = new Set();
    expect(await service.live(s.scope, 'cus_doesnotexist123', ['customer'], 10)).toEqual({
      hits: [],
      asked: true,
      note: null,
    });
  });

  it('the header search finds a payment by amount and its customer by email in one answer', () => {
    const hits = service.everything(s.scope, 'a', ['customer', 'payment', 'invoice', 'subscription', 'dispute'], 5);
    expect(hits.every((h) => h.source === 'cache')).toBe(true);
    const kinds = hits.map((h) => h.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => order(a) - order(b)));
  });
});

const order = (kind: string) => ['customer', 'payment', 'invoice', 'subscription', 'dispute'].indexOf(kind);
