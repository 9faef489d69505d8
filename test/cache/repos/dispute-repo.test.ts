import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheStore, StripeObjectLike } from '../../../src-main/cache';
import { AT as at, openTestStore } from './repo-store';

const NOW = 1_800_000_000;
const HOUR = 3600;

const dispute = (id: string, fields: Record<string, unknown>): StripeObjectLike => ({
  id,
  object: 'dispute',
  created: NOW - 10 * 86_400,
  status: 'needs_response',
  reason: 'fraudulent',
  amount: 1000,
  currency: 'usd',
  charge: null,
  is_charge_refundable: false,
  evidence_details: { due_by: NOW + 100 * HOUR, has_evidence: false, submission_count: 0 },
  ...fields,
});
const dueBy = (seconds: number | null) => ({ due_by: seconds, has_evidence: false, submission_count: 0 });

let opened: ReturnType<typeof openTestStore>;
let store: CacheStore;

beforeEach(() => {
  opened = openTestStore();
  store = opened.store;
  store.upsert(
    'customers',
    [{ id: 'cus_1', object: 'customer', created: 1, name: 'Ada', email: 'ada@example.com' }],
    at,
  );
  store.upsert(
    'charges',
    [
      { id: 'ch_1', object: 'charge', created: 10, customer: 'cus_1', amount: 1000, status: 'succeeded' },
      { id: 'ch_2', object: 'charge', created: 20, customer: 'cus_1', amount: 2000, status: 'succeeded' },
      { id: 'ch_3', object: 'charge', created: 30, customer: null, amount: 3000, status: 'succeeded' },
    ],
    at,
  );
  store.upsert(
    'disputes',
    [
      dispute('dp_later', { charge: 'ch_1', evidence_details: dueBy(NOW + 40 * HOUR), created: NOW - 5 }),
      dispute('dp_sooner', { charge: 'ch_2', evidence_details: dueBy(NOW + 2 * HOUR), amount: 500, created: NOW - 4 }),
      dispute('dp_overdue', { evidence_details: dueBy(NOW - HOUR), created: NOW - 3 }),
      dispute('dp_won', { status: 'won', charge: 'ch_3', evidence_details: dueBy(NOW + HOUR), currency: 'eur' }),
      dispute('dp_nodeadline', { evidence_details: dueBy(null), reason: null, created: NOW - 2 }),
    ],
    at,
  );
});
afterEach(() => opened.close());

describe('DisputeRepo', () => {
  it('orders the queue: answerable by deadline, then overdue and undated, then closed; pages continue where they stopped', () => {
    const ids = store.disputes.queueAll({}, NOW).map((r) => r.id);
    expect(ids).toEqual(['dp_sooner', 'dp_later', 'dp_overdue', 'dp_nodeadline', 'dp_won']);
    const first = store.disputes.queuePage({}, NOW, null, 2);
    const second = store.disputes.queuePage({}, NOW, first.nextCursor, 10);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(ids);
    expect(second.nextCursor).toBeNull();
  });

  it('reads rows with their customer through the charge and the evidence details from the stored JSON', () => {
    const [row] = store.disputes.byIds(['dp_sooner']);
    expect(row).toEqual({
      id: 'dp_sooner',
      status: 'needs_response',
      reason: 'fraudulent',
      amount: 500,
      currency: 'usd',
      dueBy: NOW + 2 * HOUR,
      created: NOW - 4,
      charge: 'ch_2',
      customer: { id: 'cus_1', name: 'Ada', email: 'ada@example.com' },
      hasEvidence: false,
      submissionCount: 0,
    });
    expect(store.disputes.byIds(['dp_nodeadline'])[0]).toMatchObject({
      reason: 'general',
      dueBy: null,
      customer: null,
    });
  });

  it('filters by status, currency, amount and an id set, and counts and totals what it filters', () => {
    const ids = (filter: Parameters<CacheStore['disputes']['queueAll']>[0]) =>
      store.disputes.queueAll(filter, NOW).map((r) => r.id);
    expect(ids({ statuses: ['won'] })).toEqual(['dp_won']);
    expect(ids({ currency: 'usd', amountMax: 500 })).toEqual(['dp_sooner']);
    expect(ids({ amountMin: 1000, ids: { only: ['dp_later', 'dp_won', 'dp_sooner'] } })).toEqual([
      'dp_later',
      'dp_won',
    ]);
    expect(ids({ ids: { except: ['dp_later', 'dp_won'] } })).toEqual(['dp_sooner', 'dp_overdue', 'dp_nodeadline']);
    expect(ids({ ids: { only: [] } })).toEqual([]);
    expect(store.disputes.queueCount({ currency: 'usd' })).toBe(4);
    expect(store.disputes.totals({})).toEqual([
      { status: 'needs_response', currency: 'usd', count: 4, amount: 3500 },
      { status: 'won', currency: 'eur', count: 1, amount: 1000 },
    ]);
    expect(store.disputes.charts({ statuses: ['won'] }).byReason).toEqual([
      { reason: 'fraudulent', status: 'won', currency: 'eur', count: 1, amount: 1000 },
    ]);
  });

  it('counts urgent (due within 48 h) and overdue disputes that still need a response', () => {
    expect(store.disputes.urgent(NOW)).toEqual({
      count: 2,
      overdue: 1,
      mostUrgent: { id: 'dp_sooner', dueBy: NOW + 2 * HOUR, amount: 500, currency: 'usd' },
    });
    expect(store.disputes.urgent(NOW + 50 * HOUR)).toMatchObject({ count: 0, overdue: 3, mostUrgent: null });
  });

  it("answers a charge's refundability from its newest dispute, and null when none is cached", () => {
    expect(store.disputes.allowsRefund('ch_1')).toBe(false);
    store.upsert('disputes', [dispute('dp_newer', { charge: 'ch_1', is_charge_refundable: true, created: NOW })], at);
    expect(store.disputes.allowsRefund('ch_1')).toBe(true);
    expect(store.disputes.allowsRefund('ch_none')).toBeNull();
  });

  it("reads a disputed customer's charges, refunds and other disputes, newest first and bounded", () => {
    store.upsert(
      'refunds',
      [
        { id: 're_1', object: 'refund', created: 40, charge: 'ch_1', amount: 100, status: 'succeeded' },
        { id: 're_3', object: 'refund', created: 50, charge: 'ch_3', amount: 100, status: 'succeeded' },
      ],
      at,
    );
    expect(store.disputes.customerCharges('cus_1', 10).map((c) => c.id)).toEqual(['ch_2', 'ch_1']);
    expect(store.disputes.customerCharges('cus_1', 1).map((c) => c.id)).toEqual(['ch_2']);
    expect(store.disputes.refundsOf(['ch_1', 'ch_2'], 10).map((r) => r.id)).toEqual(['re_1']);
    expect(store.disputes.otherDisputeIdsOf('cus_1', 'dp_later', 10)).toEqual(['dp_sooner']);
  });
});
