import type Database from 'better-sqlite3';
import type { ActivityEntry, ActivityFacets, ActivityFilters, Page, Scope } from '../../src-preload/contract';
import { keysetPage } from '../cache/keyset';

interface ActivityRow {
  id: number;
  at: number;
  agent: string;
  account_id: string;
  mode: ActivityEntry['mode'];
  action: string;
  object_id: string;
  amount: number | null;
  currency: string | null;
  outcome: ActivityEntry['outcome'];
  detail: string | null;
  request_id: string | null;
  result_id: string | null;
}

const COLUMNS =
  'id, at, agent, account_id, mode, action, object_id, amount, currency, outcome, detail, request_id, result_id';

/** Reads the Activity log of one account+mode: filtered in SQL, newest first, keyset-paginated on (at, id). */
export class ActivityQueries {
  constructor(private readonly db: Database.Database) {}

  list(
    scope: Scope,
    filters: ActivityFilters,
    options: { cursor?: string | null; limit: number },
  ): Page<ActivityEntry> {
    const { where, params } = conditions(scope, filters);
    const page = keysetPage<ActivityRow & Record<string, unknown>>(this.db, {
      select: `SELECT ${COLUMNS} FROM activity`,
      where,
      params,
      order: { columns: ['at', 'id'], direction: 'desc' },
      cursor: options.cursor ?? null,
      limit: options.limit,
    });
    return {
      items: page.rows.map(toEntry),
      nextCursor: page.nextCursor,
      total: options.cursor ? null : this.count(scope, filters),
    };
  }

  /** Every matching entry, newest first, in pages so a long log never sits in memory twice. */
  *all(scope: Scope, filters: ActivityFilters, pageSize = 1000): Generator<ActivityEntry> {
    let cursor: string | null = null;
    do {
      const page = this.list(scope, filters, { cursor, limit: pageSize });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  count(scope: Scope, filters: ActivityFilters): number {
    const { where, params } = conditions(scope, filters);
    return this.db
      .prepare(`SELECT count(*) FROM activity WHERE ${where.join(' AND ')}`)
      .pluck()
      .get(...params) as number;
  }

  facets(scope: Scope): ActivityFacets {
    const distinct = (column: 'action' | 'agent') =>
      this.db
        .prepare(`SELECT DISTINCT ${column} FROM activity WHERE account_id = ? AND mode = ? ORDER BY ${column}`)
        .pluck()
        .all(scope.accountId, scope.mode) as string[];
    return { actions: distinct('action'), agents: distinct('agent') };
  }
}

export function toEntry(row: ActivityRow): ActivityEntry {
  return {
    id: row.id,
    at: row.at,
    agent: row.agent,
    accountId: row.account_id,
    mode: row.mode,
    action: row.action,
    objectId: row.object_id,
    amount: row.amount,
    currency: row.currency,
    outcome: row.outcome,
    detail: row.detail,
    requestId: row.request_id,
    resultId: row.result_id,
  };
}

function conditions(scope: Scope, filters: ActivityFilters): { where: string[]; params: unknown[] } {
  const where = ['account_id = ?', 'mode = ?'];
  const params: unknown[] = [scope.accountId, scope.mode];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filters.action) add('action = ?', filters.action);
  if (filters.outcome) add('outcome = ?', filters.outcome);
  if (filters.agent) add('agent = ?', filters.agent);
  if (filters.objectId) add('(object_id = ? OR result_id = ?)', filters.objectId, filters.objectId);
  if (filters.from !== undefined) add('at >= ?', filters.from);
  if (filters.to !== undefined) add('at <= ?', filters.to);
  return { where, params };
}
