import { ExternalLink } from 'lucide-react';
import { CloseButton } from '../app/CloseButton';
import type { Scope, SubscriptionDetail } from '../../src-preload/contract';
import { ErrorState, Loading } from '../app/states';
import { useUi } from '../app/ui-store';
import { invoke, useCall } from '../ipc/client';
import { Money } from '../money/Money';
import { SubscriptionActions, PAUSE_EXPLANATIONS } from './SubscriptionActions';
import { SubscriptionChanges } from './SubscriptionChanges';
import { SubscriptionDiscounts } from './SubscriptionDiscounts';
import { NextInvoiceCell, StatusBadge, cancellationState, formatDate, formatItemPrice } from './subscription-format';
import { humanLabel, optionalLabel } from '../ui/labels';

const dashboardUrl = (scope: Scope, id: string) =>
  `https://dashboard.stripe.com/${scope.mode === 'test' ? 'test/' : ''}subscriptions/${id}`;

/** Everything about one subscription, and its actions. */
export function SubscriptionDetailPanel({ scope, id, onClose }: { scope: Scope; id: string; onClose?(): void }) {
  const query = useCall('subscriptions.get', { scope, id });
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <Detail scope={scope} sub={query.data} onClose={onClose} />;
}

function Detail({
  scope,
  sub,
  onClose,
}: {
  scope: Scope;
  sub: SubscriptionDetail;
  onClose?: (() => void) | undefined;
}) {
  const navigate = useUi((s) => s.navigate);
  const cancellation = cancellationState(sub);
  return (
    <section
      className="panel subscription-detail"
      aria-label={`Subscription ${sub.id}`}
      data-testid="subscription-detail"
    >
      <header className="detail-header">
        <h2>
          <span className="mono">{sub.id}</span> <StatusBadge status={sub.status} />
          {/* An ended one's status badge already says "Canceled"; its date is under Cancellation. */}
          {cancellation && sub.status !== 'canceled' ? (
            <span className={`badge ${cancellation.tone}`}>{cancellation.label}</span>
          ) : null}
          {sub.pause ? <span className="badge grey">Collection paused</span> : null}
        </h2>
        <div className="detail-links">
          <button
            type="button"
            className="secondary"
            onClick={() => void invoke('shell.openExternal', { url: dashboardUrl(scope, sub.id) })}
          >
            Open in Stripe Dashboard <ExternalLink size={14} aria-hidden="true" />
          </button>
          {onClose ? <CloseButton label="Close details" onClick={onClose} /> : null}
        </div>
      </header>
      <dl className="facts">
        <dt>Customer</dt>
        <dd>
          {sub.customerId ? (
            <button type="button" className="link" onClick={() => navigate('customers', sub.customerId)}>
              {sub.customerName ?? sub.customerEmail ?? sub.customerId}
            </button>
          ) : (
            '—'
          )}
          {sub.customerEmail && sub.customerName ? <span className="hint"> {sub.customerEmail}</span> : null}
        </dd>
        <dt>Current period</dt>
        <dd>
          {formatDate(sub.currentPeriodStart)} – {formatDate(sub.currentPeriodEnd)}
        </dd>
        <dt>Next invoice</dt>
        <dd>
          <NextInvoiceCell row={sub} />
          {sub.nextInvoice ? (
            <div className="hint">
              {sub.nextInvoice.source === 'draft_invoice'
                ? 'From the draft invoice Stripe will finalize.'
                : 'Estimated: price × quantity at period end, before tax and discounts.'}
              {sub.nextInvoiceNote ? ` ${sub.nextInvoiceNote}` : ''}
            </div>
          ) : null}
        </dd>
        <dt>Started</dt>
        <dd>{formatDate(sub.startDate)}</dd>
        {sub.trialEnd ? (
          <>
            <dt>Trial ends</dt>
            <dd>{formatDate(sub.trialEnd)}</dd>
          </>
        ) : null}
        <dt>Payment collection</dt>
        <dd>
          {sub.pause ? (
            <>
              Paused (<code>{sub.pause.behavior}</code>)
              {sub.pause.resumesAt ? `, resumes ${formatDate(sub.pause.resumesAt)}` : ', until resumed'}
              <div className="hint">{PAUSE_EXPLANATIONS[sub.pause.behavior]}</div>
            </>
          ) : (
            humanLabel(sub.collectionMethod ?? 'charge_automatically')
          )}
        </dd>
        <dt>Cancellation</dt>
        <dd>
          {cancellation?.label ?? 'Not scheduled'}
          {sub.endedAt ? <span className="hint"> · ended {formatDate(sub.endedAt)}</span> : null}
          {sub.cancellationReason ? <span className="hint"> · {humanLabel(sub.cancellationReason)}</span> : null}
          {sub.cancellationComment ? <div className="hint">“{sub.cancellationComment}”</div> : null}
        </dd>
      </dl>

      <SubscriptionActions scope={scope} subscription={sub} />
      <SubscriptionChanges scope={scope} subscription={sub} />
      <SubscriptionDiscounts scope={scope} subscription={sub} />

      <h3>Items</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th>Product</th>
            <th>Price</th>
            <th className="amount">Per period</th>
          </tr>
        </thead>
        <tbody>
          {sub.items.map((item) => (
            <tr key={item.id}>
              <td>{item.productName ?? <span className="mono">{item.priceId}</span>}</td>
              <td>{formatItemPrice(item)}</td>
              <td className="amount">
                {item.unitAmount === null ? (
                  '—'
                ) : (
                  <Money amount={item.unitAmount * item.quantity} currency={item.currency} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Latest invoices</h3>
      {sub.latestInvoices.length === 0 ? (
        <p className="hint">No invoices cached for this subscription.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>Invoice</th>
              <th>Date</th>
              <th>Status</th>
              <th className="amount">Due</th>
              <th className="amount">Paid</th>
            </tr>
          </thead>
          <tbody>
            {sub.latestInvoices.map((invoice) => (
              <tr key={invoice.id}>
                <td className="mono">{invoice.number ?? invoice.id}</td>
                <td>{formatDate(invoice.created)}</td>
                <td title={invoice.status ?? undefined}>{optionalLabel(invoice.status)}</td>
                <td className="amount">
                  <Money amount={invoice.amountDue} currency={invoice.currency} />
                </td>
                <td className="amount">
                  <Money amount={invoice.amountPaid} currency={invoice.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
