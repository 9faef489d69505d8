import { useState } from 'react';
import { ExternalLink } from 'lucide-react';
import { CloseButton } from '../app/CloseButton';
import type { ChargeSummary, RefundResult, Scope } from '../../src-preload/contract';
import { ErrorState, Loading } from '../app/states';
import { useUi } from '../app/ui-store';
import { invoke, useCall } from '../ipc/client';
import { Money } from '../money/Money';
import { RefundDialog } from './RefundDialog';
import { RefundsList } from './RefundsList';
import { CancelPaymentDialog, CaptureDialog } from './CaptureDialogs';
import { ResendReceiptDialog, RetryWithCardDialog } from './PaymentFollowUps';
import { formatDay } from './dates';
import { refundedLabel } from './refunded-label';
import { When } from '../ui/time';
import { CopyButton, Email, isWideEmail } from '../ui/copy';
import { FailureExplanation, MoneyFlags, StatusBadge } from '../ui/payment-badges';
import { useOfflineReason, useRefreshOnSync } from '../app/live-data';
import { MONEY_MOVED } from '../ipc/money-moved';
import { cardLabel, humanLabel } from '../ui/labels';

type Action =
  | { kind: 'refund'; charge: ChargeSummary }
  | { kind: 'receipt'; charge: ChargeSummary }
  | { kind: 'capture' }
  | { kind: 'cancel' }
  | { kind: 'retry' }
  | null;

