import { useState } from 'react';
import type { CustomerDetail, Scope } from '../../src-preload/contract';
import { decimalAmount, formatMoney, parseMoney } from '../../src-preload/contract/money';
import { mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { rememberDeniedWrite, useWriteBlock } from '../app/use-write-block';
import { useMutationCall } from '../ipc/client';
import { SendInvoiceDialog } from '../payments/SendInvoiceDialog';
import { CUSTOMER_CHANGED } from './customer-changed';
import { CardOptions } from '../ui/card-options';
import { InvoiceInsteadNote } from '../ui/InvoiceInsteadNote';

/**
 * Charges one of the customer's saved cards for a one-off amount while they are away. In live mode the agent types
 * the amount. A decline is explained in plain words, with sending an invoice offered instead.
 */
export function ChargeSavedCardDialog({
  scope,
  detail,
  onClose,
}: {
  scope: Scope;
  detail: CustomerDetail;
  onClose(): void;
}) {
  const cards = detail.paymentMethods;
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const [card, setCard] = useState(() => cards.find((c) => c.isDefault)?.id ?? cards[0]?.id ?? '');
  const [currency, setCurrency] = useState(detail.customer.currency ?? 'usd');
  const [amountText, setAmountText] = useState('');
  const [description, setDescription] = useState('');
  const [invoiceInstead, setInvoiceInstead] = useState(false);
  const charge = useMutationCall('customers.chargeSavedCard', [...CUSTOMER_CHANGED, 'payments.list']);
  const block = useWriteBlock(scope, 'payment_intent', 'charges');
  const amount = parseMoney(amountText, currency);
  const locked = !!charge.error && mayHaveExecuted(charge.error);
  const invalid =
    cards.length === 0
      ? 'The customer has no saved card: send an invoice instead.'
      : amount === null || amount === 0
        ? `Enter an amount in ${currency.toUpperCase()}, e.g. ${decimalAmount(1250, currency)}.`
        : null;
  const declined = charge.error?.code === 'card_error';
  if (invoiceInstead && amount)
    return (
      <SendInvoiceDialog
        scope={scope}
        customer={detail.customer}
        amount={amount}
        currency={currency}
        description={description.trim() || 'Payment'}
        onClose={onClose}
      />
    );
  return (
    <ConfirmDialog
      open
      danger
      title="Charge a saved card"
      confirmLabel={amount ? `Charge ${formatMoney(amount, currency)}` : 'Charge'}
      busy={charge.isPending}
      error={charge.error}
      typedConfirmation={scope.mode === 'live' && amount ? decimalAmount(amount, currency) : null}
      disabledReason={block ?? invalid}
      onConfirm={() =>
        amount &&
        charge.mutate(
          {
            scope,
            customerId: detail.customer.id,
            intentId,
            paymentMethodId: card,
            amount,
            currency,
            ...(description.trim() ? { description: description.trim() } : {}),
          },
          {
            onSuccess: onClose,
            onError: (e) => {
              rememberDeniedWrite(scope, e, 'rak_payment_intent_write');
              if (!mayHaveExecuted(e)) setIntentId(crypto.randomUUID());
            },
          },
        )
      }
      onCancel={onClose}
    >
      <div data-testid="charge-dialog">
        <p>The customer isn’t present: their bank may decline a charge it wants them to confirm.</p>
        <label>
          Card
          <select value={card} onChange={(e) => setCard(e.target.value)} disabled={charge.isPending || locked}>
            <CardOptions cards={cards} />
          </select>
        </label>
        <label>
          Amount
          <span className="amount-with-currency">
            <input
              value={amountText}
              onChange={(e) => setAmountText(e.target.value)}
              inputMode="decimal"
              aria-label="Charge amount"
              disabled={charge.isPending || locked}
            />
            <input
              value={currency}
              onChange={(e) => setCurrency(e.target.value.trim().toLowerCase())}
              aria-label="Currency"
              maxLength={3}
              size={4}
              disabled={charge.isPending || locked}
            />
          </span>
        </label>
        <label>
          Description (on the customer’s statement and receipt)
          <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
        </label>
        {declined ? <InvoiceInsteadNote onChoose={() => setInvoiceInstead(true)} /> : null}
        {locked ? (
          <p className="hint">Stripe didn’t answer. Trying again sends the same charge: it can’t happen twice.</p>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
