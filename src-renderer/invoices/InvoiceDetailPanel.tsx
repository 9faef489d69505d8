import { ExternalLink } from 'lucide-react';
import type { InvoiceDetail, Scope } from '../../src-preload/contract';
import { CloseButton } from '../app/CloseButton';
import { ErrorState, Loading } from '../app/states';
import { useUi } from '../app/ui-store';
import { invoke, useCall } from '../ipc/client';
import { Money } from '../money/Money';
import { StatusBadge } from '../ui/payment-badges';
import { When } from '../ui/time';
import { InvoiceActions } from './InvoiceActions';
import { humanLabel } from '../ui/labels';

/** One invoice: amounts, line items, links to Stripe's hosted page and PDF, credit notes, and its actions. */
export function InvoiceDetailPanel({ scope, id, onClose }: { scope: Scope; id: string; onClose(): void }) {
  const query = useCall('invoices.get', { scope, id });
  const drillDown = useUi((s) => s.drillDown);
  if (query.isPending) return <Loading label="Loading invoice…" />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  const money = (amount: number) => <Money amount={amount} currency={d.currency} />;
  const open = (url: string) => void invoke('shell.openExternal', { url });
  return (
    <section className="invoice-detail panel" aria-label={`Invoice ${d.number ?? d.id}`} data-testid="invoice-detail">
      <header className="detail-header">
        <div>
          <div className="detail-amount">
            {money(d.total)} <StatusBadge status={d.status} />
          </div>
          <div className="mono hint">
            {d.number ?? 'Draft'} · {d.id}
          </div>
        </div>
        <div className="detail-links">
          <CloseButton label="Close invoice" onClick={onClose} />
        </div>
      </header>
      <InvoiceActions scope={scope} invoice={d} />
      <dl className="facts">
        <Fact label="Customer">
          {d.customerId ? (
            <button type="button" className="link" onClick={() => drillDown('customers', d.customerId!)}>
              {d.customerName ?? d.customerEmail ?? d.customerId}
            </button>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Paid">{money(d.amountPaid)}</Fact>
        <Fact label="Still due">{money(d.amountRemaining)}</Fact>
        {d.prePaymentCredit ? <Fact label="Credited before payment">{money(d.prePaymentCredit)}</Fact> : null}
        {d.postPaymentCredit ? <Fact label="Credited after payment">{money(d.postPaymentCredit)}</Fact> : null}
        <Fact label="Payment tries">{String(d.attemptCount)}</Fact>
        {d.nextPaymentAttempt ? (
          <Fact label="Next automatic try">
            <When seconds={d.nextPaymentAttempt} />
          </Fact>
        ) : null}
        <Fact label="Created">
          <When seconds={d.created} />
        </Fact>
      </dl>
      <div className="invoice-links">
        {d.hostedUrl ? (
          <button type="button" className="secondary" onClick={() => open(d.hostedUrl!)}>
            Customer’s invoice page <ExternalLink size={14} aria-hidden="true" />
          </button>
        ) : null}
        {d.pdfUrl ? (
          <button type="button" className="secondary" onClick={() => open(d.pdfUrl!)}>
            PDF <ExternalLink size={14} aria-hidden="true" />
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={() => open(d.dashboardUrl)}>
          Open in Stripe Dashboard <ExternalLink size={14} aria-hidden="true" />
        </button>
        {!d.hostedUrl ? <span className="hint">A draft has no page or PDF until it is finalized.</span> : null}
      </div>
      <h2>Line items</h2>
      <Lines invoice={d} />
      <h2>Credit notes</h2>
      {d.creditNotes.length === 0 ? <p className="hint">None.</p> : null}
      <ul className="plain-list" data-testid="credit-notes">
        {d.creditNotes.map((n) => (
          <li key={n.id}>
            <span className="mono">{n.number}</span> {money(n.amount)}{' '}
            {n.refunded ? <span className="badge blue">Refunded {money(n.refunded)}</span> : null}{' '}
            {n.credited ? <span className="badge blue">Balance credit {money(n.credited)}</span> : null}{' '}
            {n.type === 'pre_payment' ? <span className="hint">lowered what was due</span> : null}{' '}
            {n.reason ? <span className="hint">{humanLabel(n.reason)}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Lines({ invoice: d }: { invoice: InvoiceDetail }) {
  if (d.lines.length === 0) return <p className="hint">No line items.</p>;
  return (
    <table className="data-table" data-testid="invoice-lines">
      <thead>
        <tr>
          <th>Description</th>
          <th>Qty</th>
          <th>Period</th>
          <th className="amount">Amount</th>
        </tr>
      </thead>
      <tbody>
        {d.lines.map((l) => (
          <tr key={l.id}>
            <td>
              {l.description ?? '—'} {l.proration ? <span className="badge grey">proration</span> : null}
            </td>
            <td>{l.quantity ?? ''}</td>
            <td>
              {l.periodStart ? <When seconds={l.periodStart} dayOnly /> : null}
              {l.periodEnd ? (
                <>
                  {' – '}
                  <When seconds={l.periodEnd} dayOnly />
                </>
              ) : null}
            </td>
            <td className="amount">
              <Money amount={l.amount} currency={d.currency} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
