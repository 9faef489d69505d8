import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import type { Compactor } from './compaction';
import { indexColumns } from './indexing';
import type { CreatedRange, IndexColumn, Mode, ObjectType, StripeObject } from './types';

const MODE_CODE: Record<Mode, number> = { test: 0, live: 1 };
const CODE_MODE: Mode[] = ['test', 'live'];

export interface Cursor {
  created: number;
  id: string;
}

export interface ColumnFilter {
  column: IndexColumn;
  values: string[];
  /** Values are SQL LIKE patterns (e.g. event type wildcards). */
  like?: boolean;
}

export interface RawCondition {
  sql: string;
  params: unknown[];
}

export interface ListQuery {
  mode: Mode;
  type: ObjectType;
  filters?: ColumnFilter[];
  created?: CreatedRange;
  conditions?: RawCondition[];
  startingAfter?: Cursor;
  endingBefore?: Cursor;
  limit: number;
}

export interface ListPage<T> {
  data: T[];
  hasMore: boolean;
}

interface Row {
  json: string;
}

/** All Stripe objects of both modes in one SQLite table, with indexed columns for lists. */
export class ObjectStore {
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(
    readonly db: Db,
    private readonly compactor: Compactor,
  ) {}

  private statement(sql: string): Statement<unknown[]> {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      // Search queries make ad-hoc SQL; keep the cache bounded.
      if (this.statements.size > 500) this.statements.clear();
      stmt = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  get<T extends StripeObject = StripeObject>(mode: Mode, type: ObjectType, id: string): T | undefined {
    const row = this.statement('SELECT json FROM objects WHERE id = ? AND mode = ? AND type = ?').get(
      id,
      MODE_CODE[mode],
      type,
    ) as Row | undefined;
    return row ? (this.compactor.expand(type, row.json) as T) : undefined;
  }

  /** Where an id lives regardless of mode: used for "exists in test mode" messages and expansion. */
  locate(id: string): { mode: Mode; type: ObjectType; created: number } | undefined {
    const row = this.statement('SELECT mode, type, created FROM objects WHERE id = ?').get(id) as
      | { mode: number; type: ObjectType; created: number }
      | undefined;
    if (!row) return undefined;
    return { mode: CODE_MODE[row.mode] ?? 'test', type: row.type, created: row.created };
  }

  put(mode: Mode, type: ObjectType, object: StripeObject, indexedAtMs: number): void {
    const cols = indexColumns(type, object);
    this.statement(
      `INSERT OR REPLACE INTO objects (id, mode, type, created, customer, status, ref1, ref2, indexed_at, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      object.id,
      MODE_CODE[mode],
      type,
      typeof object.created === 'number' ? object.created : 0,
      cols.customer ?? null,
      cols.status ?? null,
      cols.ref1 ?? null,
      cols.ref2 ?? null,
      indexedAtMs,
      this.compactor.compact(type, object),
    );
  }

  delete(id: string): void {
    this.statement('DELETE FROM objects WHERE id = ?').run(id);
  }

  count(mode: Mode, type: ObjectType, filters: ColumnFilter[] = [], conditions: RawCondition[] = []): number {
    const { where, params } = this.whereClause({ mode, type, filters, conditions, limit: 0 });
    const row = this.statement(`SELECT count(*) AS n FROM objects WHERE ${where}`).get(...params) as { n: number };
    return row.n;
  }

  /** Keyset pagination, newest first (created desc, id desc) as Stripe orders lists. */
  list<T extends StripeObject = StripeObject>(query: ListQuery): ListPage<T> {
    const { where, params } = this.whereClause(query);
    const backwards = query.endingBefore !== undefined;
    const order = backwards ? 'created ASC, id ASC' : 'created DESC, id DESC';
    const rows = this.statement(`SELECT json FROM objects WHERE ${where} ORDER BY ${order} LIMIT ?`).all(
      ...params,
      query.limit + 1,
    ) as Row[];
    const hasMore = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    if (backwards) page.reverse();
    return { data: page.map((r) => this.compactor.expand(query.type, r.json) as T), hasMore };
  }

  private whereClause(query: ListQuery): { where: string; params: unknown[] } {
    const clauses = ['mode = ?', 'type = ?'];
    const params: unknown[] = [MODE_CODE[query.mode], query.type];
    for (const filter of query.filters ?? []) {
      if (filter.like) {
        clauses.push(`(${filter.values.map(() => `${filter.column} LIKE ?`).join(' OR ')})`);
      } else {
        clauses.push(`${filter.column} IN (${filter.values.map(() => '?').join(', ')})`);
      }
      params.push(...filter.values);
    }
    const created = query.created ?? {};
    for (const [op, sql] of [
      ['gt', '>'],
      ['gte', '>='],
      ['lt', '<'],
      ['lte', '<='],
    ] as const) {
      const value = created[op];
      if (value !== undefined) {
        clauses.push(`created ${sql} ?`);
        params.push(value);
      }
    }
    for (const condition of query.conditions ?? []) {
      clauses.push(`(${condition.sql})`);
      params.push(...condition.params);
    }
    if (query.startingAfter) {
      // Row-value comparison lets SQLite seek the (created, id) index directly.
      clauses.push('(created, id) < (?, ?)');
      params.push(query.startingAfter.created, query.startingAfter.id);
    }
    if (query.endingBefore) {
      clauses.push('(created, id) > (?, ?)');
      params.push(query.endingBefore.created, query.endingBefore.id);
    }
    return { where: clauses.join(' AND '), params };
  }
}
