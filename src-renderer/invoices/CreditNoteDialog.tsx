import { useState } from 'react';
import type { CreditNoteInput, InvoiceDetail, Scope } from '../../src-preload/contract';
import { CREDIT_NOTE_REASONS } from '../../src-preload/contract/invoices';
import { decimalAmount, formatMoney, parseMoney } from '../../src-preload/contract/money';
import { mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { ErrorState } from '../app/states';
import { useMutationCall } from '../ipc/client';
import { humanLabel } from '../ui/labels';
import { rememberDeniedWrite, useWriteBlock } from '../app/use-write-block';
import { INVOICE_CHANGED } from './invoice-changed';

const METHOD_WORDS: Record<CreditNoteInput['method'], string> = {
  reduce_due: 'Lower what the customer still owes on this invoice',
  refund: 'Refund the money to the card the invoice was paid with',
  balance: 'Credit the customer’s balance (used up by their next invoices)',
};

/** A credit note: the agent describes it, reads Stripe's preview, then issues it (in live mode, typing the amount). */
export function CreditNoteDialog({
  scope,
  invoice: d,
  onClose,
}: {
  scope: Scope;
  invoice: InvoiceDetail;
  onClose(): void;
}) {
  const paid = d.status === 'paid';
  const most = paid ? d.amountPaid - d.postPaymentCredit : d.amountRemaining;
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const [amountText, setAmountText] = useState(() => decimalAmount(most, d.currency));
  const [method, setMethod] = useState<CreditNoteInput['method']>(paid ? 'refund' : 'reduce_due');
  const [reason, setReason] = useState<CreditNoteInput['reason'] | ''>('');
  const preview = useMutationCall('invoices.previewCreditNote');
  const create = useMutationCall('invoices.createCreditNote', INVOICE_CHANGED);
  const block = useWriteBlock(scope, 'credit_note', 'credit notes');
  const amount = parseMoney(amountText, d.currency);
  const note: CreditNoteInput | null = amount ? { amount, method, ...(reason ? { reason } : {}) } : null;
  const shown = preview.data && note && preview.data.amount === note.amount && preview.data.method === method;
  const invalid =
    amount === null || amount === 0
      ? `Enter an amount in ${d.currency.toUpperCase()}.`
      : amount > most
        ? `At most ${formatMoney(most, d.currency)} can be credited on this invoice.`
        : null;
  const locked = !!create.error && mayHaveExecuted(create.error);
  const money = (minor: number) => formatMoney(minor, d.currency);
  const reset = () => preview.reset();

  return (
    <ConfirmDialog
      open
      danger={method === 'refund'}
      title={`Credit note for invoice ${d.number ?? d.id}`}
      confirmLabel={note ? `Issue credit note for ${money(note.amount)}` : 'Issue credit note'}
      busy={create.isPending}
      error={create.error}
      typedConfirmation={scope.mode === 'live' && shown && note ? decimalAmount(note.amount, d.currency) : null}
      disabledReason={block ?? invalid ?? (shown ? null : 'Preview the credit note first.')}
      onConfirm={() =>
        note &&
        create.mutate(
          { scope, id: d.id, intentId, creditNote: note },
          {
            onSuccess: onClose,
            onError: (e) => {
              rememberDeniedWrite(scope, e, 'rak_credit_note_write');
              if (!mayHaveExecuted(e)) setIntentId(crypto.randomUUID());
            },
          },
        )
      }
      onCancel={onClose}
    >
      <div className="credit-note-form" data-testid="credit-note-dialog">
        <label>
          Amount ({d.currency.toUpperCase()})
          <input
            value={amountText}
            inputMode="decimal"
            aria-label="Credit amount"
            disabled={locked || create.isPending}
            onChange={(e) => {
              setAmountText(e.target.value);
              reset();
            }}
          />
        </label>
        <fieldset>
          <legend>How</legend>
          {(paid ? (['refund', 'balance'] as const) : (['reduce_due'] as const)).map((m) => (
            <label key={m} className="inline">
              <input
                type="radio"
                name="credit-method"
                checked={method === m}
                disabled={locked || create.isPending}
                onChange={() => {
                  setMethod(m);
                  reset();
                }}
              />
              {METHOD_WORDS[m]}
            </label>
          ))}
        </fieldset>
        <label>
          Reason
          <select
            value={reason}
            onChange={(e) => setReason(e.target.value as CreditNoteInput['reason'] | '')}
            disabled={locked || create.isPending}
          >
            <option value="">None</option>
            {CREDIT_NOTE_REASONS.map((r) => (
              <option key={r} value={r}>
                {humanLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="secondary"
          disabled={!!invalid || !note || preview.isPending || !!block}
          onClick={() => note && preview.mutate({ scope, id: d.id, creditNote: note })}
        >
          {preview.isPending ? 'Asking Stripe…' : 'Preview'}
        </button>
        <ErrorState error={preview.error} />
        {shown ? (
          <div className="preview" data-testid="credit-note-preview">
            <strong>Stripe’s preview</strong>
            <ul>
              <li>Credit note: {money(preview.data.amount)}</li>
              {preview.data.refund ? <li>Back to the customer’s card: {money(preview.data.refund)}</li> : null}
              {preview.data.balanceCredit ? (
                <li>Added to the customer’s credit balance: {money(preview.data.balanceCredit)}</li>
              ) : null}
              {!paid ? <li>Still due on the invoice afterwards: {money(preview.data.remainingAfter)}</li> : null}
            </ul>
          </div>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
