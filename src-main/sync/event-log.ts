import type { EventDetail, EventSummary, Page } from '../../src-preload/contract';
import { ConsoleError } from '../../src-preload/contract';
import { keysetPage, type CacheStore } from '../cache';

interface Row {
  id: string;
  type: string;
  created: number;
  object_id: string | null;
  object_type: string | null;
  source: 'poll' | 'webhook' | 'history';
  applied_at: number | null;
  data?: string;
}

const toSummary = (r: Row): EventSummary => ({
  id: r.id,
  type: r.type,
  created: r.created,
  objectId: r.object_id,
  objectType: r.object_type,
  source: r.source,
  appliedAt: r.applied_at,
});

/** The synced event log for operators: newest first, filtered in SQL by type (exact or `prefix.*`) and object id. */
export function listEvents(
  store: CacheStore,
  query: { type?: string; objectId?: string; cursor?: string | null; limit: number },
): Page<EventSummary> {
  const where: string[] = ['deleted = 0'];
  const params: unknown[] = [];
  if (query.type) {
    const prefix = query.type.endsWith('*') ? query.type.slice(0, -1) : query.type.endsWith('.') ? query.type : null;
    if (prefix) {
      where.push('type >= ? AND type < ?');
      params.push(prefix, `${prefix}\uffff`);
    } else {
      where.push('type = ?');
      params.push(query.type);
    }
  }
  if (query.objectId) {
    where.push('object_id = ?');
    params.push(query.objectId);
  }
  const page = keysetPage<Row & Record<string, unknown>>(store.db, {
    select: 'SELECT id, type, created, object_id, object_type, source, applied_at FROM events',
    where,
    params,
    order: { columns: ['created', 'id'], direction: 'desc' },
    cursor: query.cursor ?? null,
    limit: query.limit,
  });
  return { items: page.rows.map(toSummary), nextCursor: page.nextCursor, total: null };
}

export function getEvent(store: CacheStore, id: string): EventDetail {
  const row = store.db
    .prepare(
      'SELECT id, type, created, object_id, object_type, source, applied_at, data FROM events WHERE id = ? AND deleted = 0',
    )
    .get(id) as Row | undefined;
  if (!row) throw new ConsoleError('not_found', `Event ${id} is not in this account’s synced log.`);
  return { ...toSummary(row), json: JSON.stringify(JSON.parse(row.data!), null, 2) };
}
