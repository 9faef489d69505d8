import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import type { StripeObjectLike } from '../../src-main/cache';
import { BalanceService } from '../../src-main/balance/balance-service';
import { payoutCsv } from '../../src-main/balance/payout-csv';
import { disputeMoneyMovements } from '../../src-main/disputes/dispute-money';
import { toConsoleError } from '../../src-main/stripe/errors';
import { startSupport, type Support } from '../payments/support-harness';

let support: Support;
let balance: BalanceService;

beforeAll(async () => {
  support = await startSupport({ customers: 300 });
  const payouts = await support.admin.payouts.list({ limit: 100 }).autoPagingToArray({ limit: 1000 });
  for (const p of payouts) support.deps.applyObject(support.scope, p as unknown as StripeObjectLike, Date.now());
  balance = new BalanceService(support.gateway, support.deps, Date.now);
}, 60_000);
afterAll(() => support?.stop());

describe('payouts', () => {
  it('lists payouts newest first from the cache, with status, arrival and failure reason', () => {
    const page = balance.payouts(support.scope, { limit: 500 });
    expect(page.total).toBeGreaterThan(5);
    const created = page.items.map((p) => p.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const failed = page.items.find((p) => p.status === 'failed');
    expect(failed).toMatchObject({ failureCode: 'account_closed', failureMessage: expect.stringContaining('closed') });
    for (const p of page.items) expect(p.arrivalDate).toBeGreaterThan(p.created);
  });

  it('every payout’s settled transactions net exactly to its amount, and some settle refunds and disputes', async () => {
    const kinds = new Set<string>();
    for (const p of balance.payouts(support.scope, { limit: 500 }).items) {
      const detail = await balance.payout(support.scope, p.id);
      expect(detail.totals.net).toBe(p.amount);
      expect(detail.addsUp).toBe(true);
      expect(detail.transactions.every((t) => t.currency === p.currency && t.net === t.amount - t.fee)).toBe(true);
      for (const t of detail.transactions) kinds.add(t.category);
    }
    expect([...kinds]).toEqual(expect.arrayContaining(['charge', 'refund', 'dispute']));
  });

  it('exports a payout as CSV whose minor-unit nets add up to the payout', async () => {
    const payout = balance.payouts(support.scope, { limit: 1 }).items[0]!;
    const { csv, rows } = payoutCsv(await balance.payout(support.scope, payout.id));
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(rows);
    expect(parsed.reduce((sum, r) => sum + Number(r.net_minor), 0)).toBe(payout.amount);
    expect(parsed.every((r) => r.payout_id === payout.id)).toBe(true);
  });

  it('an unknown payout is Stripe’s 404, as a clear error', async () => {
    const error = await balance.payout(support.scope, 'po_missing').catch((e: unknown) => toConsoleError(e));
    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining('No such payout') });
  });

  it('reads the balance per currency, never mixing currencies', async () => {
    const summary = await balance.balance(support.scope);
    const currencies = summary.available.map((m) => m.currency);
    expect(new Set(currencies).size).toBe(currencies.length);
    expect(currencies).toContain('usd');
  });
});

describe('dispute money', () => {
  it('a won chargeback shows the debit with its fee and the reversal; an inquiry moves nothing', async () => {
    const live = new Stripe(support.stripe.keys.live, {
      host: '127.0.0.1',
      port: support.stripe.port,
      protocol: 'http',
    });
    const disputes = [
      ...(await support.admin.disputes.list({ limit: 100 }).autoPagingToArray({ limit: 1000 })),
      ...(await live.disputes.list({ limit: 100 }).autoPagingToArray({ limit: 1000 })),
    ];
    const won = disputes.find((d) => d.status === 'won') as Stripe.Dispute;
    const [debit, reversal] = disputeMoneyMovements(won);
    expect(debit).toMatchObject({ kind: 'debit', amount: -won.amount });
    expect(debit!.fee).toBeGreaterThan(0);
    expect(debit!.net).toBe(-won.amount - debit!.fee);
    expect(reversal).toMatchObject({ kind: 'reversal', amount: won.amount, fee: 0 });
    const inquiry = disputes.find((d) => d.status.startsWith('warning_'))!;
    expect(disputeMoneyMovements(inquiry)).toEqual([]);
  });
});
