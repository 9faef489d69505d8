import { ArrowLeft, ExternalLink } from 'lucide-react';
import { useQueryClient } from '@tanstack/react-query';
import type { Scope } from '../../src-preload/contract';
import type { DisputeDetail } from '../../src-preload/contract/disputes';
import { invoke, useCall } from '../ipc/client';
import { useUi } from '../app/ui-store';
import { ErrorState, Loading } from '../app/states';
import { Money } from '../money/Money';
import { AcceptDispute } from './AcceptDisputeDialog';
import { DeadlineCell } from './DeadlineCell';
import { DisputeFacts } from './DisputeFacts';
import { EvidenceEditor } from './EvidenceEditor';
import { ReviewPanel } from './ReviewPanel';
import { fieldLabel, humanLabel } from '../ui/labels';
import { StatusBadge } from './labels';
import { useDisputesRefresh } from './use-disputes-refresh';
import { DisputeMoney } from './DisputeMoney';

/** One dispute: what was disputed, by whom, the guidance for its reason, the evidence editor and the review. */
export function DisputeDetailView({ scope, disputeId }: { scope: Scope; disputeId: string }) {
  const refresh = useDisputesRefresh(scope);
  const queryClient = useQueryClient();
  const navigate = useUi((s) => s.navigate);
  const detail = useCall('disputes.get', { scope, disputeId }, { refetchOnWindowFocus: false });
  const online = useCall('connectivity.get', {}).data?.online ?? true;
  const replace = (next: DisputeDetail) => {
    queryClient.setQueryData(['disputes.get', { scope, disputeId }], next);
    void refresh();
  };

  if (detail.isLoading) return <Loading label="Loading dispute…" />;
  if (!detail.data) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  return (
    <div className="view dispute-detail" data-testid="dispute-detail">
      <div className="toolbar">
        <button type="button" className="secondary" onClick={() => navigate('disputes')}>
          <ArrowLeft size={14} aria-hidden="true" /> Queue
        </button>
        <h1>
          <Money amount={d.row.amount} currency={d.row.currency} /> · {humanLabel(d.row.reason)}
        </h1>
        <StatusBadge status={d.row.status} />
        <DeadlineCell status={d.row.status} dueBy={d.row.dueBy} />
        <span className="spacer" />
        <button
          type="button"
          className="secondary"
          onClick={() => void invoke('shell.openExternal', { url: d.dashboardUrl })}
        >
          Open in Stripe Dashboard <ExternalLink size={14} aria-hidden="true" />
        </button>
        <AcceptDispute scope={scope} detail={d} online={online} onAccepted={replace} />
      </div>
      <p className="hint mono">{d.row.id}</p>
      <div className="dispute-columns">
        <div className="dispute-main">
          <section className="panel guidance" aria-label="Guidance" data-testid="guidance">
            <h2>What wins a “{humanLabel(d.guidance.reason)}” dispute</h2>
            <p>{d.guidance.summary}</p>
            <ol>
              {d.guidance.fields.map((f) => (
                <li key={f.field}>
                  <strong>{fieldLabel(f.field)}</strong> — {f.why}
                </li>
              ))}
            </ol>
          </section>
          <EvidenceEditor key={d.lockedReason ?? 'open'} scope={scope} detail={d} online={online} />
        </div>
        <div className="dispute-side">
          <DisputeFacts detail={d} onOpenDispute={(id) => navigate('disputes', id)} />
          <DisputeMoney detail={d} />
          <ReviewPanel
            key={d.review.updatedAt ?? 0}
            scope={scope}
            disputeId={disputeId}
            review={d.review}
            onSaved={() => void refresh()}
          />
        </div>
      </div>
    </div>
  );
}
