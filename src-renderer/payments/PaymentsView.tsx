import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { PaymentRow, PaymentStatus, Scope } from '../../src-preload/contract';
import { ListStates } from '../app/states';
import { useUi } from '../app/ui-store';
import { VirtualTable } from '../app/VirtualTable';
import { invoke, useInfiniteCall } from '../ipc/client';
import { amountColumn } from '../money/amount-column';
import { useDebouncedValue } from '../ui/use-debounced-value';
import { When } from '../ui/time';
import { DetailPane } from '../app/DetailPane';
import { ExportCsvButton } from '../ui/ExportCsvButton';
import { PaymentFiltersBar, type PaymentFilters } from './PaymentFiltersBar';
import { failureSummary, MoneyFlags, StatusBadge } from '../ui/payment-badges';
import { PaymentDetail } from './PaymentDetail';
import { PaymentsTabs, RefundsView } from './RefundsView';
import { useRefreshOnSync } from '../app/live-data';
import './payments.css';
import { cardLabel, countOf } from '../ui/labels';
import { ToggleChips } from '../ui/ToggleChips';

/** The status filters an agent thinks in; "failed" is Stripe's requires_payment_method after a decline. */
const STATUS_FILTERS: { label: string; statuses: PaymentStatus[] }[] = [
  { label: 'Succeeded', statuses: ['succeeded'] },
  { label: 'Uncaptured', statuses: ['requires_capture'] },
  { label: 'Failed / needs payment method', statuses: ['requires_payment_method'] },
  { label: 'Needs action', statuses: ['requires_action', 'requires_confirmation'] },
  { label: 'Processing', statuses: ['processing'] },
  { label: 'Canceled', statuses: ['canceled'] },
];

const COLUMNS: ColumnDef<PaymentRow, unknown>[] = [
  amountColumn(120),
  {
    id: 'status',
    header: 'Status',
    size: 230,
    cell: ({ row }) => (
      <>
        <StatusBadge status={row.original.status} /> <MoneyFlags payment={row.original} />
      </>
    ),
  },
  // Who paid is what an agent reads the list by: room for a whole email before the optional columns.
  {
    id: 'email',
    header: 'Customer',
    meta: { minWidth: 220 },
    cell: ({ row }) => row.original.email ?? row.original.customerId ?? '—',
  },
  {
    id: 'card',
    header: 'Card',
    size: 190,
    meta: { priority: 3 },
    cell: ({ row }) => (row.original.cardLast4 ? cardLabel(row.original.cardBrand, row.original.cardLast4) : '—'),
  },
  {
    id: 'why',
    header: 'Decline',
    size: 170,
    // Only declined payments have one: an all-empty column would only take the customer's width.
    meta: { priority: 4, hasValue: (payment) => Boolean(payment.failure) },
    cell: ({ row }) => <span className="hint">{failureSummary(row.original.failure)}</span>,
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

/** Beside an open payment, the list keeps what identifies a row. */
const COMPACT_COLUMNS = COLUMNS.filter((c) => ['amount', 'status', 'email'].includes(c.id!));

/** PaymentIntents with their charges: filter by lifecycle, search by id, email, card last4 or amount, open one to act on it. */
export function PaymentsView({ scope }: { scope: Scope }) {
  const [tab, setTab] = useState<'payments' | 'refunds'>('payments');
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<number | null>(null);
  const [narrowing, setNarrowing] = useState<PaymentFilters>({});
  const query = useDebouncedValue(text.trim(), 100);
  const selectedId = useUi((s) => s.selectedId);
  const navigate = useUi((s) => s.navigate);
  const closePane = useUi((s) => s.closePane);
  const statuses = filter === null ? undefined : STATUS_FILTERS[filter]!.statuses;
  const input = useMemo(
    () => ({ scope, ...narrowing, ...(query ? { query } : {}), ...(statuses ? { statuses } : {}) }),
    [scope, query, statuses, narrowing],
  );
  const list = useInfiniteCall('payments.list', input);
  useRefreshOnSync(['payments.list']);
  const selected = selectedId?.startsWith('pi_') ? selectedId : null;
  const tabs = <PaymentsTabs current={tab} onChange={setTab} />;
  const pane = selected ? (
    <DetailPane key={selected} label="Payment">
      <PaymentDetail scope={scope} paymentIntentId={selected} onClose={closePane} />
    </DetailPane>
  ) : null;
  // A refund opens its payment beside the Refunds list, which keeps its search and status filter.
  if (tab === 'refunds')
    return <RefundsView scope={scope} tabs={tabs} pane={pane} onOpenPayment={(id) => navigate('payments', id)} />;

  return (
    <div className={`view payments-view master-detail ${selected ? 'with-detail' : ''}`}>
      <div className="list-pane">
        {tabs}
        <div className="toolbar">
          <input
            type="search"
            placeholder="Search id, email, card last4 or amount"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-label="Search payments"
          />
          <ToggleChips label="Status" options={STATUS_FILTERS} selected={filter} onSelect={setFilter} />
          {list.total !== null ? <span className="hint">{countOf(list.total, 'payment')}</span> : null}
          <ExportCsvButton noun="payments" run={() => invoke('payments.exportCsv', input)} />
        </div>
        <PaymentFiltersBar filters={narrowing} onChange={setNarrowing} />
        <ListStates
          list={list}
          noun="payments"
          loadingLabel="Loading payments…"
          narrowed={Boolean(query) || filter !== null || Object.keys(narrowing).length > 0}
          narrowedHint="Try fewer letters, another status or a wider date or amount range."
        />
        {list.rows.length > 0 ? (
          <div className="table-host">
            <VirtualTable
              label="Payments"
              columns={selected ? COMPACT_COLUMNS : COLUMNS}
              rows={list.rows}
              getRowId={(p) => p.id}
              onOpen={(p) => navigate('payments', p.id)}
              onEndReached={() => void list.fetchNextPage()}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              activeId={selected}
            />
          </div>
        ) : null}
      </div>
      {pane}
    </div>
  );
}
