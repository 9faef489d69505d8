import type { DisputeDetail } from '../../src-preload/contract/disputes';
import { Money } from '../money/Money';
import { cardLabel, humanLabel, optionalLabel } from '../ui/labels';
import { formatDate, StatusBadge } from './labels';
import { Email } from '../ui/copy';

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

/** The facts around a dispute: deadline details, the payment and card, the customer and their history. */
export function DisputeFacts({ detail, onOpenDispute }: { detail: DisputeDetail; onOpenDispute(id: string): void }) {
  const { evidenceDetails: e, payment, customer } = detail;
  return (
    <>
      <section className="panel" aria-label="Evidence details">
        <h2>Response</h2>
        <dl className="facts">
          <dt>Due by</dt>
          <dd className="due-by" data-one-line>
            {formatDate(e.dueBy)}
          </dd>
          <dt>Evidence on Stripe</dt>
          <dd>{yesNo(e.hasEvidence)}</dd>
          <dt>Past due</dt>
          <dd>{yesNo(e.pastDue)}</dd>
          <dt>Submissions</dt>
          <dd>{e.submissionCount}</dd>
        </dl>
      </section>
      <section className="panel" aria-label="Disputed payment">
        <h2>Disputed payment</h2>
        {payment ? (
          <dl className="facts">
            <dt>Charge</dt>
            <dd className="mono">{payment.id}</dd>
            <dt>Amount</dt>
            <dd>
              <Money amount={payment.amount} currency={payment.currency} />
              {payment.amountRefunded ? (
                <>
                  {' '}
                  (refunded <Money amount={payment.amountRefunded} currency={payment.currency} />)
                </>
              ) : null}
            </dd>
            <dt>Date</dt>
            <dd>{formatDate(payment.created)}</dd>
            {payment.description ? (
              <>
                <dt>Description</dt>
                <dd>{payment.description}</dd>
              </>
            ) : null}
            {payment.card ? (
              <>
                <dt>Card</dt>
                <dd>
                  {cardLabel(payment.card.brand, payment.card.last4)}{' '}
                  {payment.card.country ? `· ${payment.card.country}` : ''}{' '}
                  {payment.card.funding ? `· ${humanLabel(payment.card.funding)}` : ''}
                </dd>
                <dt>Checks</dt>
                <dd>
                  {/* One sentence case: "CVC passed · Address passed", not "address Passed". */}
                  CVC {checkWord(payment.card.checks.cvc)} · Address {checkWord(payment.card.checks.addressLine1)} ·
                  Postcode {checkWord(payment.card.checks.postalCode)}
                  {payment.card.threeDSecure ? ` · 3-D Secure ${checkWord(payment.card.threeDSecure)}` : ''}
                </dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p className="hint">The charge isn’t in the local cache yet.</p>
        )}
      </section>
      <section className="panel" aria-label="Customer">
        <h2>Customer</h2>
        {customer ? (
          <dl className="facts">
            <dt>Name</dt>
            <dd>{customer.name ?? '—'}</dd>
            <dt>Email</dt>
            <dd>{customer.email ? <Email address={customer.email} /> : '—'}</dd>
            <dt>Customer since</dt>
            <dd>{formatDate(customer.created)}</dd>
          </dl>
        ) : (
          <p className="hint">No customer on this payment.</p>
        )}
        {detail.otherPayments.length ? (
          <>
            <h3>Other payments</h3>
            <table className="data-table compact">
              <tbody>
                {detail.otherPayments.map((p) => (
                  <tr key={p.id}>
                    <td>{formatDate(p.created)}</td>
                    <td className="amount">
                      <Money amount={p.amount} currency={p.currency} />
                    </td>
                    <td>{p.disputed ? <span className="badge red">Disputed</span> : humanLabel(p.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        {detail.refunds.length ? (
          <>
            <h3>Refunds</h3>
            <table className="data-table compact">
              <tbody>
                {detail.refunds.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDate(r.created)}</td>
                    <td className="amount">
                      <Money amount={r.amount} currency={r.currency} />
                    </td>
                    <td>{humanLabel(r.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        {detail.otherDisputes.length ? (
          <>
            <h3>Other disputes</h3>
            <table className="data-table compact">
              <tbody>
                {detail.otherDisputes.map((o) => (
                  <tr key={o.id} className="selectable" onClick={() => onOpenDispute(o.id)}>
                    <td>{formatDate(o.created)}</td>
                    <td className="amount">
                      <Money amount={o.amount} currency={o.currency} />
                    </td>
                    <td>
                      <StatusBadge status={o.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </section>
    </>
  );
}

/** A card check's result as the second word of a phrase ("passed", "unavailable"). */
function checkWord(value: string | null | undefined): string {
  const label = optionalLabel(value);
  return label.charAt(0).toLowerCase() + label.slice(1);
}
