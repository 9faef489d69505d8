import type { ColumnDef } from '@tanstack/react-table';
import { Money } from './Money';

/** A list's Amount column: the row's own amount in its currency, right-aligned like every money column. */
export function amountColumn<Row extends { amount: number | null; currency: string | null }>(
  size: number,
): ColumnDef<Row, unknown> {
  return {
    id: 'amount',
    header: 'Amount',
    size,
    cell: ({ row }) => <Money amount={row.original.amount} currency={row.original.currency} className="amount" />,
  };
}
