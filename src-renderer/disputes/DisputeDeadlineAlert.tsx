import { AlertTriangle } from 'lucide-react';
import type { Scope } from '../../src-preload/contract';
import { useCall } from '../ipc/client';
import { useScope } from '../app/session';
import { useRefreshOnSync } from '../app/live-data';
import { useUi } from '../app/ui-store';
import { countdown, useNowSeconds } from './urgency';
import { useDisputesRefresh } from './use-disputes-refresh';

/** In the app header: disputes needing a response due within 48 hours; a click opens the most urgent. */
export function DisputeDeadlineAlert() {
  const scope = useScope();
  return scope ? <UrgentDisputesAlert key={`${scope.accountId}:${scope.mode}`} scope={scope} /> : null;
}

function UrgentDisputesAlert({ scope }: { scope: Scope }) {
  useDisputesRefresh(scope);
  // A dispute the event poll brought in counts at once, not at the next minute's refetch.
  useRefreshOnSync(['disputes.urgent']);
  const navigate = useUi((s) => s.navigate);
  const urgent = useCall('disputes.urgent', { scope }, { refetchInterval: 60_000 }).data;
  const now = useNowSeconds(30_000);
  const first = urgent?.mostUrgent;
  if (!urgent || (!first && urgent.overdue === 0)) return null;
  return (
    <button
      type="button"
      className="dispute-alert"
      role="alert"
      data-testid="dispute-deadline-alert"
      title="Open the most urgent dispute"
      onClick={() => navigate('disputes', first?.id ?? null)}
    >
      <AlertTriangle size={14} aria-hidden="true" className="icon" />{' '}
      {urgent.overdue > 0 ? <span data-testid="overdue-count">{urgent.overdue} overdue</span> : null}
      {urgent.overdue > 0 && first ? ' · ' : null}
      {first ? (
        <>
          {urgent.count === 1 ? '1 dispute' : `${urgent.count} disputes`} due in &lt; 48 h · next in{' '}
          {countdown(first.dueBy, now, false)}
        </>
      ) : null}
    </button>
  );
}
