import type { PaymentFailure, PaymentRow } from '../../src-preload/contract';
import { humanLabel } from './labels';
import { Badge } from './status-badge';
import './facts.css';

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

/** A lifecycle status (payment, charge or refund) as a coloured badge in words; Stripe's value on hover. */
export function StatusBadge({ status }: { status: string | null }) {
  if (!status) return null;
  return <Badge value={status} tone={STATUS_COLOR[status] ?? 'grey'} />;
}

/** Refunded / partially refunded / disputed markers for a payment row. */
export function MoneyFlags({ payment }: { payment: Pick<PaymentRow, 'refundState' | 'disputeStatus'> }) {
  return (
    <>
      {payment.refundState === 'full' ? <Badge value="refunded" label="Refunded" /> : null}
      {payment.refundState === 'partial' ? <Badge value="partially_refunded" label="Part refunded" /> : null}
      {payment.disputeStatus ? (
        <span title={`Dispute: ${humanLabel(payment.disputeStatus)} (${payment.disputeStatus})`}>
          <Badge value={payment.disputeStatus} tone="red" label="Disputed" />
        </span>
      ) : null}
    </>
  );
}

/** One line for tables: the decline code or the message. */
export function failureSummary(failure: PaymentFailure | null): string {
  if (!failure) return '';
  if (failure.declineCode) return humanLabel(failure.declineCode);
  return failure.message ?? (failure.code ? humanLabel(failure.code) : 'Failed');
}

/** "Why was my card declined?": the issuer's and Stripe's answers side by side. */
export function FailureExplanation({ failure }: { failure: PaymentFailure }) {
  // Stripe's codes in words, the code itself on hover (support quotes it to Stripe).
  const rows: [string, string | null, string | null][] = [
    ['Message', failure.message, null],
    ['Error code', failure.code && humanLabel(failure.code), failure.code],
    ['Decline code', failure.declineCode && humanLabel(failure.declineCode), failure.declineCode],
    ['Network status', failure.networkStatus && humanLabel(failure.networkStatus), failure.networkStatus],
    ['Seller message', failure.sellerMessage, null],
    ['Risk level', failure.riskLevel && humanLabel(failure.riskLevel), failure.riskLevel],
    ['Outcome', failure.outcomeType && humanLabel(failure.outcomeType), failure.outcomeType],
  ];
  return (
    <div className="failure panel" data-testid="payment-failure">
      <strong>Why it failed</strong>
      <dl className="facts">
        {rows
          .filter((r): r is [string, string, string | null] => !!r[1])
          .map(([label, value, raw]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd title={raw ?? undefined}>{value}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
