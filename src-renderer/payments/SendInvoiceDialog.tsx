import { useState } from 'react';
import type { CustomerRow, InvoiceDetail, Scope } from '../../src-preload/contract';
import { decimalAmount, formatMoney, parseMoney } from '../../src-preload/contract/money';
import { INVOICE_DUE_DAYS } from '../../src-preload/contract/support-writes';
import { allowsNewRequest, mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { rememberDeniedWrite, useWriteBlock } from '../app/use-write-block';
import { useMutationCall } from '../ipc/client';

const newIds = () => ({ create: crypto.randomUUID(), finalize: crypto.randomUUID(), send: crypto.randomUUID() });

/**
 * When a card can't be charged: an invoice for the amount, emailed to the customer to pay (and confirm with their
 * bank) themselves. Stripe creates, finalizes and sends it as three steps, each exactly once.
 */
export function SendInvoiceDialog({
  scope,
  customer,
  amount: suggested,
  currency,
  description: suggestedDescription,
  onClose,
}: {
  scope: Scope;
  customer: Pick<CustomerRow, 'id' | 'email' | 'name'>;
  amount: number;
  currency: string;
  description: string;
  onClose(): void;
}) {
  const [intentIds, setIntentIds] = useState(newIds);
  const [amountText, setAmountText] = useState(() => decimalAmount(suggested, currency));
  const [description, setDescription] = useState(suggestedDescription);
  const [daysText, setDaysText] = useState(String(INVOICE_DUE_DAYS.default));
  const [sent, setSent] = useState<InvoiceDetail | null>(null);
  const send = useMutationCall('invoices.sendForAmount', ['invoices.list', 'customers.get', 'activity.list']);
  const block = useWriteBlock(scope, 'invoice', 'invoices');
  const amount = parseMoney(amountText, currency);
  const days = /^\d+$/.test(daysText.trim()) ? Number(daysText) : NaN;
  const locked = !!send.error && mayHaveExecuted(send.error);
  const invalid = !customer.email
    ? 'The customer has no email address: add one to their profile first.'
    : !amount
      ? `Enter an amount in ${currency.toUpperCase()}, e.g. ${decimalAmount(suggested, currency)}.`
      : !description.trim()
        ? 'Say what the invoice is for: the customer reads it.'
        : !(days >= INVOICE_DUE_DAYS.min && days <= INVOICE_DUE_DAYS.max)
          ? `Give the customer ${INVOICE_DUE_DAYS.min} to ${INVOICE_DUE_DAYS.max} days to pay.`
          : null;
  return (
    <ConfirmDialog
      open
      title="Email an invoice instead"
      confirmLabel={sent ? 'Done' : amount ? `Email invoice for ${formatMoney(amount, currency)}` : 'Email invoice'}
      busy={send.isPending}
      error={send.error}
      disabledReason={sent ? null : (block ?? invalid)}
      onConfirm={() =>
        sent
          ? onClose()
          : amount &&
            send.mutate(
              {
                scope,
                customerId: customer.id,
                intentIds,
                amount,
                currency,
                description: description.trim(),
                daysUntilDue: days,
              },
              {
                onSuccess: setSent,
                onError: (e) => {
                  rememberDeniedWrite(scope, e, 'rak_invoice_write');
                  if (allowsNewRequest(e)) setIntentIds(newIds());
                },
              },
            )
      }
      onCancel={onClose}
    >
      <div data-testid="send-invoice-dialog">
        <p>
          Stripe emails {customer.email ?? 'the customer'} an invoice with a link to pay it online. Nothing is charged
          until they pay.
        </p>
        <label>
          Amount ({currency.toUpperCase()})
          <input
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            inputMode="decimal"
            aria-label="Invoice amount"
            disabled={send.isPending || locked || !!sent}
          />
        </label>
        <label>
          What it’s for (shown on the invoice)
          <input
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={500}
            disabled={send.isPending || locked || !!sent}
          />
        </label>
        <label>
          Days to pay
          <input
            value={daysText}
            onChange={(e) => setDaysText(e.target.value)}
            inputMode="numeric"
            size={4}
            aria-label="Days to pay"
            disabled={send.isPending || locked || !!sent}
          />
        </label>
        {sent ? (
          <p className="notice" role="status">
            Invoice {sent.number ?? sent.id} for {formatMoney(sent.total, sent.currency)} was emailed
            {sent.hostedUrl ? ' with its payment page' : ''}.
          </p>
        ) : null}
        {locked ? (
          <p className="hint">
            Stripe didn’t answer. Trying again carries on where it stopped: one invoice, one email at most.
          </p>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
