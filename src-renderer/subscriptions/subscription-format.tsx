import type { SubscriptionItemView, SubscriptionRow, SubscriptionStatus } from '../../src-preload/contract';
import { formatMoney } from '../../src-preload/contract/money';
import { formatDay } from '../ui/time';

const STATUS_COLORS: Record<SubscriptionStatus, string> = {
  active: 'green',
  trialing: 'blue',
  past_due: 'orange',
  unpaid: 'red',
  paused: 'grey',
  canceled: 'grey',
  incomplete: 'orange',
  incomplete_expired: 'grey',
};

export const STATUS_LABELS: Record<SubscriptionStatus, string> = {
  active: 'Active',
  trialing: 'Trialing',
  past_due: 'Past due',
  unpaid: 'Unpaid',
  paused: 'Paused',
  canceled: 'Canceled',
  incomplete: 'Incomplete',
  incomplete_expired: 'Expired',
};

export function StatusBadge({ status }: { status: SubscriptionStatus }) {
  return <span className={`badge ${STATUS_COLORS[status]}`}>{STATUS_LABELS[status]}</span>;
}

export function formatDate(seconds: number | null | undefined): string {
  return formatDay(seconds);
}

/** "$49.00 / month", "¥500 × 3 / 2 weeks", "metered". */
export function formatItemPrice(item: SubscriptionItemView): string {
  const price = item.unitAmount === null ? 'usage-based' : formatMoney(item.unitAmount, item.currency);
  const quantity = item.quantity !== 1 ? ` × ${item.quantity}` : '';
  const every = item.interval
    ? ` / ${item.intervalCount > 1 ? `${item.intervalCount} ${item.interval}s` : item.interval}`
    : '';
  return `${price}${quantity}${every}`;
}

export function itemsSummary(row: SubscriptionRow): string {
  return row.items.map((item) => `${item.productName ?? item.priceId} — ${formatItemPrice(item)}`).join('; ');
}

/** What happens at the end of the period, in words. */
export function cancellationState(row: SubscriptionRow): { label: string; tone: string } | null {
  if (row.status === 'canceled') return { label: `Canceled ${formatDate(row.canceledAt)}`, tone: 'grey' };
  if (row.cancelAtPeriodEnd)
    return { label: `Cancels ${formatDate(row.cancelAt ?? row.currentPeriodEnd)}`, tone: 'orange' };
  if (row.cancelAt) return { label: `Cancels ${formatDate(row.cancelAt)}`, tone: 'orange' };
  return null;
}

export function NextInvoiceCell({ row }: { row: SubscriptionRow }) {
  const next = row.nextInvoice;
  if (!next) return <span className="hint">{row.nextInvoiceNote ?? '—'}</span>;
  const source =
    next.source === 'draft_invoice'
      ? 'from the draft invoice in Stripe'
      : 'computed: price × quantity, before tax and discounts';
  return (
    <span title={`${source}${row.nextInvoiceNote ? ` — ${row.nextInvoiceNote}` : ''}`}>
      {formatMoney(next.amount, next.currency)} on {formatDate(next.date)}{' '}
      <span className={`source-tag ${next.source}`}>{next.source === 'draft_invoice' ? 'draft' : 'est.'}</span>
    </span>
  );
}
