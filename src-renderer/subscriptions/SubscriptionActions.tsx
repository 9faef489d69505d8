import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type {
  PauseBehavior,
  Scope,
  SubscriptionAction,
  SubscriptionActionKind,
  SubscriptionRow,
} from '../../src-preload/contract';
import { PAUSE_BEHAVIORS } from '../../src-preload/contract/subscriptions';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useMutationCall } from '../ipc/client';
import { formatMoney } from '../../src-preload/contract/money';
import { formatDate } from './subscription-format';
import { rememberDenied, useActionBlock } from './use-action-block';
import { humanLabel } from '../ui/labels';

const BUTTONS: { kind: SubscriptionActionKind; label: string; shown(row: SubscriptionRow): boolean }[] = [
  { kind: 'cancel_at_period_end', label: 'Cancel at period end', shown: (r) => !r.cancelAtPeriodEnd },
  { kind: 'undo_cancel_at_period_end', label: 'Don’t cancel at period end', shown: (r) => r.cancelAtPeriodEnd },
  { kind: 'cancel_now', label: 'Cancel now…', shown: () => true },
  { kind: 'pause_collection', label: 'Pause collection…', shown: (r) => !r.pause },
  { kind: 'resume_collection', label: 'Resume collection', shown: (r) => r.pause !== null },
  { kind: 'resume', label: 'Resume subscription', shown: (r) => r.status === 'paused' },
];

export const PAUSE_EXPLANATIONS: Record<PauseBehavior, string> = {
  keep_as_draft:
    'Invoices are still created but stay drafts: nothing is charged. On resume you can finalize and collect them.',
  mark_uncollectible:
    'Invoices are finalized and marked uncollectible at once: the customer is not charged for the paused periods.',
  void: 'Invoices are finalized and voided: the paused periods are free.',
};

interface DialogState {
  kind: SubscriptionActionKind;
  /** One per opening of the dialog: a double click or a resend of this confirmation reuses it. */
  intentId: string;
}

