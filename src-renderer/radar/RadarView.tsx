import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { ReviewRow, Scope, WarningRow } from '../../src-preload/contract';
import { DetailPane } from '../app/DetailPane';
import { useRefreshOnSync } from '../app/live-data';
import { ListStates } from '../app/states';
import { useUi } from '../app/ui-store';
import { VirtualTable } from '../app/VirtualTable';
import { useInfiniteCall } from '../ipc/client';
import { Money } from '../money/Money';
import { When } from '../ui/time';
import { FRAUD_TYPE_LABELS, labelIn, REVIEW_REASON_LABELS, RISK_LEVEL_LABELS } from '../ui/labels';
import { ReviewDetail, WarningDetail } from './RadarDetail';
import '../ui/finance-detail.css';

type Tab = 'warnings' | 'reviews';

const customerName = (r: WarningRow | ReviewRow) => r.customer?.name ?? r.customer?.email ?? r.customer?.id ?? '—';

const WARNING_COLUMNS: ColumnDef<WarningRow, unknown>[] = [
  {
    id: 'state',
    header: 'Action',
    size: 130,
    cell: ({ row }) =>
      row.original.actionable ? (
        <span className="badge orange">Refund now</span>
      ) : (
        <span className="badge grey">Settled</span>
      ),
  },
  {
    id: 'amount',
    header: 'Amount',
    size: 120,
    cell: ({ row }) => <Money amount={row.original.charge?.amount} currency={row.original.charge?.currency} />,
  },
  {
    id: 'type',
    header: 'Fraud reported',
    meta: { priority: 2 },
    cell: ({ row }) => labelIn(FRAUD_TYPE_LABELS, row.original.fraudType),
  },
  { id: 'customer', header: 'Customer', meta: { priority: 3 }, cell: ({ row }) => customerName(row.original) },
  {
    id: 'created',
    header: 'Received',
    size: 190,
    meta: { priority: 4 },
    cell: ({ row }) => <When seconds={row.original.created} />,
  },
];

const REVIEW_COLUMNS: ColumnDef<ReviewRow, unknown>[] = [
  {
    id: 'amount',
    header: 'Amount',
    size: 120,
    cell: ({ row }) => <Money amount={row.original.charge?.amount} currency={row.original.charge?.currency} />,
  },
  {
    id: 'risk',
    header: 'Risk',
    size: 170,
    meta: { priority: 2 },
    cell: ({ row }) => {
      const c = row.original.charge;
      if (!c?.riskLevel) return '—';
      const tone = c.riskLevel === 'highest' ? 'red' : c.riskLevel === 'elevated' ? 'orange' : 'grey';
      return (
        <span className={`badge ${tone}`} title={c.riskLevel}>
          {`${labelIn(RISK_LEVEL_LABELS, c.riskLevel)}${c.riskScore !== null ? ` · ${c.riskScore}` : ''}`}
        </span>
      );
    },
  },
  {
    id: 'reason',
    header: 'Reason',
    meta: { priority: 3 },
    cell: ({ row }) => labelIn(REVIEW_REASON_LABELS, row.original.reason),
  },
  { id: 'customer', header: 'Customer', meta: { priority: 4 }, cell: ({ row }) => customerName(row.original) },
  {
    id: 'created',
    header: 'Opened',
    size: 190,
    meta: { priority: 5 },
    cell: ({ row }) => <When seconds={row.original.created} />,
  },
];

