import { useMemo, useState, type ReactNode } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { RefundListRow, RefundStatus, Scope } from '../../src-preload/contract';
import { ListStates } from '../app/states';
import { VirtualTable } from '../app/VirtualTable';
import { useRefreshOnSync } from '../app/live-data';
import { invoke, useInfiniteCall } from '../ipc/client';
import { amountColumn } from '../money/amount-column';
import { ExportCsvButton } from '../ui/ExportCsvButton';
import { humanLabel, optionalLabel, countOf } from '../ui/labels';
import { When } from '../ui/time';
import { useDebouncedValue } from '../ui/use-debounced-value';
import { StatusBadge } from '../ui/payment-badges';
import { ToggleChips } from '../ui/ToggleChips';

/** Refunds that still need an eye come first among the filters: waiting, failed, waiting on the customer. */
const STATUS_FILTERS: { label: string; statuses: RefundStatus[] }[] = [
  { label: 'Pending', statuses: ['pending'] },
  { label: 'Failed', statuses: ['failed'] },
  { label: 'Needs customer action', statuses: ['requires_action'] },
  { label: 'Succeeded', statuses: ['succeeded'] },
  { label: 'Canceled', statuses: ['canceled'] },
];

const COLUMNS: ColumnDef<RefundListRow, unknown>[] = [
  amountColumn(120),
  {
    id: 'status',
    header: 'Status',
    // A badge, and for a failed refund why ("Card expired or canceled"); the customer's email needs the rest.
    size: 200,
    cell: ({ row }) => (
      <>
        <StatusBadge status={row.original.status} />
        {row.original.failureReason ? (
          <span className="hint" title={row.original.failureReason}>
            {' '}
            {humanLabel(row.original.failureReason)}
          </span>
        ) : null}
      </>
    ),
  },
  {
    id: 'customer',
    header: 'Customer',
    meta: { minWidth: 240 },
    cell: ({ row }) => row.original.email ?? row.original.customerId ?? '—',
  },
  {
    id: 'reason',
    header: 'Reason',
    size: 190,
    meta: { priority: 3, hasValue: (refund) => Boolean(refund.reason) },
    cell: ({ row }) => <span title={row.original.reason ?? ''}>{optionalLabel(row.original.reason)}</span>,
  },
  {
    id: 'created',
    header: 'Created',
    // Room for "Sep 29, 2026, 10:13 AM": older dates are absolute, and a cut time reads as a different one.
    size: 205,
    meta: { priority: 2 },
    cell: ({ row }) => <When seconds={row.original.created} />,
  },
  {
    id: 'id',
    header: 'ID',
    size: 230,
    meta: { priority: 5 },
    cell: ({ row }) => <span className="mono">{row.original.id}</span>,
  },
];

/**
 * Every refund of this account and mode, newest first: pending and failed ones found in one click, searchable by
 * refund, payment or charge id or the customer's email, exported as CSV. Opening one opens its payment beside the list.
 */
export function RefundsView({
  scope,
  tabs,
  pane,
  onOpenPayment,
}: {
  scope: Scope;
  tabs: ReactNode;
  /** The open payment's pane, shown beside the list. */
  pane: ReactNode;
  onOpenPayment(paymentIntentId: string): void;
}) {
  const [opened, setOpened] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<number | null>(null);
  const query = useDebouncedValue(text.trim(), 100);
  const statuses = filter === null ? undefined : STATUS_FILTERS[filter]!.statuses;
  const input = useMemo(
    () => ({ scope, ...(query ? { query } : {}), ...(statuses ? { statuses } : {}) }),
    [scope, query, statuses],
  );
  const list = useInfiniteCall('refunds.list', input);
  useRefreshOnSync(['refunds.list']);
  return (
    <div className={`view payments-view refunds-view master-detail ${pane ? 'with-detail' : ''}`}>
      <div className="list-pane">
        {tabs}
        <div className="toolbar">
          <input
            type="search"
            placeholder="Refund, payment or charge id, or email"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-label="Search refunds"
          />
          <ToggleChips label="Refund status" options={STATUS_FILTERS} selected={filter} onSelect={setFilter} />
          {list.total !== null ? <span className="hint">{countOf(list.total, 'refund')}</span> : null}
          <ExportCsvButton noun="refunds" run={() => invoke('refunds.exportCsv', input)} />
        </div>
        <ListStates
          list={list}
          noun="refunds"
          loadingLabel="Loading refunds…"
          narrowed={Boolean(query) || filter !== null}
          narrowedHint="Try fewer letters or another status."
        />
        {list.rows.length > 0 ? (
          <div className="table-host">
            <VirtualTable
              label="Refunds"
              columns={COLUMNS}
              rows={list.rows}
              getRowId={(r) => r.id}
              onOpen={(r) => {
                if (!r.paymentIntentId) return;
                setOpened(r.id);
                onOpenPayment(r.paymentIntentId);
              }}
              onEndReached={() => void list.fetchNextPage()}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              activeId={pane ? opened : null}
            />
          </div>
        ) : null}
      </div>
      {pane}
    </div>
  );
}

/** "Payments | Refunds": two lists of one view (the sidebar and its Alt+number shortcuts stay as they are). */
export function PaymentsTabs({
  current,
  onChange,
}: {
  current: 'payments' | 'refunds';
  onChange(tab: 'payments' | 'refunds'): void;
}) {
  const title = { payments: 'Payments', refunds: 'Refunds' } as const;
  return (
    <div className="list-tabs">
      <h1>{title[current]}</h1>
      <div className="chips" role="tablist" aria-label="Show">
        {(['payments', 'refunds'] as const).map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={current === tab}
            className={`chip ${current === tab ? 'on' : ''}`}
            onClick={() => onChange(tab)}
          >
            {title[tab]}
          </button>
        ))}
      </div>
    </div>
  );
}
