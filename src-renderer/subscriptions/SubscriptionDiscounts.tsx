import { useState } from 'react';
import type { DiscountInput, DiscountSummary, Scope, SubscriptionDetail } from '../../src-preload/contract';
import { formatMoney } from '../../src-preload/contract/money';
import { allowsNewRequest, mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { rememberDeniedWrite, useWriteBlock } from '../app/use-write-block';
import { useCall, useMutationCall } from '../ipc/client';
import { formatDate } from './subscription-format';

const CHANGED = ['subscriptions.discounts', 'subscriptions.get', 'subscriptions.list', 'activity.list'] as const;
const LIVE = ['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete'];

/** "20% off, forever", "USD 5.00 off, for 3 months": a discount as the customer would hear it. */
export function discountInWords(d: DiscountSummary): string {
  const off =
    d.percentOff !== null
      ? `${d.percentOff}% off`
      : d.amountOff !== null && d.currency
        ? `${formatMoney(d.amountOff, d.currency)} off`
        : 'A discount';
  const how =
    d.duration === 'forever'
      ? 'on every invoice'
      : d.duration === 'once'
        ? 'on the next invoice only'
        : `for ${d.durationInMonths ?? '?'} months${d.end ? `, until ${formatDate(d.end)}` : ''}`;
  return `${off} ${how}`;
}

/** The subscription's discount (coupon or promotion code), with apply and remove, each confirmed and exactly once. */
export function SubscriptionDiscounts({
  scope,
  subscription: sub,
}: {
  scope: Scope;
  subscription: SubscriptionDetail;
}) {
  const [open, setOpen] = useState<'apply' | 'remove' | null>(null);
  const current = useCall('subscriptions.discounts', { scope, id: sub.id });
  const block = useWriteBlock(scope, 'subscription', 'discounts');
  if (!LIVE.includes(sub.status)) return null;
  const discounts = current.data?.discounts ?? [];
  return (
    <section className="subscription-discounts" aria-label="Discount" data-testid="subscription-discounts">
      <h3>Discount</h3>
      {current.isPending ? <p className="hint">Reading the discount from Stripe…</p> : null}
      {current.error ? (
        <p className="hint" role="alert">
          The discount couldn’t be read from Stripe: {current.error.message}{' '}
          <button type="button" className="link" onClick={() => void current.refetch()}>
            Try again
          </button>
        </p>
      ) : null}
      {current.data && discounts.length === 0 ? <p className="hint">No discount.</p> : null}
      <ul className="plain-list">
        {discounts.map((d) => (
          <li key={d.id ?? d.couponId}>
            <strong>{d.name ?? d.couponId}</strong> — {discountInWords(d)}
            {d.promotionCode ? <span className="hint"> · code {d.promotionCode}</span> : null}
          </li>
        ))}
      </ul>
      <div className="toolbar">
        <button
          type="button"
          className="secondary"
          disabled={!!block}
          title={block ?? ''}
          onClick={() => setOpen('apply')}
        >
          {discounts.length ? 'Replace discount…' : 'Apply coupon or code…'}
        </button>
        {discounts.length ? (
          <button
            type="button"
            className="secondary"
            disabled={!!block}
            title={block ?? ''}
            onClick={() => setOpen('remove')}
          >
            Remove discount…
          </button>
        ) : null}
      </div>
      {open === 'apply' ? (
        <ApplyDiscountDialog scope={scope} sub={sub} replacing={discounts} onClose={() => setOpen(null)} />
      ) : null}
      {open === 'remove' ? (
        <RemoveDiscountDialog scope={scope} sub={sub} discounts={discounts} onClose={() => setOpen(null)} />
      ) : null}
    </section>
  );
}

function ApplyDiscountDialog({
  scope,
  sub,
  replacing,
  onClose,
}: {
  scope: Scope;
  sub: SubscriptionDetail;
  replacing: DiscountSummary[];
  onClose(): void;
}) {
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const [kind, setKind] = useState<DiscountInput['kind']>('promotion_code');
  const [text, setText] = useState('');
  const apply = useMutationCall('subscriptions.applyDiscount', [...CHANGED]);
  const block = useWriteBlock(scope, 'subscription', 'discounts');
  const locked = !!apply.error && mayHaveExecuted(apply.error);
  const value = text.trim();
  const invalid = value
    ? kind === 'promotion_code' && !/^[A-Za-z0-9_-]+$/.test(value)
      ? 'A promotion code has letters, digits, - and _ only.'
      : null
    : kind === 'promotion_code'
      ? 'Type the code the customer has, e.g. THANKYOU.'
      : 'Type the coupon’s id, e.g. LOYAL20.';
  const discount: DiscountInput = kind === 'coupon' ? { kind, coupon: value } : { kind, code: value };
  return (
    <ConfirmDialog
      open
      title={replacing.length ? 'Replace the discount' : 'Apply a discount'}
      confirmLabel="Apply"
      busy={apply.isPending}
      error={apply.error}
      disabledReason={block ?? invalid}
      onConfirm={() =>
        apply.mutate(
          { scope, id: sub.id, intentId, discount },
          {
            onSuccess: onClose,
            onError: (e) => {
              rememberDeniedWrite(scope, e, 'rak_subscription_write');
              if (allowsNewRequest(e)) setIntentId(crypto.randomUUID());
            },
          },
        )
      }
      onCancel={onClose}
    >
      <div data-testid="apply-discount-dialog">
        <fieldset disabled={apply.isPending || locked}>
          <legend>What the customer gave you</legend>
          <label className="inline">
            <input
              type="radio"
              name="discount-kind"
              checked={kind === 'promotion_code'}
              onChange={() => setKind('promotion_code')}
            />{' '}
            A promotion code (as printed, any case)
          </label>
          <label className="inline">
            <input type="radio" name="discount-kind" checked={kind === 'coupon'} onChange={() => setKind('coupon')} /> A
            coupon id (from Stripe)
          </label>
        </fieldset>
        <label>
          {kind === 'coupon' ? 'Coupon id' : 'Promotion code'}
          <input value={text} onChange={(e) => setText(e.target.value)} disabled={apply.isPending || locked} />
        </label>
        <p className="hint">
          It applies from the next invoice on.
          {replacing.length ? ` It replaces ${replacing.map((d) => d.name ?? d.couponId).join(', ')}.` : ''}
        </p>
        {locked ? <p className="hint">Stripe didn’t answer. Trying again sends the same change.</p> : null}
      </div>
    </ConfirmDialog>
  );
}

function RemoveDiscountDialog({
  scope,
  sub,
  discounts,
  onClose,
}: {
  scope: Scope;
  sub: SubscriptionDetail;
  discounts: DiscountSummary[];
  onClose(): void;
}) {
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const remove = useMutationCall('subscriptions.removeDiscount', [...CHANGED]);
  const block = useWriteBlock(scope, 'subscription', 'discounts');
  return (
    <ConfirmDialog
      open
      danger
      title="Remove the discount?"
      confirmLabel="Remove discount"
      busy={remove.isPending}
      error={remove.error}
      disabledReason={block}
      onConfirm={() =>
        remove.mutate(
          { scope, id: sub.id, intentId },
          {
            onSuccess: onClose,
            onError: (e) => {
              rememberDeniedWrite(scope, e, 'rak_subscription_write');
              if (allowsNewRequest(e)) setIntentId(crypto.randomUUID());
            },
          },
        )
      }
      onCancel={onClose}
    >
      <p>
        {discounts.map((d) => `${d.name ?? d.couponId} (${discountInWords(d)})`).join(', ')} stops applying: the next
        invoice is charged in full.
      </p>
    </ConfirmDialog>
  );
}
