import type Database from 'better-sqlite3';
import { ConsoleError } from '../../src-preload/contract';

/**
 * Keyset pagination: a page continues strictly after the last row's sort key, so pages stay stable while
 * rows are inserted and cost the same at row 1,000,000 as at row 1. Cursors are opaque to the renderer.
 */
export interface KeysetOrder {
  /** Sort columns, most significant first; the last must be unique (usually `id` or `rowid`). Each must be selected under its own name. */
  columns: string[];
  direction: 'asc' | 'desc';
}

export interface KeysetQuery {
  /** e.g. `SELECT id, created, data FROM charges` */
  select: string;
  where?: string[];
  params?: unknown[];
  order: KeysetOrder;
  cursor?: string | null;
  limit: number;
}

export interface KeysetPage<Row> {
  rows: Row[];
  nextCursor: string | null;
}

type KeyValue = string | number | null;

export function encodeCursor(values: KeyValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, width: number): KeyValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  if (
    !Array.isArray(values) ||
    values.length !== width ||
    !values.every((v) => v === null || ['string', 'number'].includes(typeof v))
  ) {
    throw new ConsoleError(
      'invalid_input',
      'That page cursor is not valid for this list. Start again from the first page.',
    );
  }
  return values as KeyValue[];
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Statements are reused per connection: preparing (above all an FTS5 MATCH) costs more than running. */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size > 200) cache.clear();
    cache.set(sql, (statement = db.prepare(sql)));
  }
  return statement;
}

/** Runs a keyset-paginated query: `WHERE … AND (cols) < (cursor) ORDER BY cols DESC LIMIT n+1`. */
export function keysetPage<Row extends Record<string, unknown>>(
  db: Database.Database,
  query: KeysetQuery,
): KeysetPage<Row> {
  const { columns, direction } = query.order;
  const where = [...(query.where ?? [])];
  const params = [...(query.params ?? [])];
  if (query.cursor) {
    const values = decodeCursor(query.cursor, columns.length);
    where.push(`(${columns.join(', ')}) ${direction === 'desc' ? '<' : '>'} (${columns.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  const sql = `${query.select}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${columns
    .map((c) => `${c} ${direction.toUpperCase()}`)
    .join(', ')} LIMIT ?`;
  const rows = prepared(db, sql).all(...params, query.limit + 1) as Row[];
  const more = rows.length > query.limit;
  if (more) rows.pop();
  const last = rows[rows.length - 1];
  return {
    rows,
    nextCursor: more && last ? encodeCursor(columns.map((c) => last[c.split('.').pop()!] as KeyValue)) : null,
  };
}
