import type { PaymentFailure, PaymentRow } from '../../src-preload/contract';

const STATUS_COLOR: Record<string, string> = {
  succeeded: 'green',
  requires_capture: 'blue',
  processing: 'blue',
  requires_action: 'orange',
  requires_confirmation: 'orange',
  requires_payment_method: 'red',
  canceled: 'grey',
  pending: 'blue',
  failed: 'red',
  // invoices, disputes
  paid: 'green',
  open: 'blue',
  draft: 'grey',
  void: 'grey',
  uncollectible: 'red',
  needs_response: 'red',
  warning_needs_response: 'red',
  under_review: 'orange',
  warning_under_review: 'orange',
  won: 'green',
  lost: 'red',
};

const human = (status: string) => status.replaceAll('_', ' ');

/** A lifecycle status (payment, charge or refund) as a coloured badge. */
export function StatusBadge({ status }: { status: string | null }) {
  if (!status) return null;
  return <span className={`badge ${STATUS_COLOR[status] ?? 'grey'}`}>{human(status)}</span>;
}

/** Refunded / partially refunded / disputed markers for a payment row. */
export function MoneyFlags({ payment }: { payment: Pick<PaymentRow, 'refundState' | 'disputeStatus'> }) {
  return (
    <>
      {payment.refundState === 'full' ? <span className="badge grey">refunded</span> : null}
      {payment.refundState === 'partial' ? <span className="badge grey">partially refunded</span> : null}
      {payment.disputeStatus ? <span className="badge red">dispute: {human(payment.disputeStatus)}</span> : null}
    </>
  );
}

/** One line for tables: the decline code or the message. */
export function failureSummary(failure: PaymentFailure | null): string {
  if (!failure) return '';
  return failure.declineCode ? human(failure.declineCode) : (failure.message ?? failure.code ?? 'failed');
}

/** "Why was my card declined?": the issuer's and Stripe's answers side by side. */
export function FailureExplanation({ failure }: { failure: PaymentFailure }) {
  const rows: [string, string | null][] = [
    ['Message', failure.message],
    ['Error code', failure.code],
    ['Decline code', failure.declineCode],
    ['Network status', failure.networkStatus && human(failure.networkStatus)],
    ['Seller message', failure.sellerMessage],
    ['Risk level', failure.riskLevel],
    ['Outcome', failure.outcomeType && human(failure.outcomeType)],
  ];
  return (
    <div className="failure panel" data-testid="payment-failure">
      <strong>Why it failed</strong>
      <dl className="facts">
        {rows
          .filter((r): r is [string, string] => !!r[1])
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