/** One payment: lifecycle, why it failed, its charges, refunds and disputes, and what can be done with it. */
export function PaymentDetail({
  scope,
  paymentIntentId,
  onClose,
}: {
  scope: Scope;
  paymentIntentId: string;
  onClose?(): void;
}) {
  const query = useCall('payments.get', { scope, paymentIntentId });
  const [action, setAction] = useState<Action>(null);
  const [done, setDone] = useState<RefundResult | null>(null);
  const offline = useOfflineReason();
  const navigate = useUi((s) => s.navigate);
  useRefreshOnSync(MONEY_MOVED);

  if (query.isPending) return <Loading label="Loading payment…" />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { payment, charges, refunds, disputes, dashboardUrl } = query.data;
  // A Refunded column of $0.00s would push the Refund… button out of a narrow pane.
  const anyRefunded = charges.some((c) => c.amountRefunded > 0);
  const openDispute = disputes.find((d) => !['won', 'lost', 'warning_closed'].includes(d.status)) ?? null;

  return (
    <section className="payment-detail panel" aria-label={`Payment ${payment.id}`} data-testid="payment-detail">
      <header className="detail-header">
        <div>
          <div className="detail-amount">
            <Money amount={payment.amount} currency={payment.currency} /> <StatusBadge status={payment.status} />{' '}
            <MoneyFlags payment={payment} />
          </div>
          <div className="mono hint">{payment.id}</div>
        </div>
        <div className="detail-links">
          <button
            type="button"
            className="secondary"
            onClick={() => void invoke('shell.openExternal', { url: dashboardUrl })}
          >
            Open in Stripe Dashboard <ExternalLink size={14} aria-hidden="true" />
          </button>
          {onClose ? <CloseButton label="Close payment" onClick={onClose} /> : null}
        </div>
      </header>

      <dl className="facts">
        <div>
          <dt>Created</dt>
          <dd>
            <When seconds={payment.created} />
          </dd>
        </div>
        <div className={isWideEmail(payment.email) ? 'wide-fact' : undefined}>
          <dt>Customer</dt>
          <dd className={payment.email ? 'copyable' : undefined}>
            {payment.customerId ? (
              <button type="button" className="link" onClick={() => navigate('customers', payment.customerId)}>
                {payment.email ? <Email address={payment.email} copy={false} /> : payment.customerId}
              </button>
            ) : payment.email ? (
              <Email address={payment.email} copy={false} />
            ) : (
              '—'
            )}{' '}
            {payment.email ? <CopyButton value={payment.email} what="email" /> : null}
          </dd>
        </div>
        <div>
          <dt>Card</dt>
          <dd>{payment.cardLast4 ? cardLabel(payment.cardBrand, payment.cardLast4) : '—'}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>
            <Money amount={payment.amountReceived} currency={payment.currency} />
          </dd>
        </div>
        {payment.description ? (
          <div>
            <dt>Description</dt>
            <dd>{payment.description}</dd>
          </div>
        ) : null}
      </dl>

      {payment.failure ? <FailureExplanation failure={payment.failure} /> : null}
      {done ? (
        <p className="notice" role="status">
          Refund <span className="mono">{done.refund.id}</span> of{' '}
          <Money amount={done.refund.amount} currency={done.refund.currency} /> —{' '}
          <StatusBadge status={done.refund.status} />
        </p>
      ) : null}

      {payment.status === 'requires_capture' ? (
        <div className="toolbar">
          <span>
            <Money amount={payment.amountCapturable} currency={payment.currency} /> authorised, not captured.
          </span>
          <button
            type="button"
            className="primary"
            disabled={!!offline}
            title={offline ?? ''}
            onClick={() => setAction({ kind: 'capture' })}
          >
            Capture…
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!!offline}
            title={offline ?? ''}
            onClick={() => setAction({ kind: 'cancel' })}
          >
            Cancel payment…
          </button>
        </div>
      ) : null}
      {payment.status === 'requires_payment_method' && payment.customerId ? (
        <div className="toolbar">
          <span>This payment failed: nothing was charged.</span>
          <button
            type="button"
            className="primary"
            disabled={!!offline}
            title={offline ?? ''}
            onClick={() => setAction({ kind: 'retry' })}
          >
            Retry with another card…
          </button>
        </div>
      ) : null}
      {offline ? <p className="hint disabled-reason">{offline}</p> : null}

      <h2>Charges</h2>
      {charges.length === 0 ? <p className="hint">No charge yet.</p> : null}
      {charges.length > 0 ? (
        <table className="data-table" data-testid="charges">
          <thead>
            <tr>
              <th className="charge-id">Charge</th>
              <th>Status</th>
              <th className="amount">Amount</th>
              {anyRefunded ? <th className="amount">Refunded</th> : null}
              <th className="amount">Refundable</th>
              <th>Card</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {charges.map((c) => (
              <tr key={c.id}>
                <td className="mono charge-id">
                  <span className="cut-id" title={c.id}>
                    {c.id}
                  </span>
                </td>
                <td>
                  <StatusBadge status={c.status} /> {c.disputed ? <span className="badge red">Disputed</span> : null}
                </td>
                <td className="amount">
                  <Money amount={c.amount} currency={c.currency} />
                </td>
                {anyRefunded ? (
                  <td className="amount">
                    <Money amount={c.amountRefunded} currency={c.currency} />
                  </td>
                ) : null}
                <td className="amount">
                  <Money amount={c.refundable} currency={c.currency} />
                </td>
                <td data-one-line>{c.cardLast4 ? cardLabel(c.cardBrand, c.cardLast4) : '—'}</td>
                <td className="row-actions">
                  {/* Nothing left to refund is a fact, not a button: a disabled red one read as pale pink on pink. */}
                  {c.captured && c.status === 'succeeded' && c.refundable === 0 ? (
                    <span className="hint">{refundedLabel(c, refunds)}</span>
                  ) : c.captured && c.status === 'succeeded' ? (
                    <button
                      type="button"
                      className="danger small"
                      disabled={!!offline}
                      title={offline ?? ''}
                      onClick={() => setAction({ kind: 'refund', charge: c })}
                    >
                      Refund…
                    </button>
                  ) : null}
                  {c.status === 'succeeded' ? (
                    <button
                      type="button"
                      className="secondary small"
                      disabled={!!offline}
                      title={offline ?? ''}
                      onClick={() => setAction({ kind: 'receipt', charge: c })}
                    >
                      Resend receipt…
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h2>Refunds</h2>
      <RefundsList scope={scope} refunds={refunds} />

      {disputes.length > 0 ? (
        <>
          <h2>Disputes</h2>
          <ul className="plain-list">
            {disputes.map((d) => (
              <li key={d.id}>
                <span className="mono">{d.id}</span> <StatusBadge status={d.status} />{' '}
                <Money amount={d.amount} currency={d.currency} /> {d.reason ? humanLabel(d.reason) : null}{' '}
                {d.dueBy ? <span className="hint">respond by {formatDay(d.dueBy)}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {action?.kind === 'refund' ? (
        <RefundDialog
          scope={scope}
          charge={action.charge}
          disputeStatus={action.charge.disputed ? (openDispute?.status ?? 'disputed') : null}
          onCancel={() => setAction(null)}
          onDone={(result) => {
            setAction(null);
            setDone(result);
          }}
        />
      ) : null}
      {action?.kind === 'retry' ? (
        <RetryWithCardDialog scope={scope} payment={payment} onClose={() => setAction(null)} />
      ) : null}
      {action?.kind === 'receipt' ? (
        <ResendReceiptDialog
          scope={scope}
          charge={action.charge}
          email={payment.email}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action?.kind === 'capture' ? (
        <CaptureDialog scope={scope} payment={payment} onClose={() => setAction(null)} />
      ) : null}
      {action?.kind === 'cancel' ? (
        <CancelPaymentDialog scope={scope} payment={payment} onClose={() => setAction(null)} />
      ) : null}
    </section>
  );
}
