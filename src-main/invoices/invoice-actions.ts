import type { InvoiceActionKind, InvoiceRow, InvoiceStatus } from '../../src-preload/contract';

const CAN: Record<InvoiceActionKind, InvoiceStatus[]> = {
  pay: ['open'],
  send: ['open', 'paid', 'uncollectible'],
  finalize: ['draft'],
  void: ['open', 'uncollectible'],
  mark_uncollectible: ['open'],
  credit_note: ['open', 'paid'],
};

const WORDS: Record<InvoiceActionKind, string> = {
  pay: 'charged',
  send: 'sent',
  finalize: 'finalized',
  void: 'voided',
  mark_uncollectible: 'marked uncollectible',
  credit_note: 'credited',
};

/** Which actions Stripe allows in the invoice's state, and in plain words why not. */
export function invoiceActions(row: InvoiceRow, postPaymentCredit: number): Record<InvoiceActionKind, string | null> {
  const entries = Object.entries(CAN).map(([kind, statuses]) => {
    const action = kind as InvoiceActionKind;
    if (!statuses.includes(row.status)) return [action, `A ${row.status} invoice can’t be ${WORDS[action]}.`] as const;
    if (action === 'credit_note' && row.status === 'paid' && row.amountPaid - postPaymentCredit <= 0)
      return [action, 'Everything paid on this invoice has already been credited.'] as const;
    if (action === 'pay' && row.amountRemaining === 0) return [action, 'Nothing is left to pay.'] as const;
    return [action, null] as const;
  });
  return Object.fromEntries(entries) as Record<InvoiceActionKind, string | null>;
}
