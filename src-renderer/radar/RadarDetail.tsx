import { useState } from 'react';
import type { RadarCharge, RadarCustomer, ReviewRow, Scope, WarningRow } from '../../src-preload/contract';
import { formatMoney } from '../../src-preload/contract/money';
import { CloseButton } from '../app/CloseButton';
import { useUi } from '../app/ui-store';
import { Money } from '../money/Money';
import { When } from '../ui/time';
import { cardLabel, FRAUD_TYPE_LABELS, labelIn, REVIEW_REASON_LABELS, RISK_LEVEL_LABELS } from '../ui/labels';
import { RadarActionDialog, type RadarAction } from './RadarActionDialog';

const refundable = (c: RadarCharge | null) => (c ? c.amount - c.amountRefunded : 0);

function PaymentFacts({ charge, customer }: { charge: RadarCharge | null; customer: RadarCustomer | null }) {
  const drillDown = useUi((s) => s.drillDown);
  return (
    <dl className="facts">
      <dt>Payment</dt>
      <dd>
        {charge ? (
          <>
            <Money amount={charge.amount} currency={charge.currency} /> · {charge.id}
            {charge.card ? ` · ${cardLabel(charge.card.brand, charge.card.last4)}` : ''}
            {charge.amountRefunded > 0 ? (
              <>
                {' '}
                · refunded <Money amount={charge.amountRefunded} currency={charge.currency} />
              </>
            ) : null}
            {charge.disputed ? ' · disputed' : ''}
          </>
        ) : (
          'Not synced yet'
        )}
      </dd>
      <dt>Risk</dt>
      <dd>
        {charge?.riskLevel
          ? `${labelIn(RISK_LEVEL_LABELS, charge.riskLevel)}${charge.riskScore !== null ? ` (score ${charge.riskScore})` : ''}`
          : '—'}
      </dd>
      <dt>Customer</dt>
      <dd>
        {customer ? (
          <button type="button" className="link" onClick={() => drillDown('customers', customer.id)}>
            {customer.name ?? customer.email ?? customer.id}
          </button>
        ) : (
          '—'
        )}
        {customer?.email && customer.name ? ` · ${customer.email}` : ''}
      </dd>
    </dl>
  );
}

/** One warning: what the issuer reported, the payment, and the one-step refund while it still helps. */
export function WarningDetail({ scope, warning, onClose }: { scope: Scope; warning: WarningRow; onClose(): void }) {
  const [open, setOpen] = useState(false);
  const charge = warning.charge;
  const amount = refundable(charge);
  return (
    <div className="finance-detail" data-testid="warning-detail">
      <div className="detail-header">
        <h2>{labelIn(FRAUD_TYPE_LABELS, warning.fraudType)}</h2>
        <CloseButton label="Close warning" onClick={onClose} />
      </div>
      <p className="hint">
        Early fraud warning {warning.id}, received <When seconds={warning.created} />. The card issuer reported this
        payment as fraud; refunding now usually prevents a dispute and its fee.
      </p>
      <PaymentFacts charge={charge} customer={warning.customer} />
      {warning.actionable && charge ? (
        <button type="button" className="danger" onClick={() => setOpen(true)} data-testid="warning-refund">
          Refund {formatMoney(amount, charge.currency)}…
        </button>
      ) : (
        <p className="hint">No action needed: the payment is already refunded or disputed.</p>
      )}
      {open && charge ? (
        <RadarActionDialog
          scope={scope}
          action={{ kind: 'warning-refund', warningId: warning.id }}
          title="Refund this payment before it is disputed?"
          confirmLabel={`Refund ${formatMoney(amount, charge.currency)}`}
          money={{ amount, currency: charge.currency }}
          onDone={() => setOpen(false)}
          onCancel={() => setOpen(false)}
        >
          <p>
            Refunds the rest of {charge.id} to the customer as fraudulent. The money goes back to the card; it can’t be
            undone.
          </p>
        </RadarActionDialog>
      ) : null}
    </div>
  );
}

const REVIEW_ACTIONS = {
  approve: { title: 'Approve this payment?', confirm: 'Approve' },
  refund: { title: 'Refund this payment?', confirm: 'Refund' },
  fraud: { title: 'Refund as fraudulent?', confirm: 'Refund as fraud' },
} as const;

/** One review: why Radar held the payment, and the three ways to close it. */
export function ReviewDetail({ scope, review, onClose }: { scope: Scope; review: ReviewRow; onClose(): void }) {
  const [open, setOpen] = useState<keyof typeof REVIEW_ACTIONS | null>(null);
  const charge = review.charge;
  const amount = refundable(charge);
  const action: RadarAction | null =
    open === 'approve'
      ? { kind: 'review-approve', reviewId: review.id }
      : open
        ? { kind: 'review-refund', reviewId: review.id, fraudulent: open === 'fraud' }
        : null;
  return (
    <div className="finance-detail" data-testid="review-detail">
      <div className="detail-header">
        <h2>Review {review.open ? 'open' : `closed — ${labelIn(REVIEW_REASON_LABELS, review.closedReason)}`}</h2>
        <CloseButton label="Close review" onClick={onClose} />
      </div>
      <p className="hint">
        {review.id}, opened <When seconds={review.created} />: {labelIn(REVIEW_REASON_LABELS, review.openedReason)}
        {review.ipCountry ? ` · paid from ${review.ipCountry}` : ''}.
      </p>
      <PaymentFacts charge={charge} customer={review.customer} />
      {review.open ? (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setOpen('approve')} data-testid="review-approve">
            Approve…
          </button>
          <button type="button" className="secondary" onClick={() => setOpen('refund')} disabled={amount <= 0}>
            Refund…
          </button>
          <button type="button" className="danger" onClick={() => setOpen('fraud')} disabled={amount <= 0}>
            Refund as fraud…
          </button>
        </div>
      ) : null}
      {open && action ? (
        <RadarActionDialog
          scope={scope}
          action={action}
          title={REVIEW_ACTIONS[open].title}
          confirmLabel={
            open === 'approve' || !charge
              ? REVIEW_ACTIONS[open].confirm
              : `${REVIEW_ACTIONS[open].confirm} ${formatMoney(amount, charge.currency)}`
          }
          money={open === 'approve' || !charge ? null : { amount, currency: charge.currency }}
          onDone={() => setOpen(null)}
          onCancel={() => setOpen(null)}
        >
          <p>
            {open === 'approve'
              ? 'Closes the review and keeps the payment. Radar learns this customer is genuine.'
              : open === 'fraud'
                ? 'Refunds the payment in full and tells Radar it was fraud: the card and email are blocked from now on.'
                : 'Refunds the payment in full and closes the review. It can’t be undone.'}
          </p>
        </RadarActionDialog>
      ) : null}
    </div>
  );
}
