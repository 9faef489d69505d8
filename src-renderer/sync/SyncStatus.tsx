import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ChevronUp, RefreshCw } from 'lucide-react';
import { useUi } from '../app/ui-store';
import { plainWords } from '../ui/labels';
import type { SyncProgress, SyncResourceProgress } from '../../src-preload/contract';
import { useScope } from '../app/session';
import { useCall, useConsoleEvent } from '../ipc/client';
import { formatDuration, formatTime, resourceLabel } from '../ui/sync-format';
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
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const view = useUi((s) => s.view);
  useEffect(() => setOpen(false), [view]);
  useEffect(() => {
    if (!open) return;
    // Capture phase: Escape closes this popover before it reaches the window's "close the pane" shortcut.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      setOpen(false);
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, [open]);
  if (!scope || !status) return null;
  return (
    <div ref={root} className={`sync-status phase-${status.phase}`} data-testid="sync-status">
      <button
        type="button"
        className="sync-summary"
        aria-expanded={open}
        aria-controls="sync-resources"
        onClick={() => setOpen(!open)}
      >
        <RefreshCw size={12} aria-hidden="true" className={`icon ${status.phase === 'backfill' ? 'spinning' : ''}`} />
        <span role="status" aria-live="polite">
          {summary(status)}
        </span>
        <ChevronUp size={12} aria-hidden="true" className="icon" />
      </button>
      {open ? (
        <div id="sync-resources" className="sync-popover">
          {status.phase === 'offline' || status.phase === 'rate_limited' || status.phase === 'error' ? (
            <p className={`sync-note phase-${status.phase}`}>{note(status)}</p>
          ) : null}
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
                <ResourceRow key={r.resource} resource={r} paused={status.phase === 'offline'} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** Above the table when sync isn't running normally: what is wrong, and that nothing is lost. */
function note(status: SyncProgress): string {
  if (status.phase === 'offline')
    return 'Stripe can’t be reached, so nothing new is copied. What is already here stays readable; sync picks up where it stopped once Stripe answers.';
  if (status.phase === 'rate_limited')
    return 'Stripe asked the console to slow down: sync waits and then goes on by itself.';
  return `Sync stopped: ${status.message ? plainWords(status.message) : 'an error'}.`;
}

/** `paused`: offline, so a copied resource isn't "up to date" any more — it is as of the last sync. */
function ResourceRow({ resource: r, paused }: { resource: SyncResourceProgress; paused: boolean }) {
  return (
    <tr>
      <td>{resourceLabel(r.resource)}</td>
      <td className="num">{r.done.toLocaleString()}</td>
      <td className="num">{r.complete ? '—' : `${r.ratePerSecond.toLocaleString()}/s`}</td>
      <td className="num">{r.complete ? '—' : formatDuration(r.etaSeconds)}</td>
      <td>
        {r.lastError ? (
          <span className="sync-error" title={plainWords(r.lastError)}>
            {plainWords(r.lastError)}
          </span>
        ) : paused ? (
          'Paused'
        ) : r.complete ? (
          'Up to date'
        ) : (
          'Syncing'
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
      return status.message ? plainWords(status.message) : 'Rate limited — waiting';
    case 'error':
      return `Sync stopped: ${status.message ? plainWords(status.message) : 'an error'}`;
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
      const note = status.message ? ` · ${plainWords(status.message)}` : '';
      return `Syncing ${done}/${status.resources.length} · ${Math.round(rate).toLocaleString()} objects/s · ETA ${formatDuration(eta)}${note}`;
    }
  }
}
