import { useDeferredValue, useState } from 'react';
import type { Scope, SubscriptionStatus } from '../../src-preload/contract';
import { DetailPane } from '../app/DetailPane';
import { VirtualTable } from '../app/VirtualTable';
import { Empty, ErrorState, Loading } from '../app/states';
import { useUi } from '../app/ui-store';
import { useInfiniteCall } from '../ipc/client';
import { useRefreshOnSync } from '../app/live-data';
import { SubscriptionDetailPanel } from './SubscriptionDetailPanel';
import { compactSubscriptionColumns, subscriptionColumns } from './subscription-columns';
import { STATUS_LABELS } from './subscription-format';
import { MultiToggleChips } from '../ui/ToggleChips';
import './subscriptions.css';

const FILTERS: SubscriptionStatus[] = ['active', 'trialing', 'past_due', 'unpaid', 'paused', 'canceled', 'incomplete'];

/** All subscriptions of the account+mode from the cache: status filters, search, keyset pages, and the open one's details. */
export function SubscriptionsView({ scope }: { scope: Scope }) {
  const [statuses, setStatuses] = useState<SubscriptionStatus[]>([]);
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const selectedId = useUi((s) => s.selectedId);
  const navigate = useUi((s) => s.navigate);
  const list = useInfiniteCall('subscriptions.list', {
    scope,
    ...(statuses.length ? { statuses } : {}),
    ...(deferredSearch ? { search: deferredSearch } : {}),
    limit: 100,
  });

  // Webhooks and the event poller change subscriptions too (renewals, payment failures).
  useRefreshOnSync(['subscriptions.list', 'subscriptions.get']);

  return (
    <div className={`view subscriptions-view master-detail ${selectedId ? 'with-detail' : ''}`}>
      <div className="list-pane">
        <h1>Subscriptions</h1>
        <div className="toolbar">
          <input
            type="search"
            placeholder="Email, name, cus_ or sub_ id"
            aria-label="Search subscriptions"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <MultiToggleChips
            label="Status filter"
            options={FILTERS}
            labelOf={(status) => STATUS_LABELS[status]}
            selected={statuses}
            onChange={setStatuses}
          />
          <span className="hint" data-testid="subscriptions-total">
            {list.total !== null ? `${list.total.toLocaleString()} subscription${list.total === 1 ? '' : 's'}` : ''}
          </span>
        </div>
        <div className="subscriptions-table">
          {list.error ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.isPending ? (
            <Loading />
          ) : list.rows.length === 0 ? (
            <Empty title="No subscriptions match">
              {search || statuses.length ? 'Try another search or status.' : 'Nothing synced yet for this account.'}
            </Empty>
          ) : (
            <VirtualTable
              label="Subscriptions"
              columns={selectedId ? compactSubscriptionColumns : subscriptionColumns}
              rows={list.rows}
              getRowId={(row) => row.id}
              onOpen={(row) => navigate('subscriptions', row.id)}
              onEndReached={() => void list.fetchNextPage()}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              activeId={selectedId}
            />
          )}
        </div>
      </div>
      {/* The shell's list + pane: beside the list from 1280 px, over it below (the list isn't squeezed). */}
      {selectedId ? (
        <DetailPane key={selectedId} label="Subscription">
          <SubscriptionDetailPanel scope={scope} id={selectedId} onClose={() => navigate('subscriptions')} />
        </DetailPane>
      ) : null}
    </div>
  );
}
