import { useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { ConsoleError, PayoutRow, Scope } from '../../src-preload/contract';
import { CloseButton } from '../app/CloseButton';
import { DetailPane } from '../app/DetailPane';
import { useRefreshOnSync } from '../app/live-data';
import { ErrorState, ListStates, Loading } from '../app/states';
import { useUi } from '../app/ui-store';
import { VirtualTable } from '../app/VirtualTable';
import { invoke, useCall, useInfiniteCall } from '../ipc/client';
import { Money } from '../money/Money';
import { Badge } from '../ui/status-badge';
import { When } from '../ui/time';
import { BALANCE_CATEGORY_LABELS, countOf, labelIn, PAYOUT_FAILURE_LABELS, PAYOUT_STATUS_LABELS } from '../ui/labels';
import '../ui/finance-detail.css';
import './balance.css';

const STATUS_TONE: Record<string, string> = { paid: 'green', failed: 'red', canceled: 'grey', in_transit: 'blue' };

function PayoutStatusBadge({ status }: { status: string }) {
  return <Badge value={status} tone={STATUS_TONE[status] ?? 'orange'} label={labelIn(PAYOUT_STATUS_LABELS, status)} />;
}

const COLUMNS: ColumnDef<PayoutRow, unknown>[] = [
  {
    id: 'amount',
    header: 'Amount',
    size: 140,
    cell: ({ row }) => <Money amount={row.original.amount} currency={row.original.currency} />,
  },
  {
    id: 'status',
    header: 'Status',
    size: 120,
    cell: ({ row }) => <PayoutStatusBadge status={row.original.status} />,
  },
  {
    id: 'arrival',
    header: 'Arrives',
    size: 130,
    meta: { priority: 2 },
    cell: ({ row }) => <When seconds={row.original.arrivalDate} dayOnly />,
  },
  {
    id: 'failure',
    header: 'Why it failed',
    // Shown once a listed payout has failed; an empty column says nothing.
    meta: { priority: 3, hasValue: (payout) => Boolean(payout.failureMessage ?? payout.failureCode) },
    cell: ({ row }) =>
      row.original.failureMessage ??
      (row.original.failureCode ? labelIn(PAYOUT_FAILURE_LABELS, row.original.failureCode) : ''),
  },
];

function BalanceCards({ scope }: { scope: Scope }) {
  const balance = useCall('balance.get', { scope });
  if (balance.error) return <ErrorState error={balance.error} onRetry={() => void balance.refetch()} />;
  if (!balance.data) return <Loading label="Reading the balance from Stripe…" />;
  const currencies = [...new Set([...balance.data.available, ...balance.data.pending].map((m) => m.currency))];
  const of = (list: { amount: number; currency: string }[], c: string) =>
    list.find((m) => m.currency === c)?.amount ?? 0;
  return (
    <table className="balance-table" data-testid="balance">
      <caption>
        Balance by currency (read <When seconds={Math.floor(balance.data.asOf / 1000)} />)
      </caption>
      <thead>
        <tr>
          <th scope="col">Currency</th>
          <th scope="col">Available</th>
          <th scope="col">Pending</th>
        </tr>
      </thead>
      <tbody>
        {currencies.map((c) => (
          <tr key={c}>
            <th scope="row">{c.toUpperCase()}</th>
            <td>
              <Money amount={of(balance.data.available, c)} currency={c} />
            </td>
            <td>
              <Money amount={of(balance.data.pending, c)} currency={c} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What one payout settled, with totals that must equal the payout, and CSV for the books. */
function PayoutDetailPanel({ scope, payoutId, onClose }: { scope: Scope; payoutId: string; onClose(): void }) {
  const detail = useCall('payouts.get', { scope, payoutId });
  const [exportError, setExportError] = useState<ConsoleError | null>(null);
  const exportCsv = async () => {
    setExportError(null);
    try {
      const { filename, csv } = await invoke('payouts.exportCsv', { scope, payoutId });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (err) {
      setExportError(err as ConsoleError);
    }
  };
  const d = detail.data;
  return (
    <div className="finance-detail" data-testid="payout-detail">
      <div className="detail-header">
        <h2>Payout {payoutId}</h2>
        <CloseButton label="Close payout" onClick={onClose} />
      </div>
      <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      {!d && !detail.error ? <Loading label="Reading what this payout settled…" /> : null}
      {d ? (
        <>
          <p>
            <Money amount={d.payout.amount} currency={d.payout.currency} /> ·{' '}
            <PayoutStatusBadge status={d.payout.status} /> ·{' '}
            {/* "arrives Dec 1" read wrongly for a payout paid out days ago. */}
            {d.payout.status === 'paid'
              ? 'arrived'
              : d.payout.status === 'failed' || d.payout.status === 'canceled'
                ? 'was due'
                : 'arrives'}{' '}
            <When seconds={d.payout.arrivalDate} dayOnly />
            {d.payout.failureMessage ? ` · ${d.payout.failureMessage}` : ''}
          </p>
          <p className={d.addsUp ? 'badge green' : 'badge red'} data-testid="payout-adds-up">
            {d.addsUp
              ? `${countOf(d.transactions.length, 'transaction')} ${d.transactions.length === 1 ? 'nets' : 'net'} to the payout amount`
              : `These ${countOf(d.transactions.length, 'transaction')} don’t net to the payout amount`}
          </p>
          <button type="button" className="secondary" onClick={() => void exportCsv()} data-testid="payout-csv">
            Export CSV
          </button>
          <ErrorState error={exportError} />
          <div className="settled-scroll">
            <table className="settled-table" aria-label="Settled transactions">
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Source</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Fee</th>
                  <th scope="col">Net</th>
                </tr>
              </thead>
              <tbody>
                {d.transactions.map((t) => (
                  <tr key={t.id} data-testid="settled-row">
                    <td title={t.category}>{labelIn(BALANCE_CATEGORY_LABELS, t.category)}</td>
                    <td className="mono">{t.source ?? '—'}</td>
                    <td>
                      <Money amount={t.amount} currency={t.currency} />
                    </td>
                    <td>
                      <Money amount={-t.fee} currency={t.currency} />
                    </td>
                    <td data-testid="settled-net" data-minor={t.net}>
                      <Money amount={t.net} currency={t.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    Total
                  </th>
                  <td>
                    <Money amount={d.totals.amount} currency={d.payout.currency} />
                  </td>
                  <td>
                    <Money amount={-d.totals.fee} currency={d.payout.currency} />
                  </td>
                  <td data-testid="settled-total" data-minor={d.totals.net}>
                    <Money amount={d.totals.net} currency={d.payout.currency} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}

/** Reconciling money: balance per currency, payouts by date, and what each payout settled. */
export function BalanceView({ scope }: { scope: Scope }) {
  const selected = useUi((s) => s.selectedId);
  const navigate = useUi((s) => s.navigate);
  const closePane = useUi((s) => s.closePane);
  useRefreshOnSync(['payouts.list']);
  const payouts = useInfiniteCall('payouts.list', { scope, limit: 100 });
  return (
    <div className={`view balance-view master-detail ${selected ? 'with-detail' : ''}`} data-testid="balance-view">
      <div className="list-pane">
        <h1>Balance &amp; payouts</h1>
        <BalanceCards scope={scope} />
        <h2>Payouts{payouts.total !== null ? ` · ${payouts.total}` : ''}</h2>
        <ListStates list={payouts} noun="payouts" loadingLabel="Loading payouts…" narrowed={false} narrowedHint="" />
        {payouts.rows.length > 0 ? (
          <div className="table-host">
            <VirtualTable
              label="Payouts"
              columns={COLUMNS}
              rows={payouts.rows}
              getRowId={(p) => p.id}
              onOpen={(p) => navigate('balance', p.id)}
              onEndReached={() => void payouts.fetchNextPage()}
              hasMore={payouts.hasNextPage}
              loading={payouts.isFetchingNextPage}
              activeId={selected}
            />
          </div>
        ) : null}
      </div>
      {selected ? (
        <DetailPane key={selected} label="Payout">
          <PayoutDetailPanel scope={scope} payoutId={selected} onClose={closePane} />
        </DetailPane>
      ) : null}
    </div>
  );
}
