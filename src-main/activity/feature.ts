import type { ActivityEntry } from '../../src-preload/contract';
import type { CoreServices, Feature } from '../app/feature';
import { ActivityCsv } from './activity-csv';
import type { ActivityEntryInput } from './activity-log';

type ActivityCalls = 'activity.list' | 'activity.facets' | 'activity.exportCsv';

export interface ActivityFeatureDeps {
  /** Team mode: which of these entries are not in the team's Activity yet (its outbox). */
  unshared?: (ids: number[]) => Set<number>;
}

/** The Activity view's calls, and `activity.recorded` pushed for every new entry (ledger outcomes and direct records). */
export function createActivityFeature(core: CoreServices, deps: ActivityFeatureDeps = {}): Feature<ActivityCalls> {
  const { queries } = core.activity;
  let unsubscribe: (() => void) | null = null;
  /** Entries not shared with the team yet say so (only those carry the flag). */
  const marked = (entries: ActivityEntry[]): ActivityEntry[] => {
    const unshared = deps.unshared?.(entries.map((e) => e.id));
    return unshared?.size ? entries.map((e) => (unshared.has(e.id) ? { ...e, unshared: true } : e)) : entries;
  };

  return {
    handlers: {
      'activity.list': ({ scope, filters, cursor, limit }) => {
        const page = queries.list(scope, filters, { cursor, limit });
        return { ...page, items: marked(page.items) };
      },
      'activity.facets': ({ scope }) => queries.facets(scope),
      'activity.exportCsv': ({ scope, filters }) => ({
        filename: ActivityCsv.filename(scope.accountId, scope.mode, new Date(core.now())),
        ...ActivityCsv.build(queries.all(scope, filters)),
      }),
    },
    async start() {
      unsubscribe = core.activity.onRecord((entry) =>
        core.events.emit('activity.recorded', marked([recorded(entry)])[0]!),
      );
    },
    async stop() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}

function recorded(entry: ActivityEntryInput & { id: number; at: number }): ActivityEntry {
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
