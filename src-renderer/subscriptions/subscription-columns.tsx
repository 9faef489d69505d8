import type { ColumnDef } from '@tanstack/react-table';
import type { SubscriptionRow } from '../../src-preload/contract';
import { NextInvoiceCell, StatusBadge, cancellationState, formatDate, itemsSummary } from './subscription-format';

export const subscriptionColumns: ColumnDef<SubscriptionRow, unknown>[] = [
  {
    id: 'customer',
    header: 'Customer',
    // Flexible, with room for a name and most of an email: who it is comes before the optional columns.
    meta: { minWidth: 230 },
    cell: ({ row: { original: r } }) => (
      <span title={[r.customerName, r.customerEmail, r.customerId].filter(Boolean).join(' · ')}>
        {r.customerName ?? r.customerEmail ?? r.customerId ?? '—'}
        {r.customerName && r.customerEmail ? <span className="hint"> {r.customerEmail}</span> : null}
      </span>
    ),
  },
  { id: 'status', header: 'Status', size: 120, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
  {
    id: 'items',
    header: 'Items',
    size: 225,
    meta: { priority: 2 },
    cell: ({ row }) => <span title={itemsSummary(row.original)}>{itemsSummary(row.original)}</span>,
  },
  {
    id: 'period',
    header: 'Current period',
    size: 205,
    meta: { priority: 4 },
    cell: ({ row: { original: r } }) => `${formatDate(r.currentPeriodStart)} – ${formatDate(r.currentPeriodEnd)}`,
  },
  {
    id: 'cancellation',
    header: 'Cancellation',
    size: 195,
    // Mostly "Renews"; a row that ends says so in its next-invoice cell too, so this gives way before what is billed.
    meta: { priority: 3 },
    cell: ({ row }) => {
      const state = cancellationState(row.original);
      return state ? (
        <span className={`badge ${state.tone}`}>{state.label}</span>
      ) : (
        <span className="hint">Renews</span>
      );
    },
  },
  {
    id: 'next',
    header: 'Next invoice',
    // A four-digit amount in a prefixed currency, its date and the "est." badge ("A$6,957.04 on Dec 29, 2026 est.").
    size: 275,
    meta: { priority: 2 },
    cell: ({ row }) => <NextInvoiceCell row={row.original} />,
  },
];

/** Beside an open subscription, the list keeps who, its status and whether it ends: what a change there moves. */
export const compactSubscriptionColumns = subscriptionColumns.filter((c) =>
  ['customer', 'status', 'cancellation'].includes(c.id!),
);
