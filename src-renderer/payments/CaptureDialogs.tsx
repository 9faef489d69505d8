import { useState } from 'react';
import type { PaymentRow, Scope } from '../../src-preload/contract';
import { CANCEL_REASONS } from '../../src-preload/contract/payments';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useMutationCall } from '../ipc/client';
import { decimalAmount, formatMoney, parseMoney } from '../../src-preload/contract/money';
import { useOfflineReason } from '../app/live-data';
import { MONEY_MOVED } from '../ipc/money-moved';
import { allowsNewRequest, mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { humanLabel } from '../ui/labels';

interface Props {
  scope: Scope;
  payment: PaymentRow;
  onClose(): void;
}

/** Captures all or part of an authorisation; the rest is released to the customer. One intent per opening. */
export function CaptureDialog({ scope, payment, onClose }: Props) {
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const [amountText, setAmountText] = useState(() => decimalAmount(payment.amountCapturable, payment.currency));
  const capture = useMutationCall('payments.capture', MONEY_MOVED);
  const offline = useOfflineReason();
  const amount = parseMoney(amountText, payment.currency);
  const money = (minor: number) => formatMoney(minor, payment.currency);
  const blocked =
    offline ??
    (amount === null || amount === 0
      ? `Enter an amount in ${payment.currency.toUpperCase()}.`
      : amount > payment.amountCapturable
        ? `At most ${money(payment.amountCapturable)} is authorised.`
        : null);
  return (
    <ConfirmDialog
      open
      title={`Capture ${payment.id}`}
      confirmLabel={amount ? `Capture ${money(amount)}` : 'Capture'}
      busy={capture.isPending}
      error={capture.error}
      typedConfirmation={scope.mode === 'live' && amount ? decimalAmount(amount, payment.currency) : null}
      disabledReason={blocked}
      onConfirm={() =>
        amount !== null &&
        capture.mutate(
          { scope, paymentIntentId: payment.id, amount, intentId },
          // Only after Stripe refused (nothing was captured) may a corrected capture be a new intent.
          { onSuccess: onClose, onError: (e) => allowsNewRequest(e) && setIntentId(crypto.randomUUID()) },
        )
      }
      onCancel={onClose}
    >
      <p>
        {money(payment.amountCapturable)} is authorised. Capturing less releases the rest to the customer; a payment can
        be captured only once.
      </p>
      <label>
        Amount to capture ({payment.currency.toUpperCase()})
        <input
          value={amountText}
          onChange={(e) => setAmountText(e.target.value)}
          inputMode="decimal"
          aria-label="Capture amount"
          // The capture may have happened: only the very same request may be sent again.
          disabled={!!capture.error && mayHaveExecuted(capture.error)}
        />
      </label>
    </ConfirmDialog>
  );
}

/** Cancels an uncaptured payment: the authorisation is released. */
export function CancelPaymentDialog({ scope, payment, onClose }: Props) {
  const [intentId] = useState(() => crypto.randomUUID());
  const [reason, setReason] = useState<(typeof CANCEL_REASONS)[number]>('requested_by_customer');
  const cancel = useMutationCall('payments.cancel', MONEY_MOVED);
  const offline = useOfflineReason();
  return (
    <ConfirmDialog
      open
      title={`Cancel ${payment.id}?`}
      confirmLabel="Cancel payment"
      danger
      busy={cancel.isPending}
      error={cancel.error}
      disabledReason={offline}
      onConfirm={() => cancel.mutate({ scope, paymentIntentId: payment.id, reason, intentId }, { onSuccess: onClose })}
      onCancel={onClose}
    >
      <p>
        The authorisation of {formatMoney(payment.amountCapturable, payment.currency)} is released; nothing is charged.
      </p>
      <label>
        Reason
        <select value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
          {CANCEL_REASONS.map((r) => (
            <option key={r} value={r}>
              {humanLabel(r)}
            </option>
          ))}
        </select>
      </label>
    </ConfirmDialog>
  );
}
