import { z } from 'zod';
import { call } from './define';
import { cursorSchema, pageSizeSchema, scopeSchema, stripeIdSchema, type Money, type Page } from './common';

/** Owned by the finance feature (issue 15): balance, payouts and what each payout settled. */

export interface BalanceSummary {
  /** Per currency, minor units; never added across currencies. */
  available: Money[];
  pending: Money[];
  /** Unix ms the figures were read from Stripe. */
  asOf: number;
}

export interface PayoutRow {
  id: string;
  amount: number;
  currency: string;
  status: string;
  created: number;
  arrivalDate: number;
  failureCode: string | null;
  failureMessage: string | null;
}

/** One balance transaction a payout settled: a charge, refund, dispute debit or reversal, fee… */
export interface SettledTransaction {
  id: string;
  /** Stripe's `type` (charge, refund, adjustment, payout_failure…) and `reporting_category` (dispute, dispute_reversal…). */
  type: string;
  category: string;
  source: string | null;
  description: string | null;
  created: number;
  amount: number;
  fee: number;
  net: number;
  currency: string;
}

export interface PayoutDetail {
  payout: PayoutRow;
  /** Everything but the payout's own transaction, newest first. */
  transactions: SettledTransaction[];
  /** Sums of `transactions` in the payout's currency: `net` equals the payout's amount when the books balance. */
  totals: { amount: number; fee: number; net: number };
  addsUp: boolean;
}

const payoutIdSchema = stripeIdSchema('po');

export const balanceCalls = {
  'balance.get': call<BalanceSummary>()(z.object({ scope: scopeSchema }).strict()),
  /** Newest first, from the cache. */
  'payouts.list': call<Page<PayoutRow>>()(
    z.object({ scope: scopeSchema, cursor: cursorSchema, limit: pageSizeSchema }).strict(),
  ),
  /** The payout and the balance transactions it settled, read from Stripe. */
  'payouts.get': call<PayoutDetail>()(z.object({ scope: scopeSchema, payoutId: payoutIdSchema }).strict()),
  'payouts.exportCsv': call<{ filename: string; csv: string; rows: number }>()(
    z.object({ scope: scopeSchema, payoutId: payoutIdSchema }).strict(),
  ),
};
