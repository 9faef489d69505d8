import type Database from 'better-sqlite3';
import { parse, type Json } from '../../stripe/stripe-json';
import { prepared } from '../keyset';

/** The stored Stripe JSON a query selects (its one `data` column), parsed: what the row builders read. */
export function storedObjects(db: Database.Database, sql: string, ...params: unknown[]): Json[] {
  return (
    prepared(db, sql)
      .pluck()
      .all(...params) as string[]
  ).map(parse);
}
