import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { MutationKind } from '../../src-main/mutations/mutation-ledger';
import { ACTIVITY_OUTCOMES } from '../../src-preload/contract/activity';
import { BALANCE_CATEGORIES, PAYOUT_FAILURE_CODES, PAYOUT_STATUSES } from '../../src-preload/contract/balance';
import { DISPUTE_REASONS, DISPUTE_STATUSES } from '../../src-preload/contract/disputes';
import { CREDIT_NOTE_REASONS, INVOICE_STATUSES } from '../../src-preload/contract/invoices';
import { CANCEL_REASONS, PAYMENT_STATUSES, REFUND_REASONS } from '../../src-preload/contract/payments';
import { FRAUD_TYPES, REVIEW_REASONS, RISK_LEVELS } from '../../src-preload/contract/radar';
import { PRORATION_CHOICES } from '../../src-preload/contract/subscription-changes';
import { PAUSE_BEHAVIORS, SUBSCRIPTION_STATUSES } from '../../src-preload/contract/subscriptions';
import {
  ACTION_LABELS,
  actionLabel,
  BALANCE_CATEGORY_LABELS,
  countOf,
  eventLabel,
  fieldLabel,
  FRAUD_TYPE_LABELS,
  humanLabel,
  labelIn,
  PAYOUT_FAILURE_LABELS,
  PAYOUT_STATUS_LABELS,
  REVIEW_REASON_LABELS,
  RISK_LEVEL_LABELS,
} from '../../src-renderer/ui/labels';

/** Words for people: no API punctuation, a capital first letter, and not the raw value itself. */
function expectWords(raw: string, label: string) {
  expect(label, raw).not.toMatch(/[_.]/);
  expect(label, raw).toMatch(/^[\p{Lu}\d]/u);
  expect(label, raw).not.toBe(raw);
}

/** Every enum the contract carries to the renderer, with the function the views label it by. */
const ENUMS: [string, readonly string[], (code: string) => string][] = [
  ['payment statuses', PAYMENT_STATUSES, humanLabel],
  ['refund reasons', REFUND_REASONS, humanLabel],
  ['cancel reasons', CANCEL_REASONS, humanLabel],
  ['dispute statuses', DISPUTE_STATUSES, humanLabel],
  ['dispute reasons', DISPUTE_REASONS, humanLabel],
  ['invoice statuses', INVOICE_STATUSES, humanLabel],
  ['credit note reasons', CREDIT_NOTE_REASONS, humanLabel],
  ['subscription statuses', SUBSCRIPTION_STATUSES, humanLabel],
  ['pause behaviours', PAUSE_BEHAVIORS, humanLabel],
  ['proration choices', PRORATION_CHOICES, humanLabel],
  ['activity outcomes', ACTIVITY_OUTCOMES, humanLabel],
  ['payout statuses', PAYOUT_STATUSES, (c) => labelIn(PAYOUT_STATUS_LABELS, c)],
  ['payout failure codes', PAYOUT_FAILURE_CODES, (c) => labelIn(PAYOUT_FAILURE_LABELS, c)],
  ['balance categories', BALANCE_CATEGORIES, (c) => labelIn(BALANCE_CATEGORY_LABELS, c)],
  ['fraud types', FRAUD_TYPES, (c) => labelIn(FRAUD_TYPE_LABELS, c)],
  ['review reasons', REVIEW_REASONS, (c) => labelIn(REVIEW_REASON_LABELS, c)],
  ['risk levels', RISK_LEVELS, (c) => labelIn(RISK_LEVEL_LABELS, c)],
];

describe('labels: every Stripe enum the contract lists reads as words', () => {
  for (const [name, values, label] of ENUMS)
    it(name, () => {
      for (const value of values) expectWords(value, label(value));
    });

  it('the finance maps name every value of their contract list, and nothing else', () => {
    const covers = (labels: Record<string, string>, values: readonly string[]) =>
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
    covers(PAYOUT_STATUS_LABELS, PAYOUT_STATUSES);
    covers(PAYOUT_FAILURE_LABELS, PAYOUT_FAILURE_CODES);
    covers(BALANCE_CATEGORY_LABELS, BALANCE_CATEGORIES);
    covers(FRAUD_TYPE_LABELS, FRAUD_TYPES);
    covers(REVIEW_REASON_LABELS, REVIEW_REASONS);
    covers(RISK_LEVEL_LABELS, RISK_LEVELS);
  });

  it('a balance transaction of type charge reads as a payment, a paid payout as paid out', () => {
    expect(labelIn(BALANCE_CATEGORY_LABELS, 'charge')).toBe('Payment');
    expect(labelIn(PAYOUT_STATUS_LABELS, 'paid')).toBe('Paid out');
  });

  it('a value Stripe adds later still reads as words, and a missing one as a dash', () => {
    expectWords('instant_payout_reversal', labelIn(BALANCE_CATEGORY_LABELS, 'instant_payout_reversal'));
    expect(labelIn(BALANCE_CATEGORY_LABELS, null)).toBe('—');
  });

  it('event types and field names read as words', () => {
    expect(eventLabel('charge.dispute.funds_withdrawn')).toBe('Dispute funds withdrawn');
    expect(fieldLabel('customer_purchase_ip')).toBe('Customer purchase IP');
  });
});

/**
 * What the Activity log records: every ledger kind src-main registers (not the ledger tests' own `test.*` and
 * `model.*` kinds), and the dispute review note src-main/disputes/dispute-reviews.ts adds.
 */
type RecordedAction = Exclude<MutationKind, `test.${string}` | `model.${string}`> | 'dispute.review';

describe('Activity actions read as words', () => {
  it('the map names every kind the main process registers, and nothing else', () => {
    // The typecheck fails here when a feature augments MutationKinds without adding words for its kind (or a kind
    // goes away and its words stay): the node program holds every augmentation in src-main.
    expectTypeOf<keyof typeof ACTION_LABELS>().toEqualTypeOf<RecordedAction>();
  });

  it('each action is words, not its code', () => {
    for (const code of Object.keys(ACTION_LABELS)) expectWords(code, actionLabel(code));
    expect(actionLabel('refund.create')).toBe('Refund');
    expect(actionLabel('subscription.cancel_at_period_end')).toBe('Cancel at period end');
  });

  it('a kind from a newer teammate’s console still reads as words', () => {
    expectWords('payout.cancel', actionLabel('payout.cancel'));
  });
});

describe('countOf: the noun agrees with the number', () => {
  it('one is singular, everything else plural, in the locale’s digits', () => {
    expect(countOf(1, 'transaction')).toBe('1 transaction');
    expect(countOf(0, 'transaction')).toBe('0 transactions');
    expect(countOf(2, 'transaction')).toBe('2 transactions');
    expect(countOf(1204, 'customer')).toBe(`${(1204).toLocaleString()} customers`);
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries');
  });
});

describe('views never turn codes into words on their own', () => {
  /** Ad-hoc humanising (`code.replaceAll('_', ' ')`) is how raw API words leaked before; labels.ts is the one place. */
  const ADHOC = /\.replace(All)?\(\s*(['"]_['"]|\/_\/g|\/\[_)/;
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));

  it('no renderer file but ui/labels.ts replaces underscores', () => {
    const root = path.resolve(__dirname, '../../src-renderer');
    const offenders = files(root)
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(path.join('ui', 'labels.ts')))
      .filter((f) => ADHOC.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });
});
