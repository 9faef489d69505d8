import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { ConsoleError, Scope } from '../../src-preload/contract';
import type { DisputeRow } from '../../src-preload/contract/disputes';
import { invoke, useCall, useInfiniteCall } from '../ipc/client';
import { useUi } from '../app/ui-store';
import { VirtualTable } from '../app/VirtualTable';
import { Empty, ErrorState, Loading } from '../app/states';
import { amountColumn } from '../money/amount-column';
import { DisputeFilters } from './DisputeFilters';
import { DisputeTotals } from './DisputeTotals';
import { DisputeChartsPanel } from './DisputeCharts';
import { DeadlineCell } from './DeadlineCell';
import { humanLabel } from '../ui/labels';
import { REVIEW_BADGE, REVIEW_LABEL, StatusBadge } from './labels';
import { useDisputesUi } from './disputes-store';
import { useDisputesRefresh } from './use-disputes-refresh';

/** The queue: open disputes by deadline, filters, totals per status and currency, charts, CSV export. */
export function DisputeQueueView({ scope }: { scope: Scope }) {
  useDisputesRefresh(scope);
  const { filter, setFilter } = useDisputesUi();
  const navigate = useUi((s) => s.navigate);
  const list = useInfiniteCall('disputes.list', { scope, filter, limit: 100 });
  const totals = useCall('disputes.totals', { scope, filter });
  const allTotals = useCall('disputes.totals', { scope, filter: {} });
  const currencies = useMemo(
    () => [...new Set((allTotals.data ?? []).map((t) => t.currency))].sort(),
    [allTotals.data],
  );
  const columns = useMemo(() => queueColumns(), []);

  return (
    <div className="view disputes-view" data-testid="disputes-queue">
      <div className="toolbar">
        <h1>Disputes</h1>
        <span className="hint" data-testid="disputes-count">
          {list.total !== null ? `${list.total} in this view` : ''}
        </span>
        <ExportButton scope={scope} />
      </div>
      <DisputeFilters filter={filter} currencies={currencies} onChange={setFilter} />
      <DisputeTotals totals={totals.data ?? []} />
      <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      {list.isLoading ? (
        <Loading label="Loading disputes…" />
      ) : list.rows.length === 0 ? (
        <Empty title="No disputes in this view">
          Disputes appear here once sync has fetched them, or change the filters.
        </Empty>
      ) : (
        <div className="dispute-table" style={{ height: tableHeight(list.rows.length) }}>
          <VirtualTable
            label="Disputes"
            columns={columns}
            rows={list.rows}
            getRowId={(r) => r.id}
            onOpen={(r) => navigate('disputes', r.id)}
            onEndReached={() => void list.fetchNextPage()}
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
          />
        </div>
      )}
      <DisputeChartsPanel scope={scope} filter={filter} currencies={currencies} />
    </div>
  );
}

/** Short queues take little room (the charts stay in sight); long ones scroll inside the table. */
const tableHeight = (rows: number) => Math.max(240, Math.min(440, 46 + rows * 36));

function queueColumns(): ColumnDef<DisputeRow, unknown>[] {
  return [
    {
      id: 'due',
      header: 'Respond by',
      size: 210,
      cell: ({ row }) => <DeadlineCell status={row.original.status} dueBy={row.original.dueBy} />,
    },
    { id: 'status', header: 'Status', size: 190, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    amountColumn(130),
    {
      id: 'reason',
      header: 'Reason',
      size: 170,
      meta: { priority: 3 },
      cell: ({ row }) => humanLabel(row.original.reason),
    },
    {
      id: 'customer',
      header: 'Customer',
      meta: { priority: 4 },
      cell: ({ row }) =>
        row.original.customer?.name ?? row.original.customer?.email ?? row.original.customer?.id ?? '—',
    },
    {
      id: 'review',
      header: 'Review',
      size: 120,
      meta: { priority: 2 },
      cell: ({ row }) => (
        <span className={`badge ${REVIEW_BADGE[row.original.review]}`}>{REVIEW_LABEL[row.original.review]}</span>
      ),
    },
    {
      id: 'evidence',
      header: 'Evidence',
      size: 140,
      meta: { priority: 5 },
      cell: ({ row }) =>
        row.original.submissionCount > 0
          ? 'Submitted'
          : row.original.hasEvidence
            ? 'Staged on Stripe'
            : row.original.drafted
              ? 'Draft (local)'
              : '—',
    },
  ];
}

/** Exports the filtered view: main builds the CSV from the cache; the renderer saves it via a Blob. */
function ExportButton({ scope }: { scope: Scope }) {
  const filter = useDisputesUi((s) => s.filter);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleError | null>(null);
  const exportCsv = async () => {
    setBusy(true);
    setError(null);
    try {
      const { filename, csv } = await invoke('disputes.exportCsv', { scope, filter });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (err) {
      setError(err as ConsoleError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() => void exportCsv()}
        disabled={busy}
        data-testid="export-csv"
      >
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      <ErrorState error={error} />
    </>
  );
}
