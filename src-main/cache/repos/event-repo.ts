import type Database from 'better-sqlite3';
import type { EventDetail, EventSummary, Page } from '../../../src-preload/contract';
import { keysetPage, prepared } from '../keyset';

export interface EventQuery {
  /** Exact (`charge.refunded`), or a prefix: `charge.*` or `charge.`. */
  type?: string | undefined;
  objectId?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

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

const COLUMNS = 'id, type, created, object_id, object_type, source, applied_at';

const toSummary = (r: Row): EventSummary => ({
  id: r.id,
  type: r.type,
  created: r.created,
  objectId: r.object_id,
  objectType: r.object_type,
  source: r.source,
  appliedAt: r.applied_at,
});

/** The synced event log of one account+mode, for operators. */
export class EventRepo {
  constructor(private readonly db: Database.Database) {}

  /** Newest first, filtered in SQL by type and object id. */
  list(query: EventQuery): Page<EventSummary> {
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
    const page = keysetPage<Row & Record<string, unknown>>(this.db, {
      select: `SELECT ${COLUMNS} FROM events`,
      where,
      params,
      order: { columns: ['created', 'id'], direction: 'desc' },
      cursor: query.cursor ?? null,
      limit: query.limit,
    });
    return { items: page.rows.map(toSummary), nextCursor: page.nextCursor, total: null };
  }

  /** The event with its JSON as Stripe sent it (pretty-printed); null when it isn't in the log. */
  get(id: string): EventDetail | null {
    const row = prepared(this.db, `SELECT ${COLUMNS}, data FROM events WHERE id = ? AND deleted = 0`).get(id) as
      | Row
      | undefined;
    return row ? { ...toSummary(row), json: JSON.stringify(JSON.parse(row.data!), null, 2) } : null;
  }
}
