import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import type { Page } from '../../src-preload/contract';
import {
  RESPONDABLE_STATUSES,
  type DisputeFilter,
  type DisputeRow,
  type DisputeStatus,
} from '../../src-preload/contract/disputes';
import { DISPUTES_CSV_HEADERS, disputesCsv } from '../../src-main/disputes/dispute-csv';
import { startDisputesHarness, type DisputesHarness } from './harness';

let h: DisputesHarness;
let all: Stripe.Dispute[];

beforeAll(async () => {
  h = await startDisputesHarness({ customers: 300 });
  all = [];
  for await (const d of h.sdk.disputes.list({ limit: 100 })) all.push(d);
}, 60_000);
afterAll(() => h?.stop());

async function wholeQueue(filter: DisputeFilter = {}): Promise<DisputeRow[]> {
  const rows: DisputeRow[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<DisputeRow> = await h.call('disputes.list', { scope: h.scope, filter, cursor, limit: 7 });
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

describe('dispute queue', () => {
  it('lists every cached dispute — answerable ones by deadline, then overdue, then the rest — across keyset pages', async () => {
    expect(all.length).toBeGreaterThan(10);
    const rows = await wholeQueue();
    expect(rows.map((r) => r.id).sort()).toEqual(all.map((d) => d.id).sort());
    const now = Math.floor(Date.now() / 1000);
    const group = (r: DisputeRow) => (!RESPONDABLE_STATUSES.includes(r.status) ? 2 : r.dueBy! >= now ? 0 : 1);
    const groups = rows.map(group);
    expect(groups).toEqual([...groups].sort());
    expect(groups).toContain(0);
    expect(groups).toContain(1);
    const answerable = rows.filter((r) => group(r) === 0).map((r) => r.dueBy!);
    expect(answerable).toEqual([...answerable].sort((a, b) => a - b));
  });

  it('filters by status, reason, currency and amount range in SQL', async () => {
    const needs = await wholeQueue({ statuses: ['needs_response'] });
    expect(needs.length).toBe(all.filter((d) => d.status === 'needs_response').length);
    expect(needs.every((r) => r.status === 'needs_response')).toBe(true);

    const currency = all[0]!.currency;
    const amounts = all
      .filter((d) => d.currency === currency)
      .map((d) => d.amount)
      .sort((a, b) => a - b);
    const [min, max] = [amounts[0]!, amounts[Math.floor(amounts.length / 2)]!];
    const ranged = await wholeQueue({ currency, amountMin: min, amountMax: max, reasons: ['fraudulent', 'duplicate'] });
    const expected = all.filter(
      (d) =>
        d.currency === currency && d.amount >= min && d.amount <= max && ['fraudulent', 'duplicate'].includes(d.reason),
    );
    expect(ranged.map((r) => r.id).sort()).toEqual(expected.map((d) => d.id).sort());
  });

  it('totals the amount at stake per status and per currency, never across currencies', async () => {
    const totals = await h.call('disputes.totals', { scope: h.scope, filter: {} });
    const expected = new Map<string, { count: number; amount: number }>();
    for (const d of all) {
      const key = `${d.status}|${d.currency}`;
      const t = expected.get(key) ?? { count: 0, amount: 0 };
      expected.set(key, { count: t.count + 1, amount: t.amount + d.amount });
    }
    expect(totals.length).toBe(expected.size);
    for (const t of totals)
      expect({ count: t.count, amount: t.amount }).toEqual(expected.get(`${t.status}|${t.currency}`));
  });

  it('computes chart series from the cache, and they follow the cache when a dispute arrives', async () => {
    const before = await h.call('disputes.charts', { scope: h.scope, filter: {} });
    const countOf = (c: typeof before, reason: string, status: string, currency: string) =>
      c.byReason.find((r) => r.reason === reason && r.status === status && r.currency === currency)?.count ?? 0;
    const month = (s: number) => new Date(s * 1000).toISOString().slice(0, 7);
    // Every series matches the raw disputes, grouped the same way.
    for (const row of before.overTime) {
      const matching = all.filter((d) => month(d.created) === row.month && d.currency === row.currency);
      expect({ count: row.count, amount: row.amount }).toEqual({
        count: matching.length,
        amount: matching.reduce((s, d) => s + d.amount, 0),
      });
    }
    expect(before.byReason.reduce((n, r) => n + r.count, 0)).toBe(all.length);

    const opened = await h.openDispute({ reason: 'duplicate' });
    const after = await h.call('disputes.charts', { scope: h.scope, filter: {} });
    expect(countOf(after, 'duplicate', 'needs_response', opened.currency)).toBe(
      countOf(before, 'duplicate', 'needs_response', opened.currency) + 1,
    );
    all.push(opened);
  });

  it('exports the filtered view as CSV with exact decimal amounts', async () => {
    const filter = { statuses: ['needs_response' as const, 'warning_needs_response' as const] };
    const exported = await h.call('disputes.exportCsv', { scope: h.scope, filter });
    const parsed = Papa.parse<Record<string, string>>(exported.csv, { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([...DISPUTES_CSV_HEADERS]);
    const rows = await wholeQueue(filter);
    expect(exported.rows).toBe(rows.length);
    expect(parsed.data.map((r) => r['dispute_id'])).toEqual(rows.map((r) => r.id));
    const first = rows[0]!;
    const line = parsed.data[0]!;
    expect(line['amount_minor']).toBe(String(first.amount));
    expect(line['currency']).toBe(first.currency.toUpperCase());
    expect(line['due_by_utc']).toBe(new Date(first.dueBy! * 1000).toISOString());
    expect(exported.filename).toMatch(new RegExp(`^disputes-${h.scope.accountId}-test-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  });

  it('writes zero- and three-decimal amounts exactly and defuses formula cells', () => {
    const base: DisputeRow = {
      id: 'dp_1',
      status: 'needs_response',
      reason: 'fraudulent',
      amount: 1234,
      currency: 'jpy',
      dueBy: null,
      created: 0,
      charge: 'ch_1',
      customer: { id: 'cus_1', name: '=HYPERLINK("http://evil")', email: null },
      hasEvidence: false,
      submissionCount: 0,
      review: 'unreviewed',
      drafted: false,
    };
    const csv = disputesCsv([
      base,
      { ...base, id: 'dp_2', amount: 1005, currency: 'kwd' },
      { ...base, id: 'dp_3', amount: 5, currency: 'usd' },
    ]);
    const rows = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(rows.map((r) => r['amount'])).toEqual(['1234', '1.005', '0.05']);
    expect(rows[0]!['customer_name']).toBe(`'=HYPERLINK("http://evil")`);
  });

  it('keeps a local review state per dispute, filterable, and records each change in the Activity log', async () => {
    const [a, b] = (await wholeQueue({ statuses: ['needs_response'] })).slice(0, 2);
    await h.call('disputes.review.set', {
      scope: h.scope,
      disputeId: a!.id,
      state: 'flagged',
      note: 'Customer emailed support twice',
    });
    await h.call('disputes.review.set', { scope: h.scope, disputeId: b!.id, state: 'needs_info', note: '' });

    const flagged = await wholeQueue({ reviews: ['flagged'] });
    expect(flagged.map((r) => r.id)).toEqual([a!.id]);
    expect(flagged[0]!.review).toBe('flagged');
    const unreviewed = await wholeQueue({ reviews: ['unreviewed'] });
    expect(unreviewed.map((r) => r.id)).not.toContain(a!.id);
    expect(unreviewed.length).toBe(all.length - 2);
    const either = await wholeQueue({ reviews: ['flagged', 'needs_info'] });
    expect(either.map((r) => r.id).sort()).toEqual([a!.id, b!.id].sort());

    const detail = await h.call('disputes.get', { scope: h.scope, disputeId: a!.id });
    expect(detail.review).toMatchObject({ state: 'flagged', note: 'Customer emailed support twice' });
    expect(h.activity(a!.id)).toEqual([
      {
        action: 'dispute.review',
        outcome: 'recorded',
        detail: 'flagged: Customer emailed support twice',
        amount: null,
        currency: null,
      },
    ]);
  });

  it('reports disputes needing a response within 48 hours, most urgent first', async () => {
    const now = Math.floor(Date.now() / 1000);
    const due = all.filter(
      (d) =>
        RESPONDABLE_STATUSES.includes(d.status as DisputeStatus) &&
        d.evidence_details.due_by! >= now &&
        d.evidence_details.due_by! <= now + 48 * 3600,
    );
    const urgent = await h.call('disputes.urgent', { scope: h.scope });
    expect(urgent.count).toBe(due.length);
    expect(urgent.mostUrgent?.id).toBe(
      due.sort((x, y) => x.evidence_details.due_by! - y.evidence_details.due_by!)[0]?.id,
    );
  });

  it('shows a dispute with its payment, card checks, customer history and guidance for its reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const row = (await wholeQueue({ statuses: ['needs_response'] })).find((r) => r.dueBy! > now)!;
    const detail = await h.call('disputes.get', { scope: h.scope, disputeId: row.id });
    const charge = await h.sdk.charges.retrieve(row.charge!);
    expect(detail.payment).toMatchObject({ id: charge.id, amount: charge.amount, currency: charge.currency });
    expect(detail.payment?.card).toMatchObject({
      brand: charge.payment_method_details?.card?.brand,
      last4: charge.payment_method_details?.card?.last4,
    });
    expect(detail.customer?.id).toBe(charge.customer);
    expect(detail.otherPayments.every((p) => p.id !== charge.id)).toBe(true);
    expect(detail.guidance.reason).toBe(row.reason);
    expect(detail.guidance.fields.length).toBeGreaterThan(3);
    expect(detail.dashboardUrl).toBe(`https://dashboard.stripe.com/test/disputes/${row.id}`);
    expect(detail.lockedReason).toBeNull();
  });

  it('refuses a payload outside the contract', async () => {
    const error = await h.fail('disputes.list', { scope: h.scope, filter: { statuses: ['open' as never] } });
    expect(error.code).toBe('invalid_input');
  });
});
