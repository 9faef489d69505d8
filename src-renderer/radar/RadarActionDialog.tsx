import { useState } from 'react';
import type { Scope } from '../../src-preload/contract';
import { decimalAmount } from '../../src-preload/contract/money';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useOfflineReason } from '../app/live-data';
import { useMutationCall } from '../ipc/client';
import { MONEY_MOVED } from '../ipc/money-moved';

export type RadarAction =
  | { kind: 'warning-refund'; warningId: string }
  | { kind: 'review-approve'; reviewId: string }
  | { kind: 'review-refund'; reviewId: string; fraudulent: boolean };

const RADAR_CALLS = ['radar.warnings.list', 'radar.reviews.list', ...MONEY_MOVED] as const;

/**
 * Confirms one Radar action. Mounted when opened: its intent id is made then, so a double click or a retry after a
 * dropped connection sends the same request, which Stripe carries out once. Refunds in live mode need the amount typed.
 */
export function RadarActionDialog(props: {
  scope: Scope;
  action: RadarAction;
  title: string;
  confirmLabel: string;
  /** The refund's amount and currency, when the action moves money. */
  money: { amount: number; currency: string } | null;
  children: React.ReactNode;
  onDone(): void;
  onCancel(): void;
}) {
  const { scope, action, money } = props;
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const refundWarning = useMutationCall('radar.warnings.refund', [...RADAR_CALLS]);
  const approve = useMutationCall('radar.reviews.approve', [...RADAR_CALLS]);
  const refundReview = useMutationCall('radar.reviews.refund', [...RADAR_CALLS]);
  const mutation =
    action.kind === 'warning-refund' ? refundWarning : action.kind === 'review-approve' ? approve : refundReview;
  const offline = useOfflineReason();
  const options = {
    onSuccess: props.onDone,
    // Stripe answered with a refusal: anything sent next is a new intent.
    onError: (e: { retryable: boolean }) => {
      if (!e.retryable) setIntentId(crypto.randomUUID());
    },
  };
  const confirm = () => {
    if (action.kind === 'warning-refund')
      refundWarning.mutate({ scope, warningId: action.warningId, intentId }, options);
    else if (action.kind === 'review-approve') approve.mutate({ scope, reviewId: action.reviewId, intentId }, options);
    else refundReview.mutate({ scope, reviewId: action.reviewId, intentId, fraudulent: action.fraudulent }, options);
  };
  return (
    <ConfirmDialog
      open
      title={props.title}
      confirmLabel={props.confirmLabel}
      danger={money !== null}
      busy={mutation.isPending}
      error={mutation.error}
      typedConfirmation={scope.mode === 'live' && money ? decimalAmount(money.amount, money.currency) : null}
      disabledReason={offline}
      onConfirm={confirm}
      onCancel={props.onCancel}
    >
      {props.children}
      {mutation.error?.retryable ? (
        <p className="hint">Stripe didn’t answer. Trying again sends the same request: it can’t happen twice.</p>
      ) : null}
    </ConfirmDialog>
  );
}
