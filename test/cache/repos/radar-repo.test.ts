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
    [{ id: 'cus_1', object: 'customer', created: 1, name: 'Ada', email: 'ada@example.com' }],
    AT,
  );
  store.upsert(
    'charges',
    [{ id: 'ch_1', object: 'charge', created: 5, customer: 'cus_1', amount: 1999, currency: 'usd', disputed: false }],
    AT,
  );
  const warning = (id: string, created: number, actionable: boolean) => ({
    id,
    object: 'radar.early_fraud_warning',
    created,
    actionable,
    charge: 'ch_1',
    fraud_type: 'made_with_stolen_card',
  });
  store.upsert(
    'early_fraud_warnings',
    [warning('issfr_old_act', 10, true), warning('issfr_new_done', 30, false), warning('issfr_new_act', 20, true)],
    AT,
  );
  const review = (id: string, created: number, open: boolean) => ({
    id,
    object: 'review',
    created,
    open,
    reason: open ? 'rule' : 'approved',
    charge: id === 'prv_orphan' ? 'ch_gone' : 'ch_1',
  });
  store.upsert(
    'reviews',
    [review('prv_open', 10, true), review('prv_closed', 20, false), review('prv_orphan', 30, true)],
    AT,
  );
});
afterEach(() => opened.close());

describe('RadarRepo', () => {
  it('lists actionable warnings first, each group newest first, with their charge and customer and a total', () => {
    const page = store.radar.warnings({ actionableOnly: false, limit: 2 });
    expect(page.items.map((w) => w.id)).toEqual(['issfr_new_act', 'issfr_old_act']);
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({
      actionable: true,
      fraudType: 'made_with_stolen_card',
      charge: { id: 'ch_1', amount: 1999, currency: 'usd' },
      customer: { id: 'cus_1', name: 'Ada', email: 'ada@example.com' },
    });
    const rest = store.radar.warnings({ actionableOnly: false, cursor: page.nextCursor, limit: 2 });
    expect(rest).toMatchObject({ items: [{ id: 'issfr_new_done' }], nextCursor: null, total: null });
    expect(store.radar.warnings({ actionableOnly: true, limit: 10 }).total).toBe(2);
  });

  it('lists open or closed reviews newest first; a review whose charge is not cached has none', () => {
    const open = store.radar.reviews({ open: true, limit: 10 });
    expect(open.items.map((r) => r.id)).toEqual(['prv_orphan', 'prv_open']);
    expect(open.total).toBe(2);
    expect(open.items[0]).toMatchObject({ charge: null, customer: null });
    expect(store.radar.reviews({ open: false, limit: 10 }).items.map((r) => r.id)).toEqual(['prv_closed']);
  });

  it('reads one warning or review by id, and null for an unknown one', () => {
    expect(store.radar.warning('issfr_old_act')).toMatchObject({ id: 'issfr_old_act', actionable: true });
    expect(store.radar.review('prv_closed')).toMatchObject({ id: 'prv_closed', open: false, closedReason: null });
    expect(store.radar.warning('issfr_none')).toBeNull();
    expect(store.radar.review('prv_none')).toBeNull();
  });
});
