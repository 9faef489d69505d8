import { CloseButton } from '../app/CloseButton';
import { useState, type FormEvent } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type {
  EventSummary,
  Scope,
  SyncResourceState,
  SyncStateView,
  WebhookDelivery,
  WebhookOutcome,
} from '../../src-preload/contract';
import { Empty, ErrorState, Loading } from '../app/states';
import { VirtualTable } from '../app/VirtualTable';
import { useCall, useConsoleEvent, useInfiniteCall, useMutationCall } from '../ipc/client';
import { formatTime, formatTimeMs, resourceLabel } from '../ui/sync-format';
import { DetailPane } from '../app/DetailPane';
import { humanLabel, optionalLabel } from '../ui/labels';
import { useUi } from '../app/ui-store';
import './events.css';

type Tab = 'events' | 'webhooks' | 'sync';

/** For operators: the synced event log, the webhook receiver's deliveries, and the sync state per resource. */
export function EventsView({ scope }: { scope: Scope }) {
  const [tab, setTab] = useState<Tab>('events');
  const tabs: [Tab, string][] = [
    ['events', 'Events'],
    ['webhooks', 'Webhook deliveries'],
    ['sync', 'Sync state'],
  ];
  return (
    <section className="view events-view" aria-label="Events">
      <h1>Events</h1>
      <nav className="events-tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'active' : ''}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </nav>
      {tab === 'events' ? (
        <EventLog scope={scope} />
      ) : tab === 'webhooks' ? (
        <WebhookLog />
      ) : (
        <SyncState scope={scope} />
      )}
    </section>
  );
}

// Every column sized: wide enough for a full date, the longest event types and Stripe ids.
const eventColumns: ColumnDef<EventSummary, unknown>[] = [
  { header: 'Created', accessorFn: (e) => formatTime(e.created), size: 200 },
  { header: 'Type', accessorKey: 'type', size: 290 },
  { id: 'object', header: 'Object', accessorFn: (e) => e.objectId ?? '—', size: 250, meta: { priority: 2 } },
  // At 960 px the event id (also in the inspector a row opens) gives way rather than scrolling out of sight.
  { id: 'source', header: 'Via', accessorKey: 'source', size: 70, meta: { priority: 3 } },
  {
    id: 'id',
    header: 'Event',
    accessorKey: 'id',
    size: 270,
    meta: { priority: 2 },
    cell: (c) => <span className="mono">{String(c.getValue())}</span>,
  },
];

function EventLog({ scope }: { scope: Scope }) {
  const [draft, setDraft] = useState({ type: '', objectId: '' });
  const [filters, setFilters] = useState({ type: '', objectId: '' });
  // The open event lives in the window's UI state like every pane: Escape closes it, focus goes into it and back.
  const selectedId = useUi((s) => s.selectedId);
  const navigate = useUi((s) => s.navigate);
  const closePane = useUi((s) => s.closePane);
  const openId = selectedId?.startsWith('evt_') ? selectedId : null;
  const input = {
    scope,
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.objectId ? { objectId: filters.objectId } : {}),
  };
  const events = useInfiniteCall('events.list', input);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ type: draft.type.trim(), objectId: draft.objectId.trim() });
  };
  return (
    <div className="events-split">
      <div className="events-main">
        <form className="events-filters" onSubmit={apply} role="search">
          <input
            aria-label="Event type"
            placeholder="Type, e.g. charge.refunded or charge.*"
            value={draft.type}
            onChange={(e) => setDraft({ ...draft, type: e.target.value })}
          />
          <input
            aria-label="Object id"
            placeholder="Object id, e.g. ch_…"
            value={draft.objectId}
            onChange={(e) => setDraft({ ...draft, objectId: e.target.value })}
          />
          <button type="submit" className="secondary">
            Filter
          </button>
        </form>
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        {events.isPending ? (
          <Loading label="Loading events…" />
        ) : events.rows.length === 0 && !events.error ? (
          <Empty title="No events">Events appear here as the sync applies them.</Empty>
        ) : (
          <VirtualTable
            label="Synced events"
            columns={eventColumns}
            rows={events.rows}
            getRowId={(e) => e.id}
            onOpen={(e) => navigate('events', e.id)}
            activeId={openId}
            hasMore={events.hasNextPage}
            loading={events.isFetchingNextPage}
            onEndReached={() => void events.fetchNextPage()}
          />
        )}
      </div>
      {openId ? (
        <DetailPane label={`Event ${openId}`}>
          <EventInspector scope={scope} id={openId} onClose={closePane} />
        </DetailPane>
      ) : null}
    </div>
  );
}

function EventInspector({ scope, id, onClose }: { scope: Scope; id: string; onClose: () => void }) {
  const event = useCall('events.get', { scope, id });
  return (
    <div className="event-inspector panel">
      <header className="detail-header">
        <strong className="mono">{id}</strong>
        <CloseButton label="Close event" onClick={onClose} />
      </header>
      <ErrorState error={event.error} />
      {event.data ? (
        <>
          {/* Each part whole on its line: a narrow pane wrapped "Dec 2, 2026," away from its "12:09 PM". */}
          <p className="hint event-meta">
            <span>{event.data.type}</span> · <span>{formatTime(event.data.created)}</span> ·{' '}
            <span>via {event.data.source}</span>
            {event.data.appliedAt ? (
              <>
                {' '}
                · <span>applied {formatTimeMs(event.data.appliedAt)}</span>
              </>
            ) : null}
          </p>
          <pre className="event-json" data-testid="event-json">
            {event.data.json}
          </pre>
        </>
      ) : (
        <Loading />
      )}
    </div>
  );
}

