import { useState } from 'react';
import type { Scope } from '../../src-preload/contract';
import { Empty, ErrorState, Loading } from '../app/states';
import { useInfiniteCall } from '../ipc/client';
import { useRefreshOnSync } from '../app/live-data';
import { SubscriptionActions } from './SubscriptionActions';
import { NextInvoiceCell, StatusBadge, cancellationState, formatDate, itemsSummary } from './subscription-format';
import './subscriptions.css';

/** The subscriptions on a customer's page, each with the same confirmed actions as the subscriptions view. */
export function CustomerSubscriptions({ scope, customerId }: { scope: Scope; customerId: string }) {
  const list = useInfiniteCall('subscriptions.list', { scope, customerId, limit: 50 });
  const [openId, setOpenId] = useState<string | null>(null);
  useRefreshOnSync(['subscriptions.list']);
  if (list.isPending) return <Loading label="Loading subscriptions…" />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.rows.length === 0) return <Empty title="No subscriptions" />;
  return (
    <div className="customer-subscriptions" data-testid="customer-subscriptions">
      {list.rows.map((sub) => {
        const cancellation = cancellationState(sub);
        const open = openId === sub.id;
        return (
          <article key={sub.id} className="panel customer-subscription">
            <header>
              <StatusBadge status={sub.status} />
              {cancellation ? <span className={`badge ${cancellation.tone}`}>{cancellation.label}</span> : null}
              {sub.pause ? <span className="badge grey">Collection paused ({sub.pause.behavior})</span> : null}
              <span className="mono">{sub.id}</span>
              <button
                type="button"
                className="secondary"
                aria-expanded={open}
                onClick={() => setOpenId(open ? null : sub.id)}
              >
                {open ? 'Hide actions' : 'Actions'}
              </button>
            </header>
            <div>{itemsSummary(sub)}</div>
            <div className="hint">
              Period {formatDate(sub.currentPeriodStart)} – {formatDate(sub.currentPeriodEnd)} · Next invoice:{' '}
              <NextInvoiceCell row={sub} />
            </div>
            {open ? <SubscriptionActions scope={scope} subscription={sub} /> : null}
          </article>
        );
      })}
      {list.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          Show more
        </button>
      ) : null}
    </div>
  );
}
