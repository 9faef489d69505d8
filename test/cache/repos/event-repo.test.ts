import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheStore, EventRecord } from '../../../src-main/cache';
import { openTestStore } from './repo-store';

let opened: ReturnType<typeof openTestStore>;
let store: CacheStore;

const event = (id: string, type: string, created: number, objectId: string): EventRecord => ({
  id,
  object: 'event',
  type,
  created,
  data: { object: { id: objectId, object: type.split('.')[0] } },
});

beforeEach(() => {
  opened = openTestStore();
  store = opened.store;
  store.recordEvent(event('evt_1', 'charge.succeeded', 10, 'ch_1'), 'poll', 1);
  store.recordEvent(event('evt_2', 'charge.refunded', 20, 'ch_1'), 'webhook', 2);
  store.recordEvent(event('evt_3', 'chargeback.odd', 30, 'x_1'), 'history', 3);
  store.recordEvent(event('evt_4', 'customer.updated', 40, 'cus_1'), 'poll', 4);
  store.markEventApplied('evt_1', 5);
});
afterEach(() => opened.close());

const ids = (page: { items: { id: string }[] }) => page.items.map((e) => e.id);

describe('EventRepo', () => {
  it('lists newest first and pages without overlap', () => {
    const first = store.events.list({ limit: 3 });
    expect(ids(first)).toEqual(['evt_4', 'evt_3', 'evt_2']);
    expect(first.nextCursor).not.toBeNull();
    const second = store.events.list({ limit: 3, cursor: first.nextCursor });
    expect(ids(second)).toEqual(['evt_1']);
    expect(second.nextCursor).toBeNull();
  });

  it('filters by exact type, by `prefix.*` or `prefix.` (not by a longer word), and by object id', () => {
    expect(ids(store.events.list({ type: 'charge.refunded', limit: 10 }))).toEqual(['evt_2']);
    expect(ids(store.events.list({ type: 'charge.*', limit: 10 }))).toEqual(['evt_2', 'evt_1']);
    expect(ids(store.events.list({ type: 'charge.', limit: 10 }))).toEqual(['evt_2', 'evt_1']);
    expect(ids(store.events.list({ type: 'charge', limit: 10 }))).toEqual([]);
    expect(ids(store.events.list({ objectId: 'ch_1', type: 'charge.succeeded', limit: 10 }))).toEqual(['evt_1']);
  });

  it('says how each event arrived and when it was applied', () => {
    const [summary] = store.events.list({ objectId: 'ch_1', type: 'charge.succeeded', limit: 1 }).items;
    expect(summary).toEqual({
      id: 'evt_1',
      type: 'charge.succeeded',
      created: 10,
      objectId: 'ch_1',
      objectType: 'charge',
      source: 'poll',
      appliedAt: 5,
    });
  });

  it('gets one event with its JSON, and null for one not in the log', () => {
    const detail = store.events.get('evt_2');
    expect(detail?.source).toBe('webhook');
    expect(JSON.parse(detail!.json)).toMatchObject({ id: 'evt_2', type: 'charge.refunded' });
    expect(detail!.json).toContain('\n  "id": "evt_2"');
    expect(store.events.get('evt_missing')).toBeNull();
  });
});
