import type { CoreServices, Feature } from '../app/feature';
import { ActivityCsv } from './activity-csv';
import type { ActivityEntryInput } from './activity-log';

type ActivityCalls = 'activity.list' | 'activity.facets' | 'activity.exportCsv';

/** The Activity view's calls, and `activity.recorded` pushed for every new entry (ledger outcomes and direct records). */
export function createActivityFeature(core: CoreServices): Feature<ActivityCalls> {
  const { queries } = core.activity;
  let unsubscribe: (() => void) | null = null;

  return {
    handlers: {
      'activity.list': ({ scope, filters, cursor, limit }) => queries.list(scope, filters, { cursor, limit }),
      'activity.facets': ({ scope }) => queries.facets(scope),
      'activity.exportCsv': ({ scope, filters }) => ({
        filename: ActivityCsv.filename(scope.accountId, scope.mode, new Date(core.now())),
        ...ActivityCsv.build(queries.all(scope, filters)),
      }),
    },
    async start() {
      unsubscribe = core.activity.onRecord((entry) => core.events.emit('activity.recorded', recorded(entry)));
    },
    async stop() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}

function recorded(entry: ActivityEntryInput & { id: number; at: number }) {
  return {
    id: entry.id,
    at: entry.at,
    agent: entry.agent,
    accountId: entry.accountId,
    mode: entry.mode,
    action: entry.action,
    objectId: entry.objectId,
    amount: entry.amount ?? null,
    currency: entry.currency ?? null,
    outcome: entry.outcome,
    detail: entry.detail ?? null,
    requestId: entry.requestId ?? null,
    resultId: entry.resultId ?? null,
  };
}