/** Preventing disputes: Radar's early fraud warnings (actionable first) and the payments it holds for review. */
export function RadarView({ scope }: { scope: Scope }) {
  const [tab, setTab] = useState<Tab>('warnings');
  const [closedReviews, setClosedReviews] = useState(false);
  const selected = useUi((s) => s.selectedId);
  const navigate = useUi((s) => s.navigate);
  const closePane = useUi((s) => s.closePane);
  useRefreshOnSync(['radar.warnings.list', 'radar.reviews.list']);
  const warnings = useInfiniteCall('radar.warnings.list', { scope, actionableOnly: false, limit: 100 });
  const reviews = useInfiniteCall('radar.reviews.list', { scope, open: !closedReviews, limit: 100 });
  const actionable = useMemo(() => warnings.rows.filter((w) => w.actionable).length, [warnings.rows]);
  const openWarning = warnings.rows.find((w) => w.id === selected) ?? null;
  const openReview = reviews.rows.find((r) => r.id === selected) ?? null;
  const show = (next: Tab) => {
    setTab(next);
    navigate('radar');
  };

  return (
    <div className={`view radar-view master-detail ${selected ? 'with-detail' : ''}`} data-testid="radar-view">
      <div className="list-pane">
        <h1>Fraud &amp; reviews</h1>
        <div className="toolbar">
          <div className="chips" role="tablist" aria-label="Radar queues">
            <button
              type="button"
              role="tab"
              className={`chip ${tab === 'warnings' ? 'on' : ''}`}
              aria-selected={tab === 'warnings'}
              onClick={() => show('warnings')}
              data-testid="tab-warnings"
            >
              Early fraud warnings{actionable > 0 ? ` · ${actionable} to act on` : ''}
            </button>
            <button
              type="button"
              role="tab"
              className={`chip ${tab === 'reviews' ? 'on' : ''}`}
              aria-selected={tab === 'reviews'}
              onClick={() => show('reviews')}
              data-testid="tab-reviews"
            >
              Reviews{!closedReviews && reviews.total ? ` · ${reviews.total} open` : ''}
            </button>
          </div>
          {tab === 'reviews' ? (
            <label className="inline-check">
              <input type="checkbox" checked={closedReviews} onChange={(e) => setClosedReviews(e.target.checked)} />{' '}
              Show closed
            </label>
          ) : null}
        </div>
        {tab === 'warnings' ? (
          <>
            <ListStates
              list={warnings}
              noun="early fraud warnings"
              loadingLabel="Loading warnings…"
              narrowed={false}
              narrowedHint=""
            />
            {warnings.rows.length > 0 ? (
              <div className="table-host">
                <VirtualTable
                  label="Early fraud warnings"
                  columns={WARNING_COLUMNS}
                  rows={warnings.rows}
                  getRowId={(w) => w.id}
                  onOpen={(w) => navigate('radar', w.id)}
                  onEndReached={() => void warnings.fetchNextPage()}
                  hasMore={warnings.hasNextPage}
                  loading={warnings.isFetchingNextPage}
                  activeId={selected}
                />
              </div>
            ) : null}
          </>
        ) : (
          <>
            <ListStates
              list={reviews}
              noun={closedReviews ? 'closed reviews' : 'open reviews'}
              loadingLabel="Loading reviews…"
              narrowed={false}
              narrowedHint=""
            />
            {reviews.rows.length > 0 ? (
              <div className="table-host">
                <VirtualTable
                  label="Reviews"
                  columns={REVIEW_COLUMNS}
                  rows={reviews.rows}
                  getRowId={(r) => r.id}
                  onOpen={(r) => navigate('radar', r.id)}
                  onEndReached={() => void reviews.fetchNextPage()}
                  hasMore={reviews.hasNextPage}
                  loading={reviews.isFetchingNextPage}
                  activeId={selected}
                />
              </div>
            ) : null}
          </>
        )}
      </div>
      {tab === 'warnings' && openWarning ? (
        <DetailPane key={openWarning.id} label="Early fraud warning">
          <WarningDetail scope={scope} warning={openWarning} onClose={closePane} />
        </DetailPane>
      ) : null}
      {tab === 'reviews' && openReview ? (
        <DetailPane key={openReview.id} label="Review">
          <ReviewDetail scope={scope} review={openReview} onClose={closePane} />
        </DetailPane>
      ) : null}
    </div>
  );
}