const deliveryColumns: ColumnDef<WebhookDelivery, unknown>[] = [
  { header: 'Received', accessorFn: (d) => formatTimeMs(d.receivedAt), size: 180 },
  {
    header: 'Outcome',
    accessorKey: 'outcome',
    size: 100,
    cell: (c) => (
      <span className={`badge outcome-${String(c.getValue())}`} title={String(c.getValue())}>
        {humanLabel(String(c.getValue()))}
      </span>
    ),
  },
  { header: 'Reason', accessorFn: (d) => d.reason ?? '' },
  { header: 'Type', accessorFn: (d) => d.eventType ?? '—' },
  { header: 'Event', accessorFn: (d) => d.eventId ?? '—' },
  { header: 'Mode', accessorFn: (d) => optionalLabel(d.mode), size: 60 },
];

function WebhookLog() {
  const [outcome, setOutcome] = useState<WebhookOutcome | ''>('');
  const status = useCall('webhooks.status', {});
  const deliveries = useInfiniteCall('webhooks.deliveries', outcome ? { outcome } : {});
  useConsoleEvent('webhooks.delivery', () => {
    void deliveries.refetch();
    void status.refetch();
  });
  const s = status.data;
  return (
    <div className="events-main">
      <div className="events-filters">
        <span className="hint" data-testid="webhook-receiver-status">
          {!s
            ? ''
            : !s.enabled
              ? 'Receiver off (turn it on in Settings).'
              : s.listening
                ? `Listening on 127.0.0.1:${s.port}${s.hasSecret ? '' : ' — no signing secret set: every delivery is rejected'} · ${s.pending} waiting to apply${s.refused ? ` · ${s.refused} unsigned or foreign requests refused` : ''}`
                : `Not listening: ${s.error ?? 'starting…'}`}
        </span>
        <select
          aria-label="Outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as WebhookOutcome | '')}
        >
          <option value="">All outcomes</option>
          <option value="accepted">Accepted</option>
          <option value="duplicate">Duplicate</option>
          <option value="rejected">Rejected</option>
        </select>
      </div>
      <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      {deliveries.isPending ? (
        <Loading />
      ) : deliveries.rows.length === 0 ? (
        <Empty title="No deliveries">
          Forward events with `stripe listen --forward-to 127.0.0.1:{s?.port ?? 4343}`.
        </Empty>
      ) : (
        <VirtualTable
          label="Webhook deliveries"
          columns={deliveryColumns}
          rows={deliveries.rows}
          getRowId={(d) => String(d.id)}
          hasMore={deliveries.hasNextPage}
          loading={deliveries.isFetchingNextPage}
          onEndReached={() => void deliveries.fetchNextPage()}
        />
      )}
    </div>
  );
}

function SyncState({ scope }: { scope: Scope }) {
  const state = useCall('sync.state', { scope }, { refetchInterval: 2000 });
  const start = useMutationCall('sync.start', ['sync.state', 'sync.status']);
  const resync = useMutationCall('sync.resync', ['sync.state', 'sync.status']);
  const s = state.data;
  return (
    <div className="events-main sync-state">
      <ErrorState error={state.error ?? start.error ?? resync.error} />
      <div className="events-filters">
        <button type="button" className="secondary" onClick={() => start.mutate({ scope })} disabled={start.isPending}>
          Sync now
        </button>
        <button
          type="button"
          className="secondary"
          disabled={resync.isPending}
          onClick={() => {
            if (window.confirm('List everything from Stripe again? Cached data stays visible meanwhile.'))
              resync.mutate({ scope });
          }}
        >
          Re-sync everything
        </button>
      </div>
      {!s ? <Loading /> : <SyncTables state={s} />}
    </div>
  );
}

/** The account's sync position and each resource's backfill; a column no resource fills is left out. */
function SyncTables({ state: s }: { state: SyncStateView }) {
  const withCheckpoint = s.resources.some((r) => r.cursor);
  const withError = s.resources.some((r) => r.lastError);
  return (
    <>
      <dl className="sync-meta">
        <dt>Data as of</dt>
        <dd>{formatTime(s.dataAsOf)}</dd>
        <dt>Last event poll</dt>
        <dd>{formatTimeMs(s.lastPollAt)}</dd>
        <dt>Events since</dt>
        <dd>{formatTime(s.eventsSince)}</dd>
        <dt>Last event</dt>
        <dd className="mono">{s.lastEventId ?? '—'}</dd>
        {s.backfillReason ? (
          <>
            <dt>Backfill reason</dt>
            <dd>
              {s.backfillReason === 'away_over_30_days'
                ? 'Away longer than 30 days: everything re-listed'
                : s.backfillReason}
            </dd>
          </>
        ) : null}
      </dl>
      <table className="sync-state-table" aria-label="Sync state per resource">
        <thead>
          <tr>
            <th>Resource</th>
            <th>State</th>
            <th>Cached</th>
            <th>Fetched</th>
            <th>Last run</th>
            <th>Completed</th>
            {withCheckpoint ? <th>Checkpoint</th> : null}
            {withError ? <th>Last error</th> : null}
          </tr>
        </thead>
        <tbody>
          {s.resources.map((r: SyncResourceState) => (
            <tr key={r.resource}>
              <td>{resourceLabel(r.resource)}</td>
              <td>{r.complete ? 'Complete' : r.startedAt ? 'In progress' : 'Not started'}</td>
              <td className="num">{r.cached.toLocaleString()}</td>
              <td className="num">{r.fetched.toLocaleString()}</td>
              <td>{formatTimeMs(r.lastRunAt)}</td>
              <td>{formatTimeMs(r.completedAt)}</td>
              {withCheckpoint ? <td className="mono">{r.cursor ?? '—'}</td> : null}
              {withError ? <td className="sync-error">{r.lastError ?? ''}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
