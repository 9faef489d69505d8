import type { Scope } from '../../src-preload/contract';
import { ErrorState, Loading } from '../app/states';
import { useInfiniteCall } from '../ipc/client';
import { Money } from '../money/Money';
import { When } from '../ui/time';
import { eventLabel } from '../ui/labels';
import { StatusBadge } from '../ui/payment-badges';

/** What happened to the customer and their objects, newest first, from the cached events. */
export function CustomerTimeline({ scope, customerId }: { scope: Scope; customerId: string }) {
  const timeline = useInfiniteCall('customers.timeline', { scope, customerId, limit: 50 });
  if (timeline.isPending) return <Loading label="Loading timeline…" />;
  if (timeline.error) return <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (timeline.rows.length === 0) return <p className="hint">No events cached for this customer yet.</p>;
  return (
    <>
      <ol className="timeline" data-testid="customer-timeline">
        {timeline.rows.map((e) => (
          <li key={e.id} data-event-type={e.type}>
            <When seconds={e.created} />
            <span className="event-type" title={e.type}>
              {eventLabel(e.type)}
            </span>
            {e.amount !== null && e.currency ? <Money amount={e.amount} currency={e.currency} /> : null}
            <StatusBadge status={e.status} />
            <span className="mono hint">{e.objectId}</span>
          </li>
        ))}
      </ol>
      {timeline.hasNextPage ? (
        <button
          type="button"
          className="secondary small"
          disabled={timeline.isFetchingNextPage}
          onClick={() => void timeline.fetchNextPage()}
        >
          {timeline.isFetchingNextPage ? 'Loading…' : 'Older events'}
        </button>
      ) : null}
    </>
  );
}
