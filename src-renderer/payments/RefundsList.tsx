import { useState } from 'react';
import type { RefundRow, Scope } from '../../src-preload/contract';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useMutationCall } from '../ipc/client';
import { Money } from '../money/Money';
import { StatusBadge } from '../ui/payment-badges';
import { useOfflineReason } from '../app/live-data';
import { MONEY_MOVED } from '../ipc/money-moved';
import { When } from '../ui/time';
import { humanLabel, optionalLabel } from '../ui/labels';

/** Statuses Stripe may still change. */
const UNSETTLED = new Set(['pending', 'requires_action']);

/** Refunds with their live status; a waiting refund can be re-checked, one needing customer action cancelled. */
export function RefundsList({ scope, refunds }: { scope: Scope; refunds: RefundRow[] }) {
  const [cancelling, setCancelling] = useState<RefundRow | null>(null);
  const refresh = useMutationCall('refunds.refresh', MONEY_MOVED);
  if (refunds.length === 0) return <p className="hint">No refunds.</p>;
  // Notes are rare: an always-empty column would squeeze the ones that say something.
  const withNotes = refunds.some((r) => r.note);
  return (
    <>
      <table className="data-table" data-testid="refunds">
        <thead>
          <tr>
            <th>Refund</th>
            <th className="amount">Amount</th>
            <th>Status</th>
            <th>Reason</th>
            {withNotes ? <th>Note</th> : null}
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {refunds.map((r) => (
            <tr key={r.id} data-refund-id={r.id}>
              <td className="mono">
                <span className="cut-id" title={r.id}>
                  {r.id}
                </span>
              </td>
              <td className="amount">
                <Money amount={r.amount} currency={r.currency} />
              </td>
              <td>
                <StatusBadge status={r.status} />
                {r.failureReason ? <span className="hint"> {humanLabel(r.failureReason)}</span> : null}
              </td>
              <td>{optionalLabel(r.reason)}</td>
              {withNotes ? <td title={r.note ?? ''}>{r.note ?? ''}</td> : null}
              <td className="nowrap">
                <When seconds={r.created} />
              </td>
              <td className="row-actions">
                {UNSETTLED.has(r.status ?? '') ? (
                  <button
                    type="button"
                    className="secondary small"
                    disabled={refresh.isPending}
                    onClick={() => refresh.mutate({ scope, refundId: r.id })}
                  >
                    Check status
                  </button>
                ) : null}
                {r.status === 'requires_action' ? (
                  <button type="button" className="secondary small" onClick={() => setCancelling(r)}>
                    Cancel refund
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cancelling ? <CancelRefundDialog scope={scope} refund={cancelling} onClose={() => setCancelling(null)} /> : null}
    </>
  );
}

function CancelRefundDialog({ scope, refund, onClose }: { scope: Scope; refund: RefundRow; onClose(): void }) {
  const [intentId] = useState(() => crypto.randomUUID());
  const cancel = useMutationCall('refunds.cancel', MONEY_MOVED);
  const offline = useOfflineReason();
  return (
    <ConfirmDialog
      open
      title="Cancel this refund?"
      confirmLabel="Cancel refund"
      danger
      busy={cancel.isPending}
      error={cancel.error}
      disabledReason={offline}
      onConfirm={() => cancel.mutate({ scope, refundId: refund.id, intentId }, { onSuccess: onClose })}
      onCancel={onClose}
    >
      <p>
        Refund <span className="mono">{refund.id}</span> of <Money amount={refund.amount} currency={refund.currency} />{' '}
        is waiting for the customer. Cancelling it gives the amount back to the payment; the customer receives nothing.
      </p>
    </ConfirmDialog>
  );
}
