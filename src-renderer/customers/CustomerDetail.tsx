import type { ReactNode } from 'react';
import { ExternalLink } from 'lucide-react';
import { CloseButton } from '../app/CloseButton';
import type { CustomerDetail as Detail, Scope } from '../../src-preload/contract';
import { ErrorState, Loading } from '../app/states';
import { useUi } from '../app/ui-store';
import { invoke, useCall } from '../ipc/client';
import { Money } from '../money/Money';
import { When } from '../ui/time';
import { Email, isWideEmail } from '../ui/copy';
import { cardExpired } from '../ui/card-options';
import { cardLabel, humanLabel } from '../ui/labels';
import { Badge } from '../ui/status-badge';
import { failureSummary, MoneyFlags, StatusBadge } from '../ui/payment-badges';
import { useRefreshOnSync } from '../app/live-data';
import { MONEY_MOVED } from '../ipc/money-moved';
import { RefundsList } from '../payments/RefundsList';
import { CustomerTimeline } from './CustomerTimeline';
import { CustomerWriteActions, PaymentMethodActions } from './CustomerWriteActions';
import { CustomerSubscriptions } from '../subscriptions/CustomerSubscriptions';

/** Everything about one customer an agent needs for a ticket, on one page. */
export function CustomerDetail({ scope, customerId, onClose }: { scope: Scope; customerId: string; onClose(): void }) {
  const query = useCall('customers.get', { scope, customerId });
  useRefreshOnSync(MONEY_MOVED);
  if (query.isPending) return <Loading label="Loading customer…" />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  const c = d.customer;

  return (
    <section className="customer-detail panel" aria-label={`Customer ${c.email ?? c.id}`} data-testid="customer-detail">
      <header className="detail-header">
        <div>
          <div className="detail-amount">
            {c.name ?? (c.email ? <Email address={c.email} copy={false} /> : c.id)}{' '}
            {c.delinquent ? <Badge value="delinquent" tone="red" label="Delinquent" /> : null}
          </div>
          <div className="mono hint">{c.id}</div>
        </div>
        <div className="detail-links">
          <button
            type="button"
            className="secondary"
            onClick={() => void invoke('shell.openExternal', { url: d.dashboardUrl })}
          >
            Open in Stripe Dashboard <ExternalLink size={14} aria-hidden="true" />
          </button>
          <CloseButton label="Close customer" onClick={onClose} />
        </div>
      </header>
      <CustomerWriteActions scope={scope} customerId={c.id} label={c.name ?? c.email ?? c.id} onDeleted={onClose} />
      <Profile customer={c} />

      <h2>Payment methods</h2>
      {d.paymentMethods.length === 0 ? <p className="hint">None saved.</p> : null}
      <ul className="plain-list cards">
        {d.paymentMethods.map((pm) => (
          <li key={pm.id}>
            {cardLabel(pm.brand, pm.last4)}{' '}
            <span className="hint">
              {cardExpired(pm.expMonth, pm.expYear) ? 'expired' : 'expires'}{' '}
              {pm.expMonth ? String(pm.expMonth).padStart(2, '0') : '??'}/{pm.expYear ?? '????'}
            </span>{' '}
            {/* An expired default card is why renewals fail: said next to it, not left to the reader's arithmetic. */}
            {cardExpired(pm.expMonth, pm.expYear) ? <span className="badge orange">Expired</span> : null}{' '}
            {pm.isDefault ? <span className="badge blue">Default</span> : null}
            <PaymentMethodActions scope={scope} customerId={c.id} card={pm} />
          </li>
        ))}
      </ul>

      <h2>Payments</h2>
      <Payments payments={d.payments} />

      <h2>Refunds</h2>
      <RefundsList scope={scope} refunds={d.refunds} />

      <h2>Subscriptions</h2>
      <CustomerSubscriptions scope={scope} customerId={c.id} />

      <h2>Invoices</h2>
      <Invoices invoices={d.invoices} />

      {d.disputes.length > 0 ? (
        <>
          <h2>Disputes</h2>
          <ul className="plain-list">
            {d.disputes.map((x) => (
              <li key={x.id}>
                <span className="mono">{x.id}</span> <StatusBadge status={x.status} />{' '}
                <Money amount={x.amount} currency={x.currency} />{' '}
                {x.reason ? <span title={x.reason}>{humanLabel(x.reason)}</span> : null}{' '}
                {x.dueBy ? (
                  <span className="hint">
                    respond by <When seconds={x.dueBy} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Timeline</h2>
      <CustomerTimeline scope={scope} customerId={c.id} />
    </section>
  );
}

function Profile({ customer: c }: { customer: Detail['customer'] }) {
  const facts: [string, ReactNode][] = [
    ['Email', c.email ? <Email key="email" address={c.email} /> : null],
    ['Phone', c.phone],
    ['Created', <When key="created" seconds={c.created} />],
    ['Balance', c.balance ? <Money amount={c.balance} currency={c.currency} /> : null],
    ['Currency', c.currency?.toUpperCase()],
    ['Address', c.address],
    ['Description', c.description],
    ...Object.entries(c.metadata).map(([k, v]): [string, string] => [`metadata.${k}`, v]),
  ];
  return (
    <dl className="facts">
      {facts
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([label, value]) => (
          <div key={label} className={label === 'Email' && isWideEmail(c.email) ? 'wide-fact' : undefined}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function Payments({ payments }: { payments: Detail['payments'] }) {
  const drillDown = useUi((s) => s.drillDown);
  if (payments.length === 0) return <p className="hint">No payments.</p>;
  // Only declined payments have a reason: without one, the column would only squeeze the others.
  const withDeclines = payments.some((p) => p.failure);
  return (
    <table className="data-table" data-testid="customer-payments">
      <thead>
        <tr>
          <th className="amount">Amount</th>
          <th>Status</th>
          <th>Card</th>
          {withDeclines ? <th>Decline</th> : null}
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {payments.map((p) => (
          <tr
            key={p.id}
            className="selectable"
            tabIndex={0}
            onClick={() => drillDown('payments', p.id)}
            onKeyDown={(e) => e.key === 'Enter' && drillDown('payments', p.id)}
          >
            <td className="amount">
              <Money amount={p.amount} currency={p.currency} />
            </td>
            <td>
              <StatusBadge status={p.status} /> <MoneyFlags payment={p} />
            </td>
            <td>{p.cardLast4 ? cardLabel(p.cardBrand, p.cardLast4) : '—'}</td>
            {withDeclines ? <td className="hint">{failureSummary(p.failure)}</td> : null}
            <td>
              <When seconds={p.created} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Invoices({ invoices }: { invoices: Detail['invoices'] }) {
  const drillDown = useUi((s) => s.drillDown);
  if (invoices.length === 0) return <p className="hint">No invoices.</p>;
  return (
    <table className="data-table" data-testid="customer-invoices">
      <thead>
        <tr>
          <th>Number</th>
          <th>Status</th>
          <th className="amount">Due</th>
          <th className="amount">Paid</th>
          <th className="amount">Remaining</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((i) => (
          <tr
            key={i.id}
            className="selectable"
            tabIndex={0}
            onClick={() => drillDown('invoices', i.id)}
            onKeyDown={(e) => e.key === 'Enter' && drillDown('invoices', i.id)}
          >
            <td className="mono">{i.number ?? i.id}</td>
            <td>
              <StatusBadge status={i.status} />
            </td>
            <td className="amount">
              <Money amount={i.amountDue} currency={i.currency} />
            </td>
            <td className="amount">
              <Money amount={i.amountPaid} currency={i.currency} />
            </td>
            <td className="amount">
              <Money amount={i.amountRemaining} currency={i.currency} />
            </td>
            <td>
              <When seconds={i.created} dayOnly />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
