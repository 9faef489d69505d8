import { useState } from 'react';
import type { ConsoleError, Scope } from '../../src-preload/contract';
import type { DisputeDetail } from '../../src-preload/contract/disputes';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { invoke } from '../ipc/client';
import { Money } from '../money/Money';
import { formatMoney } from '../../src-preload/contract/money';
import { mayHaveExecuted } from '../../src-preload/contract/write-outcome';

interface Props {
  scope: Scope;
  detail: DisputeDetail;
  online: boolean;
  onAccepted(detail: DisputeDetail): void;
}

/** What the user types in live mode: the amount as shown, without the currency symbol. */
const typedAmount = (amount: number, currency: string) => formatMoney(amount, currency).replace(/[^\d.,]/g, '');

/** Accepting (Stripe `close`) is irreversible: the dialog says what it costs; live mode asks for the amount typed. */
export function AcceptDispute({ scope, detail, online, onAccepted }: Props) {
  const [intentId, setIntentId] = useState<string | null>(null);
  // An acceptance whose outcome is unknown may have happened: opening the dialog again retries that same one.
  const [unresolved, setUnresolved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleError | null>(null);
  const { row, fee } = detail;
  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      onAccepted(await invoke('disputes.accept', { scope, disputeId: row.id, intentId: intentId! }));
      setIntentId(null);
      setUnresolved(null);
    } catch (err) {
      setError(err as ConsoleError);
      if (mayHaveExecuted(err as ConsoleError)) setUnresolved(intentId);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={!!detail.acceptBlockedReason}
        title={detail.acceptBlockedReason ?? 'Accept the dispute and lose the disputed amount'}
        onClick={() => {
          setError(null);
          setIntentId(unresolved ?? crypto.randomUUID());
        }}
        data-testid="accept-dispute"
      >
        Accept dispute…
      </button>
      {/* Mounted only while open: ConfirmDialog titles share one element id, so two mounted dialogs would share a name. */}
      {intentId !== null ? (
        <ConfirmDialog
          open={intentId !== null}
          title="Accept this dispute?"
          confirmLabel="Accept dispute"
          danger
          busy={busy}
          error={error}
          disabledReason={online ? null : 'Offline: accepting needs Stripe. Nothing has been sent.'}
          typedConfirmation={scope.mode === 'live' ? typedAmount(row.amount, row.currency) : null}
          onConfirm={() => void accept()}
          onCancel={() => setIntentId(null)}
        >
          {row.status === 'warning_needs_response' ? (
            <p>
              <strong>This is irreversible.</strong> The inquiry closes without a response: you can’t send evidence for
              it afterwards, and the cardholder’s bank may still turn it into a chargeback for the full amount.
            </p>
          ) : (
            <p>
              <strong>This is irreversible.</strong> The dispute closes as lost: you can’t submit evidence afterwards
              and the bank keeps the funds.
            </p>
          )}
          <dl className="accept-cost">
            <dt>{row.status === 'warning_needs_response' ? 'Amount at stake' : 'Disputed amount, lost'}</dt>
            <dd>
              <Money amount={row.amount} currency={row.currency} />
            </dd>
            <dt>Dispute fee</dt>
            <dd>
              {fee ? (
                <Money amount={fee.amount} currency={fee.currency} />
              ) : (
                'Not known here — see the dispute in the Stripe Dashboard.'
              )}
            </dd>
          </dl>
          {fee && fee.currency === row.currency ? (
            <p>
              Total cost: <Money amount={row.amount + fee.amount} currency={row.currency} />
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
