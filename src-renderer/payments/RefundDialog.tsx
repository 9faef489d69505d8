import { useState } from 'react';
import {
  ConsoleError,
  type ChargeSummary,
  type RefundReason,
  type RefundResult,
  type Scope,
} from '../../src-preload/contract';
import { REFUND_REASONS } from '../../src-preload/contract/payments';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useMutationCall } from '../ipc/client';
import { decimalAmount, formatMoney, parseMoney } from '../../src-preload/contract/money';
import { useOfflineReason } from '../app/live-data';
import { MONEY_MOVED } from '../ipc/money-moved';
import { allowsNewRequest, mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { humanLabel } from '../ui/labels';

export interface RefundDialogProps {
  scope: Scope;
  charge: ChargeSummary;
  /** The charge's dispute status, if it is disputed. */
  disputeStatus: string | null;
  onDone(result: RefundResult): void;
  onCancel(): void;
}

const REASON_LABELS: Record<RefundReason, string> = {
  requested_by_customer: 'Requested by customer',
  duplicate: 'Duplicate',
  fraudulent: 'Fraudulent',
};

/**
 * Refund a charge fully or partly. Mounted when opened: its intent id is made then, so a double click or a retry
 * after a dropped connection sends the same refund, which Stripe carries out once.
 */
export function RefundDialog({ scope, charge, disputeStatus, onDone, onCancel }: RefundDialogProps) {
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const [amountText, setAmountText] = useState(() => decimalAmount(charge.refundable, charge.currency));
  const [reason, setReason] = useState<RefundReason>('requested_by_customer');
  const [note, setNote] = useState('');
  const refund = useMutationCall('payments.refund', MONEY_MOVED);
  const offline = useOfflineReason();

  const amount = parseMoney(amountText, charge.currency);
  const error = refund.error ? explain(refund.error, charge.currency) : null;
  // After an unanswered attempt the refund may exist at Stripe: only the very same request may be sent again.
  const outcomeUnknown = !!refund.error && mayHaveExecuted(refund.error);
  const money = (minor: number) => formatMoney(minor, charge.currency);

  const blocked =
    offline ??
    (!charge.captured
      ? 'This payment hasn’t been captured: cancel it instead of refunding.'
      : charge.refundable === 0
        ? 'This payment is already fully refunded.'
        : amount === null || amount === 0
          ? `Enter an amount in ${charge.currency.toUpperCase()}, e.g. ${decimalAmount(Math.min(charge.refundable, 1234), charge.currency)}.`
          : amount > charge.refundable
            ? `At most ${money(charge.refundable)} can still be refunded.`
            : null);

  const submit = () => {
    if (amount === null) return;
    refund.mutate(
      { scope, chargeId: charge.id, amount, reason, ...(note.trim() ? { note: note.trim() } : {}), intentId },
      {
        onSuccess: onDone,
        // Only after Stripe refused (nothing was carried out) may a corrected request be a new intent.
        onError: (e) => {
          if (allowsNewRequest(e)) setIntentId(crypto.randomUUID());
        },
      },
    );
  };

  return (
    <ConfirmDialog
      open
      title={`Refund ${charge.id}`}
      confirmLabel={amount ? `Refund ${money(amount)}` : 'Refund'}
      danger
      busy={refund.isPending}
      error={error}
      typedConfirmation={scope.mode === 'live' && amount ? decimalAmount(amount, charge.currency) : null}
      disabledReason={blocked}
      onConfirm={submit}
      onCancel={onCancel}
    >
      <div className="refund-form" data-testid="refund-dialog">
        <p>
          Charged {money(charge.amount)}
          {charge.amountRefunded > 0 ? <> · already refunded {money(charge.amountRefunded)}</> : null} ·{' '}
          <strong data-testid="refundable">{money(charge.refundable)} refundable</strong>
        </p>
        {disputeStatus ? (
          <p className="warning" role="note">
            This payment is disputed ({humanLabel(disputeStatus).toLowerCase()}). A refund does not close the dispute:
            you could lose the disputed amount as well. Consider accepting the dispute instead.
          </p>
        ) : null}
        <label>
          Amount ({charge.currency.toUpperCase()})
          <input
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            inputMode="decimal"
            disabled={outcomeUnknown || refund.isPending}
            aria-label="Refund amount"
          />
        </label>
        <label>
          Reason
          <select
            value={reason}
            onChange={(e) => setReason(e.target.value as RefundReason)}
            disabled={outcomeUnknown || refund.isPending}
          >
            {REFUND_REASONS.map((r) => (
              <option key={r} value={r}>
                {REASON_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Note (kept on the refund in Stripe)
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            rows={2}
            disabled={outcomeUnknown || refund.isPending}
          />
        </label>
        {outcomeUnknown ? (
          <p className="hint">
            Stripe didn’t answer. Trying again sends the same refund: it can’t be carried out twice.
          </p>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}

/** Main's errors, with amounts formatted and what a missing permission means here. */
function explain(error: ConsoleError, currency: string): ConsoleError {
  const refundable = error.details?.refundable;
  if (error.code === 'invalid_input' && typeof refundable === 'number') {
    return new ConsoleError(
      error.code,
      `At most ${formatMoney(refundable, currency)} can still be refunded on this payment.`,
      error,
    );
  }
  if (error.code === 'permission_denied') {
    return new ConsoleError(
      error.code,
      `${error.message} Refunds are unavailable with this key until it is granted.`,
      error,
    );
  }
  return error;
}