/** The confirmed actions on one subscription, disabled with the reason when its state, the network or the key rules them out. */
export function SubscriptionActions({ scope, subscription }: { scope: Scope; subscription: SubscriptionRow }) {
  const block = useActionBlock(scope);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const shown = BUTTONS.filter((b) => b.shown(subscription));
  const allRuledOut = shown.every((b) => subscription.actions[b.kind] !== null);
  return (
    <div className="subscription-actions">
      <div className="action-buttons" role="group" aria-label="Subscription actions">
        {shown.map(({ kind, label }) => {
          const reason = subscription.actions[kind] ?? block;
          return (
            <button
              key={kind}
              type="button"
              className={kind === 'cancel_now' ? 'danger' : 'secondary'}
              disabled={reason !== null}
              title={reason ?? undefined}
              onClick={() => setDialog({ kind, intentId: crypto.randomUUID() })}
            >
              {label}
            </button>
          );
        })}
      </div>
      {allRuledOut ? (
        <p className="hint">{subscription.actions.cancel_now}</p>
      ) : block ? (
        <p className="hint action-block">{block}</p>
      ) : null}
      {dialog ? (
        <ActionDialog
          key={dialog.intentId}
          scope={scope}
          subscription={subscription}
          dialog={dialog}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}

function ActionDialog({
  scope,
  subscription,
  dialog,
  onClose,
}: {
  scope: Scope;
  subscription: SubscriptionRow;
  dialog: DialogState;
  onClose(): void;
}) {
  const queryClient = useQueryClient();
  const block = useActionBlock(scope);
  const mutation = useMutationCall('subscriptions.act', [
    'subscriptions.list',
    'activity.list',
    'activity.facets',
    'customers.get',
  ]);
  const [invoiceNow, setInvoiceNow] = useState(false);
  const [prorate, setProrate] = useState(false);
  const [comment, setComment] = useState('');
  const [behavior, setBehavior] = useState<PauseBehavior>('keep_as_draft');
  const [resumesOn, setResumesOn] = useState('');

  const action = (): SubscriptionAction => {
    switch (dialog.kind) {
      case 'cancel_now':
        return { kind: 'cancel_now', invoiceNow, prorate, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      case 'pause_collection':
        return {
          kind: 'pause_collection',
          behavior,
          resumesAt: resumesOn ? Math.floor(new Date(`${resumesOn}T00:00`).getTime() / 1000) : null,
        };
      default:
        return { kind: dialog.kind };
    }
  };

  const confirm = () =>
    mutation.mutate(
      { scope, id: subscription.id, intentId: dialog.intentId, action: action() },
      {
        onSuccess: (detail) => {
          queryClient.setQueryData(['subscriptions.get', { scope, id: subscription.id }], detail);
          onClose();
        },
        onError: (error) => rememberDenied(scope, error),
      },
    );

  const copy = COPY[dialog.kind];
  return (
    <ConfirmDialog
      open
      title={copy.title}
      confirmLabel={copy.confirm}
      danger={dialog.kind === 'cancel_now'}
      busy={mutation.isPending}
      error={mutation.error}
      disabledReason={block}
      typedConfirmation={scope.mode === 'live' && dialog.kind === 'cancel_now' ? 'CANCEL' : null}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>
        <span className="mono">{subscription.id}</span> —{' '}
        {subscription.customerName ?? subscription.customerEmail ?? subscription.customerId}
      </p>
      <p>{copy.explain(subscription)}</p>
      {dialog.kind === 'cancel_now' ? (
        <fieldset className="action-options">
          <label className="inline">
            <input type="checkbox" checked={prorate} onChange={(e) => setProrate(e.target.checked)} />
            {/* Stripe's parameter names stay on hover, for whoever reads the API docs; people read the words. */}
            <span title="prorate">
              <strong>Prorate</strong>: credit the customer for the unused time left in this period. Off: no credit.
            </span>
          </label>
          <label className="inline">
            <input type="checkbox" checked={invoiceNow} onChange={(e) => setInvoiceNow(e.target.checked)} />
            <span title="invoice_now">
              <strong>Final invoice now</strong>: invoice pending items and usage (and the proration credit) right away.
              Off: they are left uninvoiced.
            </span>
          </label>
          <label>
            <span title="cancellation_details[comment]">Note for Stripe (optional, kept on the cancellation)</span>
            <textarea value={comment} maxLength={500} rows={2} onChange={(e) => setComment(e.target.value)} />
          </label>
        </fieldset>
      ) : null}
      {dialog.kind === 'pause_collection' ? (
        <fieldset className="action-options">
          {PAUSE_BEHAVIORS.map((b) => (
            <label key={b} className="inline">
              <input
                type="radio"
                name="pause-behavior"
                value={b}
                checked={behavior === b}
                onChange={() => setBehavior(b)}
              />
              <span title={b}>
                <strong>{humanLabel(b)}</strong>: {PAUSE_EXPLANATIONS[b]}
              </span>
            </label>
          ))}
          <label>
            <span title="resumes_at">Resume automatically on (optional)</span>
            <input
              type="date"
              value={resumesOn}
              min={new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}
              onChange={(e) => setResumesOn(e.target.value)}
            />
          </label>
        </fieldset>
      ) : null}
    </ConfirmDialog>
  );
}

const nextAmount = (s: SubscriptionRow) =>
  s.nextInvoice
    ? `${formatMoney(s.nextInvoice.amount, s.nextInvoice.currency)} on ${formatDate(s.nextInvoice.date)}`
    : null;

const COPY: Record<SubscriptionActionKind, { title: string; confirm: string; explain(s: SubscriptionRow): string }> = {
  cancel_at_period_end: {
    title: 'Cancel at period end',
    confirm: 'Cancel at period end',
    explain: (s) =>
      `The subscription stays ${humanLabel(s.status).toLowerCase()} until ${formatDate(s.currentPeriodEnd)}, then ends without another invoice${
        nextAmount(s) ? ` (no ${nextAmount(s)})` : ''
      }. You can undo this until then.`,
  },
  undo_cancel_at_period_end: {
    title: 'Keep the subscription',
    confirm: 'Don’t cancel',
    explain: (s) =>
      `The scheduled cancellation is removed: the subscription renews on ${formatDate(s.currentPeriodEnd)} and invoices as before.`,
  },
  cancel_now: {
    title: 'Cancel now',
    confirm: 'Cancel subscription now',
    explain: () => 'The subscription ends immediately and cannot be restarted: a new one would have to be created.',
  },
  pause_collection: {
    title: 'Pause payment collection',
    confirm: 'Pause collection',
    explain: () => 'The subscription stays active and keeps its periods; only what happens to its invoices changes:',
  },
  resume_collection: {
    title: 'Resume payment collection',
    confirm: 'Resume collection',
    explain: (s) =>
      `Invoices are collected again from the next one${s.pause ? `; invoices made while paused keep their state (${s.pause.behavior})` : ''}.`,
  },
  resume: {
    title: 'Resume subscription',
    confirm: 'Resume subscription',
    explain: () =>
      'The subscription becomes active again and a new billing period starts today; Stripe invoices it as usual.',
  },
};
