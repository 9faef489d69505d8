import { useEffect, useRef, useState } from 'react';
import type { ChargeSummary, PaymentRow, Scope } from '../../src-preload/contract';
import { decimalAmount, formatMoney } from '../../src-preload/contract/money';
import { allowsNewRequest, mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { rememberDeniedWrite, useWriteBlock } from '../app/use-write-block';
import { useCall, useMutationCall } from '../ipc/client';
import { MONEY_MOVED } from '../ipc/money-moved';
import { SendInvoiceDialog } from './SendInvoiceDialog';
import { CardOptions } from '../ui/card-options';
import { InvoiceInsteadNote } from '../ui/InvoiceInsteadNote';
import { cardLabel } from '../ui/labels';

/**
 * A failed payment confirmed again with another of the customer's saved cards (live: the amount typed first).
 * A decline says why in plain words and offers to email an invoice instead.
 */
export function RetryWithCardDialog({
  scope,
  payment,
  onClose,
}: {
  scope: Scope;
  payment: PaymentRow;
  onClose(): void;
}) {
  const customerId = payment.customerId ?? '';
  const customer = useCall('customers.get', { scope, customerId }, { enabled: !!customerId });
  const cards = (customer.data?.paymentMethods ?? []).filter(
    (c) => c.last4 !== payment.cardLast4 || !payment.cardLast4,
  );
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const [chosen, setChosen] = useState<string | null>(null);
  const [invoiceInstead, setInvoiceInstead] = useState(false);
  const retry = useMutationCall('payments.retryWithCard', MONEY_MOVED);
  const block = useWriteBlock(scope, 'payment_intent', 'payments');
  const card = chosen ?? cards.find((c) => c.isDefault)?.id ?? cards[0]?.id ?? '';
  const locked = !!retry.error && mayHaveExecuted(retry.error);
  const noOtherCard = !!customer.data && cards.length === 0;
  // The charge button is disabled then, so focus goes to what the agent can do instead (the dialog is open by now:
  // ConfirmDialog, a child, opened it in its own effect).
  const invoiceButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (noOtherCard) invoiceButton.current?.focus();
  }, [noOtherCard]);
  if (invoiceInstead && customer.data)
    return (
      <SendInvoiceDialog
        scope={scope}
        customer={customer.data.customer}
        amount={payment.amount}
        currency={payment.currency}
        description={payment.description ?? `Payment ${payment.id}`}
        onClose={onClose}
      />
    );
  const invalid = customer.isPending
    ? 'Loading the customer’s saved cards…'
    : customer.error
      ? 'The customer’s saved cards couldn’t be read.'
      : cards.length === 0
        ? 'There is no other saved card to charge.'
        : null;
  const who = customer.data?.customer.name ?? customer.data?.customer.email ?? 'The customer';
  return (
    <ConfirmDialog
      open
      danger
      title="Retry with another card"
      confirmLabel={`Charge ${formatMoney(payment.amount, payment.currency)}`}
      busy={retry.isPending}
      error={retry.error}
      typedConfirmation={scope.mode === 'live' && !noOtherCard ? decimalAmount(payment.amount, payment.currency) : null}
      disabledReason={block ?? invalid}
      onConfirm={() =>
        retry.mutate(
          { scope, paymentIntentId: payment.id, paymentMethodId: card, intentId },
          {
            onSuccess: onClose,
            onError: (e) => {
              rememberDeniedWrite(scope, e, 'rak_payment_intent_write');
              if (allowsNewRequest(e)) setIntentId(crypto.randomUUID());
            },
          },
        )
      }
      onCancel={onClose}
    >
      {noOtherCard ? (
        // Nothing to pick: say so, and what the agent can do instead, rather than show an empty card list.
        <div data-testid="retry-dialog" className="retry-no-card">
          <p>
            <strong>Nothing to retry with.</strong> {who} has no saved card other than
            {payment.cardLast4
              ? ` ${cardLabel(payment.cardBrand, payment.cardLast4)}, the one that failed`
              : ' the one that failed'}
            .
          </p>
          <p>What you can do:</p>
          <ul>
            <li>
              <button ref={invoiceButton} type="button" className="link" onClick={() => setInvoiceInstead(true)}>
                Email an invoice instead
              </button>{' '}
              — the customer pays it, and confirms it, with a card of their choice.
            </li>
            <li>Ask the customer to add a new card, then retry from here.</li>
          </ul>
        </div>
      ) : (
        <div data-testid="retry-dialog">
          <p>
            This payment failed. It is tried once more, now, with the card you choose; the customer isn’t present, so
            their bank may still ask them to confirm it.
          </p>
          <label>
            Card
            <select
              value={card}
              onChange={(e) => setChosen(e.target.value)}
              disabled={retry.isPending || locked || cards.length === 0}
            >
              <CardOptions cards={cards} />
            </select>
          </label>
          {retry.error?.code === 'card_error' ? (
            <InvoiceInsteadNote onChoose={() => setInvoiceInstead(true)} disabled={!customer.data} />
          ) : null}
          {locked ? (
            <p className="hint">Stripe didn’t answer. Trying again sends the same retry: it can’t charge twice.</p>
          ) : null}
        </div>
      )}
    </ConfirmDialog>
  );
}

/** Emails a paid charge's receipt again, to the customer's address or another one. */
export function ResendReceiptDialog({
  scope,
  charge,
  email,
  onClose,
}: {
  scope: Scope;
  charge: ChargeSummary;
  email: string | null;
  onClose(): void;
}) {
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const [to, setTo] = useState(email ?? '');
  const [sent, setSent] = useState<string | null>(null);
  const resend = useMutationCall('payments.resendReceipt', ['payments.get', 'activity.list']);
  const block = useWriteBlock(scope, 'charge', 'receipts');
  const locked = !!resend.error && mayHaveExecuted(resend.error);
  const invalid = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to.trim())
    ? null
    : 'Enter an email address, e.g. name@example.com.';
  return (
    <ConfirmDialog
      open
      title="Resend the receipt"
      confirmLabel={sent ? 'Done' : 'Send receipt'}
      busy={resend.isPending}
      error={resend.error}
      disabledReason={sent ? null : (block ?? invalid)}
      onConfirm={() =>
        sent
          ? onClose()
          : resend.mutate(
              { scope, chargeId: charge.id, email: to.trim(), intentId },
              {
                onSuccess: (result) => setSent(result.email),
                onError: (e) => {
                  rememberDeniedWrite(scope, e, 'rak_charge_write');
                  if (allowsNewRequest(e)) setIntentId(crypto.randomUUID());
                },
              },
            )
      }
      onCancel={onClose}
    >
      <div data-testid="receipt-dialog">
        <p>
          Stripe emails the receipt for {formatMoney(charge.amount, charge.currency)} to this address, and shows it as
          the payment’s receipt address from now on.
        </p>
        <label>
          Email
          <input
            type="email"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            disabled={resend.isPending || locked || !!sent}
            aria-invalid={!!invalid}
          />
        </label>
        {sent ? (
          <p className="notice" role="status">
            Receipt sent to {sent}.
          </p>
        ) : null}
        {locked ? (
          <p className="hint">Stripe didn’t answer. Trying again sends the same request: one receipt at most.</p>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
