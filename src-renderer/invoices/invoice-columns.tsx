import type { ColumnDef } from '@tanstack/react-table';
import type { InvoiceRow } from '../../src-preload/contract';
import { Money } from '../money/Money';
import { StatusBadge } from '../ui/payment-badges';
import { When } from '../ui/time';

export const invoiceColumns: ColumnDef<InvoiceRow, unknown>[] = [
  {
    id: 'number',
    header: 'Number',
    size: 150,
    cell: ({ row }) => <span className="mono">{row.original.number ?? 'Draft'}</span>,
  },
  {
    id: 'customer',
    header: 'Customer',
    cell: ({ row: { original: r } }) => r.customerName ?? r.customerEmail ?? r.customerId ?? '—',
  },
  { id: 'status', header: 'Status', size: 120, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
  {
    id: 'total',
    header: 'Total',
    // Wide enough for a three-decimal currency's code and digits ("KWD 1,616.400").
    size: 130,
    cell: ({ row }) => <Money amount={row.original.total} currency={row.original.currency} />,
  },
  {
    id: 'remaining',
    header: 'Still due',
    size: 130,
    cell: ({ row }) =>
      row.original.amountRemaining ? (
        <Money amount={row.original.amountRemaining} currency={row.original.currency} />
      ) : (
        <span className="hint">—</span>
      ),
  },
  {
    id: 'attempts',
    header: 'Tries',
    size: 70,
    meta: { priority: 3 },
    cell: ({ row }) => (row.original.attemptCount ? String(row.original.attemptCount) : ''),
  },
  { id: 'created', header: 'Created', size: 130, cell: ({ row }) => <When seconds={row.original.created} dayOnly /> },
];

/** Beside an open invoice, the list keeps what tells the rows apart (the pane names the customer). */
export const compactInvoiceColumns = invoiceColumns.filter((c) => ['number', 'status', 'total'].includes(c.id!));
