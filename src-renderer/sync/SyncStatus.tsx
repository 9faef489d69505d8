import { useQueryClient } from '@tanstack/react-query';
import type { SyncProgress, SyncResourceProgress } from '../../src-preload/contract';
import { useScope } from '../app/session';
import { useCall, useConsoleEvent } from '../ipc/client';
import { formatDuration, formatTime, resourceLabel } from './format';
import './sync.css';

/** Status-bar sync summary: what is syncing, how fast, how long to go; details per resource on demand. */
export function SyncStatus() {
  const scope = useScope();
  const queryClient = useQueryClient();
  useConsoleEvent('sync.progress', (progress) => {
    queryClient.setQueryData(
      ['sync.status', { scope: { accountId: progress.accountId, mode: progress.mode } }],
      progress,
    );
  });
  const status = useCall(
    'sync.status',
    { scope: scope ?? { accountId: 'acct_none', mode: 'test' } },
    { enabled: scope !== null },
  ).data;
  if (!scope || !status) return null;
  return (
    <details className={`sync-status phase-${status.phase}`} data-testid="sync-status">
      <summary role="status" aria-live="polite">
        {summary(status)}
      </summary>
      <table className="sync-resources" aria-label="Sync progress per resource">
        <thead>
          <tr>
            <th>Resource</th>
            <th>Objects</th>
            <th>Rate</th>
            <th>ETA</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {status.resources.map((r) => (
            <ResourceRow key={r.resource} resource={r} />
          ))}
        </tbody>
      </table>
    </details>
  );
}

function ResourceRow({ resource: r }: { resource: SyncResourceProgress }) {
  return (
    <tr>
      <td>{resourceLabel(r.resource)}</td>
      <td className="num">{r.done.toLocaleString()}</td>
      <td className="num">{r.complete ? '—' : `${r.ratePerSecond.toLocaleString()}/s`}</td>
      <td className="num">{r.complete ? '—' : formatDuration(r.etaSeconds)}</td>
      <td>
        {r.lastError ? (
          <span className="sync-error" title={r.lastError}>
            error
          </span>
        ) : r.complete ? (
          'complete'
        ) : (
          'syncing'
        )}
      </td>
    </tr>
  );
}

function summary(status: SyncProgress): string {
  switch (status.phase) {
    case 'offline':
      // The status bar already says "Offline — data as of …": this part says what sync does about it.
      return 'Sync paused — resumes by itself when Stripe answers';
    case 'rate_limited':
      return status.message ?? 'Rate limited — waiting';
    case 'error':
      return `Sync stopped: ${status.message ?? 'error'}`;
    case 'idle':
      return status.dataAsOf ? `Synced — data as of ${formatTime(status.dataAsOf)}` : 'Not synced yet';
    case 'incremental':
      return `Up to date · ${formatTime(status.dataAsOf)}`;
    case 'backfill': {
      const pending = status.resources.filter((r) => !r.complete);
      const done = status.resources.filter((r) => r.complete).length;
      const rate = pending.reduce((sum, r) => sum + r.ratePerSecond, 0);
      const etas = pending.map((r) => r.etaSeconds);
      const eta = etas.some((e) => e === null) ? null : Math.max(0, ...(etas as number[]));
      const note = status.message ? ` · ${status.message}` : '';
      return `Syncing ${done}/${status.resources.length} · ${Math.round(rate).toLocaleString()} objects/s · ETA ${formatDuration(eta)}${note}`;
    }
  }
}
