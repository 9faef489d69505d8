import { useDeferredValue, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ActivityFilters, ActivityOutcome, ConsoleError, Scope } from '../../src-preload/contract';
import { ACTIVITY_OUTCOMES } from '../../src-preload/contract/activity';
import { VirtualTable } from '../app/VirtualTable';
import { Empty, ErrorState, Loading } from '../app/states';
import { invoke, useCall, useConsoleEvent, useInfiniteCall } from '../ipc/client';
import { activityColumns } from './activity-columns';
import { saveTextFile } from '../ui/save-file';
import { DateRangeInputs, type DayRange } from '../ui/DateRangeInputs';
import { actionLabel, humanLabel } from '../ui/labels';
import { DetailPane } from '../app/DetailPane';
import { useUi } from '../app/ui-store';
import { ActivityDetail } from './ActivityDetail';
import './activity.css';

/** The local, append-only record of what agents did in this account+mode: filters, CSV export, live updates. */
export function ActivityView({ scope }: { scope: Scope }) {
  const queryClient = useQueryClient();
  const selectedId = useUi((s) => s.selectedId);
  const navigate = useUi((s) => s.navigate);
  const closePane = useUi((s) => s.closePane);
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState<ActivityOutcome | ''>('');
  const [agent, setAgent] = useState('');
  const [objectId, setObjectId] = useState('');
  const [days, setDays] = useState<DayRange>({});
  const deferredObjectId = useDeferredValue(objectId.trim());
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<ConsoleError | null>(null);

  const filters: ActivityFilters = {
    ...(action ? { action } : {}),
    ...(outcome ? { outcome } : {}),
    ...(agent ? { agent } : {}),
    ...(deferredObjectId ? { objectId: deferredObjectId } : {}),
    ...(days.from !== undefined ? { from: days.from } : {}),
    // Activity's `to` is inclusive: the last second of the last day.
    ...(days.to !== undefined ? { to: days.to - 1 } : {}),
  };
  const list = useInfiniteCall('activity.list', { scope, filters, limit: 100 });
  const facets = useCall('activity.facets', { scope }).data;

  useConsoleEvent('activity.recorded', (entry) => {
    if (entry.accountId !== scope.accountId || entry.mode !== scope.mode) return;
    void queryClient.invalidateQueries({ queryKey: ['activity.list'] });
    void queryClient.invalidateQueries({ queryKey: ['activity.facets'] });
  });
  // Team mode: entries recorded while the team database was out of reach are marked until they are shared.
  useConsoleEvent('team.changed', () => void queryClient.invalidateQueries({ queryKey: ['activity.list'] }));

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const file = await invoke('activity.exportCsv', { scope, filters });
      saveTextFile(file.filename, file.csv, 'text/csv');
    } catch (err) {
      setExportError(err as ConsoleError);
    } finally {
      setExporting(false);
    }
  };

  const filtered = Object.keys(filters).length > 0;
  const open = list.rows.find((entry) => String(entry.id) === selectedId) ?? null;
  return (
    <div className={`view activity-view master-detail ${open ? 'with-detail' : ''}`}>
      <div className="list-pane">
        <h1>Activity</h1>
        <div className="toolbar activity-filters">
          <select aria-label="Action" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">All actions</option>
            {facets?.actions.map((a) => (
              <option key={a} value={a} title={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
          <select
            aria-label="Outcome"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as ActivityOutcome | '')}
          >
            <option value="">All outcomes</option>
            {ACTIVITY_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {humanLabel(o)}
              </option>
            ))}
          </select>
          <select aria-label="Agent" value={agent} onChange={(e) => setAgent(e.target.value)}>
            <option value="">All agents</option>
            {facets?.agents.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <input
            type="search"
            aria-label="Object id"
            placeholder="Object id (ch_, sub_, re_…)"
            value={objectId}
            onChange={(e) => setObjectId(e.target.value)}
          />
          <DateRangeInputs range={days} onChange={setDays} />
          <button
            type="button"
            className="primary export-button"
            disabled={exporting || list.rows.length === 0}
            onClick={() => void exportCsv()}
          >
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
          <span className="hint" data-testid="activity-total">
            {list.total !== null ? `${list.total.toLocaleString()} entr${list.total === 1 ? 'y' : 'ies'}` : ''}
          </span>
        </div>
        <ErrorState error={exportError} />
        <div className="activity-table">
          {list.error ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.isPending ? (
            <Loading />
          ) : list.rows.length === 0 ? (
            <Empty title={filtered ? 'No activity matches these filters' : 'No activity yet'}>
              Refunds, captures, subscription changes and dispute actions taken in this {scope.mode} account appear
              here.
            </Empty>
          ) : (
            <VirtualTable
              label="Activity"
              columns={activityColumns}
              rows={list.rows}
              getRowId={(row) => String(row.id)}
              onOpen={(row) => navigate('activity', String(row.id))}
              activeId={open ? String(open.id) : null}
              onEndReached={() => void list.fetchNextPage()}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
            />
          )}
        </div>
      </div>
      {open ? (
        <DetailPane key={open.id} label="Activity entry">
          <ActivityDetail entry={open} onClose={closePane} />
        </DetailPane>
      ) : null}
    </div>
  );
}
