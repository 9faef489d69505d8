import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheStore } from '../../../src-main/cache';
import { AT, openTestStore } from './repo-store';

let opened: ReturnType<typeof openTestStore>;
let store: CacheStore;

const dispute = (id: string, status: string, dueBy: number | null) => ({
  id,
  object: 'dispute',
  created: 1,
  status,
  amount: 1500,
  currency: 'eur',
  charge: 'ch_1',
  evidence_details: { due_by: dueBy },
});

beforeEach(() => {
  opened = openTestStore();
  store = opened.store;
  store.upsert(
    'disputes',
    [
      dispute('dp_overdue', 'needs_response', 100),
      dispute('dp_soon', 'warning_needs_response', 500),
      dispute('dp_later', 'needs_response', 900),
      dispute('dp_no_deadline', 'needs_response', null),
      dispute('dp_answered', 'under_review', 200),
      dispute('dp_gone', 'needs_response', 300),
    ],
    AT,
  );
  store.markDeleted('disputes', 'dp_gone', { lo: 2000, hi: 2100 });
});
afterEach(() => opened.close());

describe('DisputeRepo.respondableDueBy (deadline notifications)', () => {
  it('lists disputes still taking evidence due up to the time, overdue included, soonest first', () => {
    expect(store.disputes.respondableDueBy(500)).toEqual([
      { id: 'dp_overdue', dueBy: 100, amount: 1500, currency: 'eur' },
      { id: 'dp_soon', dueBy: 500, amount: 1500, currency: 'eur' },
    ]);
    expect(store.disputes.respondableDueBy(99)).toEqual([]);
    expect(store.disputes.respondableDueBy(10_000).map((d) => d.id)).toEqual(['dp_overdue', 'dp_soon', 'dp_later']);
  });
});
