import { useState } from 'react';
import type { ChangePreview, PlanChange, ProrationChoice, Scope, SubscriptionDetail } from '../../src-preload/contract';
import { decimalAmount, formatMoney } from '../../src-preload/contract/money';
import { mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { ErrorState } from '../app/states';
import { useCall, useMutationCall } from '../ipc/client';
import { rememberDeniedWrite, useWriteBlock } from '../app/use-write-block';
import { formatDay } from '../ui/time';
import './subscription-changes.css';

const CHANGED = ['subscriptions.list', 'subscriptions.get', 'customers.get', 'activity.list'] as const;

/** The proration choice in plain words. */
export const PRORATION_WORDS: Record<ProrationChoice, string> = {
  create_prorations:
    'Adjust on the next invoice: credit the unused part of the current plan and charge the new plan for the rest of this period, on the next invoice.',
  always_invoice:
    'Adjust and charge now: the same difference goes on an invoice today, charged to the subscription’s card straight away.',
  none: 'No adjustment: the customer keeps paying the current amount until the next renewal, then the new one.',
};

type Open = 'plan' | 'trial' | 'card' | 'cancel_refund' | null;

/** Plan, trial, default card and "cancel and refund" — beside the subscription's other actions. */
export function SubscriptionChanges({ scope, subscription: sub }: { scope: Scope; subscription: SubscriptionDetail }) {
  const [open, setOpen] = useState<Open>(null);
  const block = useWriteBlock(scope, 'subscription', 'subscription changes');
  const live = ['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete'].includes(sub.status);
  if (!live) return null;
  const button = (kind: Exclude<Open, null>, label: string, danger = false) => (
    <button
      type="button"
      className={danger ? 'danger' : 'secondary'}
      disabled={!!block}
      title={block ?? undefined}
      onClick={() => setOpen(kind)}
    >
      {label}
    </button>
  );
  const close = () => setOpen(null);
  return (
    <div className="subscription-changes" data-testid="subscription-changes">
      {button('plan', 'Change plan or quantity…')}
      {sub.status === 'trialing' ? button('trial', 'Trial…') : null}
      {button('card', 'Default card…')}
      {button('cancel_refund', 'Cancel and refund…', true)}
      {block ? <p className="hint disabled-reason">{block}</p> : null}
      {open === 'plan' ? <PlanDialog scope={scope} sub={sub} onClose={close} /> : null}
      {open === 'trial' ? <TrialDialog scope={scope} sub={sub} onClose={close} /> : null}
      {open === 'card' ? <CardDialog scope={scope} sub={sub} onClose={close} /> : null}
      {open === 'cancel_refund' ? <CancelRefundDialog scope={scope} sub={sub} onClose={close} /> : null}
    </div>
  );
}

interface DialogProps {
  scope: Scope;
  sub: SubscriptionDetail;
  onClose(): void;
}

/** One confirmed change: its intent id lives as long as the dialog, and a refusal makes the next try a new one. */
function useChange(scope: Scope) {
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const mutation = useMutationCall('subscriptions.change', [...CHANGED]);
  const onError = (e: NonNullable<typeof mutation.error>) => {
    rememberDeniedWrite(scope, e, 'rak_subscription_write');
    if (!mayHaveExecuted(e)) setIntentId(crypto.randomUUID());
  };
  return { intentId, mutation, onError };
}

function PlanDialog({ scope, sub, onClose }: DialogProps) {
  const item = sub.items[0];
  const options = useCall('subscriptions.changeOptions', { scope, id: sub.id });
  const [priceId, setPriceId] = useState(item?.priceId ?? '');
  const [quantityText, setQuantityText] = useState(String(item?.quantity ?? 1));
  const [proration, setProration] = useState<ProrationChoice>('create_prorations');
  const preview = useMutationCall('subscriptions.previewChange');
  const { intentId, mutation, onError } = useChange(scope);
  const block = useWriteBlock(scope, 'subscription', 'subscription changes');
  const quantity = /^\d+$/.test(quantityText.trim()) ? Number(quantityText) : NaN;
  const invalid =
    !Number.isInteger(quantity) || quantity < 1 || quantity > 10_000
      ? 'Enter a whole quantity from 1 to 10,000.'
      : null;
  const unchanged =
    priceId === item?.priceId && quantity === item?.quantity ? 'Choose another plan or quantity.' : null;
  const plan: PlanChange = { quantity, proration, ...(priceId && priceId !== item?.priceId ? { priceId } : {}) };
  const read: ChangePreview | undefined =
    preview.data && JSON.stringify(preview.variables?.change) === JSON.stringify(plan) ? preview.data : undefined;
  const money = (minor: number) => formatMoney(minor, sub.currency);
  const charge = read && read.prorationTotal > 0 ? read.prorationTotal : 0;
  return (
    <ConfirmDialog
      open
      title="Change plan or quantity"
      confirmLabel="Confirm change"
      busy={mutation.isPending}
      error={mutation.error}
      typedConfirmation={scope.mode === 'live' && charge ? decimalAmount(charge, sub.currency) : null}
      disabledReason={block ?? invalid ?? unchanged ?? (read ? null : 'Preview the change first.')}
      onConfirm={() =>
        read &&
        mutation.mutate(
          { scope, id: sub.id, intentId, change: { kind: 'plan', ...plan, prorationDate: read.prorationDate } },
          { onSuccess: onClose, onError },
        )
      }
      onCancel={onClose}
    >
      <div className="plan-form" data-testid="plan-dialog">
        <label>
          Plan
          <select value={priceId} onChange={(e) => setPriceId(e.target.value)} disabled={mutation.isPending}>
            {(options.data?.prices ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.label} — {p.unitAmount !== null ? money(p.unitAmount) : 'metered'} / {p.interval ?? '?'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Quantity
          <input
            value={quantityText}
            inputMode="numeric"
            aria-label="Quantity"
            onChange={(e) => setQuantityText(e.target.value)}
            disabled={mutation.isPending}
          />
        </label>
        {invalid ? <p className="field-error">{invalid}</p> : null}
        <fieldset>
          <legend>Billing for the rest of this period</legend>
          {(Object.keys(PRORATION_WORDS) as ProrationChoice[]).map((choice) => (
            <label key={choice} className="inline">
              <input
                type="radio"
                name="proration"
                checked={proration === choice}
                onChange={() => setProration(choice)}
                disabled={mutation.isPending}
              />
              {PRORATION_WORDS[choice]}
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          className="secondary"
          disabled={!!invalid || !!unchanged || preview.isPending || !!block}
          onClick={() => preview.mutate({ scope, id: sub.id, change: plan })}
        >
          {preview.isPending ? 'Asking Stripe…' : 'Preview the next invoice'}
        </button>
        <ErrorState error={preview.error} />
        {read ? (
          <div className="preview" data-testid="change-preview">
            <strong>
              Next invoice{read.nextInvoiceDate ? ` (${formatDay(read.nextInvoiceDate)})` : ''}:{' '}
              {money(read.nextInvoiceTotal)}
            </strong>
            <ul>
              {read.lines.map((l, i) => (
                <li key={i}>
                  {l.description ?? 'Line'}: {money(l.amount)}{' '}
                  {l.proration ? <span className="hint">(adjustment)</span> : null}
                </li>
              ))}
            </ul>
            <p className="hint">
              {read.prorationTotal > 0
                ? `The customer pays ${money(read.prorationTotal)} more for the rest of this period.`
                : read.prorationTotal < 0
                  ? `The customer is credited ${money(-read.prorationTotal)} for the rest of this period.`
                  : 'No adjustment for the rest of this period.'}
            </p>
          </div>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}

function TrialDialog({ scope, sub, onClose }: DialogProps) {
  const [days, setDays] = useState('7');
  const [mode, setMode] = useState<'extend' | 'end'>('extend');
  const { intentId, mutation, onError } = useChange(scope);
  const base = Math.max(sub.trialEnd ?? 0, Math.floor(Date.now() / 1000));
  const extra = /^\d+$/.test(days) ? Number(days) : NaN;
  const until = base + extra * 86400;
  const invalid = mode === 'extend' && !(extra >= 1 && extra <= 730) ? 'Extend by 1 to 730 days.' : null;
  return (
    <ConfirmDialog
      open
      title="Extend or end the trial"
      confirmLabel={mode === 'end' ? 'End trial now' : `Extend to ${formatDay(until)}`}
      busy={mutation.isPending}
      error={mutation.error}
      disabledReason={invalid}
      onConfirm={() =>
        mutation.mutate(
          { scope, id: sub.id, intentId, change: { kind: 'trial', trialEnd: mode === 'end' ? 'now' : until } },
          { onSuccess: onClose, onError },
        )
      }
      onCancel={onClose}
    >
      <p>Trial ends {sub.trialEnd ? formatDay(sub.trialEnd) : '—'}.</p>
      <label className="inline">
        <input type="radio" checked={mode === 'extend'} onChange={() => setMode('extend')} /> Extend by
        <input
          value={days}
          onChange={(e) => setDays(e.target.value)}
          aria-label="Days"
          inputMode="numeric"
          size={4}
        />{' '}
        days
      </label>
      <label className="inline">
        <input type="radio" checked={mode === 'end'} onChange={() => setMode('end')} /> End the trial now: billing
        starts today and the first invoice is charged.
      </label>
    </ConfirmDialog>
  );
}

function CardDialog({ scope, sub, onClose }: DialogProps) {
  const options = useCall('subscriptions.changeOptions', { scope, id: sub.id });
  const cards = options.data?.cards ?? [];
  const [card, setCard] = useState('');
  const { intentId, mutation, onError } = useChange(scope);
  return (
    <ConfirmDialog
      open
      title="Default card for this subscription"
      confirmLabel="Use this card"
      busy={mutation.isPending}
      error={mutation.error}
      disabledReason={
        options.isSuccess && cards.length === 0 ? 'The customer has no saved card.' : card ? null : 'Choose a card.'
      }
      onConfirm={() =>
        mutation.mutate(
          { scope, id: sub.id, intentId, change: { kind: 'default_payment_method', paymentMethodId: card } },
          { onSuccess: onClose, onError },
        )
      }
      onCancel={onClose}
    >
      <label>
        Card charged for this subscription’s invoices
        <select value={card} onChange={(e) => setCard(e.target.value)}>
          <option value="">Choose…</option>
          {cards.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
              {c.isDefault ? ' (current)' : ''}
            </option>
          ))}
        </select>
      </label>
    </ConfirmDialog>
  );
}

function CancelRefundDialog({ scope, sub, onClose }: DialogProps) {
  const options = useCall('subscriptions.changeOptions', { scope, id: sub.id });
  const [ids] = useState(() => ({ cancelIntentId: crypto.randomUUID(), refundIntentId: crypto.randomUUID() }));
  const mutation = useMutationCall('subscriptions.cancelAndRefund', [...CHANGED, 'payments.get', 'payments.list']);
  const block = useWriteBlock(scope, 'subscription', 'subscription changes');
  const last = options.data?.lastPayment ?? null;
  const money = (minor: number) => formatMoney(minor, last?.currency ?? sub.currency);
  return (
    <ConfirmDialog
      open
      danger
      title="Cancel now and refund the last payment"
      confirmLabel={last ? `Cancel and refund ${money(last.refundable)}` : 'Cancel and refund'}
      busy={mutation.isPending}
      error={mutation.error}
      typedConfirmation={scope.mode === 'live' && last ? decimalAmount(last.refundable, last.currency) : null}
      disabledReason={
        block ?? (options.isSuccess && !last ? 'The customer has no payment that can be refunded: cancel only.' : null)
      }
      onConfirm={() =>
        last &&
        mutation.mutate(
          { scope, id: sub.id, ...ids, chargeId: last.chargeId, amount: last.refundable },
          { onSuccess: onClose, onError: (e) => rememberDeniedWrite(scope, e, 'rak_subscription_write') },
        )
      }
      onCancel={onClose}
    >
      <ol>
        <li>The subscription ends now; nothing more is billed.</li>
        <li>
          {last ? (
            <>
              The customer’s last payment, {money(last.amount)} on {formatDay(last.created)}, is refunded:{' '}
              <strong>{money(last.refundable)}</strong> back to their card.
            </>
          ) : (
            'Looking for the last payment…'
          )}
        </li>
      </ol>
      <p className="hint">
        The refund is sent only after Stripe confirms the cancellation. If the connection drops in between, trying again
        finishes what is left without doing either twice.
      </p>
    </ConfirmDialog>
  );
}
