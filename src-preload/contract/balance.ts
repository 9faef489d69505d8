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

/** What Stripe says a payout's `status` can be; the renderer has words for each (ui/labels.ts). */
export const PAYOUT_STATUSES = ['paid', 'pending', 'in_transit', 'canceled', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** Stripe's payout `failure_code`s. */
export const PAYOUT_FAILURE_CODES = [
  'account_closed',
  'account_frozen',
  'bank_account_restricted',
  'bank_ownership_changed',
  'could_not_process',
  'debit_not_authorized',
  'declined',
  'incorrect_account_holder_address',
  'incorrect_account_holder_name',
  'incorrect_account_holder_tax_id',
  'insufficient_funds',
  'invalid_account_number',
  'invalid_currency',
  'no_account',
  'unsupported_card',
] as const;
export type PayoutFailureCode = (typeof PAYOUT_FAILURE_CODES)[number];

/** Balance transactions' `reporting_category`s a payout settles (Stripe may add more: shown in words anyway). */
export const BALANCE_CATEGORIES = [
  'charge',
  'refund',
  'refund_failure',
  'dispute',
  'dispute_reversal',
  'fee',
  'payout',
  'payout_reversal',
  'partial_capture_reversal',
  'other_adjustment',
  'risk_reserved_funds',
  'transfer',
  'transfer_reversal',
  'tax',
  'topup',
  'topup_reversal',
] as const;
export type BalanceCategory = (typeof BALANCE_CATEGORIES)[number];

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
