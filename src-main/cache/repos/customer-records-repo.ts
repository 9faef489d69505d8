import type Database from 'better-sqlite3';
import { TABLES } from '../columns';
import type { Freshness } from '../freshness';
import type { Resource } from '../resources';
import { prepared } from '../keyset';

/** The cached tables that hold a customer's own objects, and how each finds them. */
const OWNED: [Resource, string][] = [
  ['customers', 'SELECT id FROM customers WHERE id = ?'],
  ['payment_methods', 'SELECT id FROM payment_methods WHERE customer = ?'],
  ['payment_intents', 'SELECT id FROM payment_intents WHERE customer = ?'],
  ['charges', 'SELECT id FROM charges WHERE customer = ?'],
  ['refunds', 'SELECT r.id FROM refunds r JOIN charges ch ON ch.id = r.charge WHERE ch.customer = ?'],
  ['disputes', 'SELECT d.id FROM disputes d JOIN charges ch ON ch.id = d.charge WHERE ch.customer = ?'],
  ['subscriptions', 'SELECT id FROM subscriptions WHERE customer = ?'],
  ['invoices', 'SELECT id FROM invoices WHERE customer = ?'],
];

export type CustomerRecords = Partial<Record<Resource, { id: string; data: string }[]>>;

/**
 * Everything this machine caches about one customer — for a data-subject export, and for the purge after a
 * deletion. The purge leaves a tombstone per object (id only, so a late snapshot can't bring it back), drops the
 * events that carried their data and the search index entries, and remembers the customer so events that arrive
 * later are purged too.
 */
export class CustomerRecordsRepo {
  constructor(
    private readonly db: Database.Database,
    /** CacheStore.markDeleted: marks the row deleted and drops its search entries. */
    private readonly markDeleted: (resource: Resource, id: string, freshness: Freshness) => void,
  ) {}

  /** Live (not deleted) rows per table, the events about them included. */
  collect(customerId: string): CustomerRecords {
    const records: CustomerRecords = {};
    const ids: string[] = [];
    for (const [resource, sql] of OWNED) {
      const rows = prepared(this.db, `SELECT id, data FROM ${resource} WHERE deleted = 0 AND id IN (${sql})`).all(
        customerId,
      ) as { id: string; data: string }[];
      if (rows.length) records[resource] = rows;
      ids.push(...rows.map((r) => r.id));
    }
    const events = this.eventsAbout(customerId, ids);
    if (events.length) records.events = events;
    return records;
  }

  /** Removes the customer's data from this cache; returns how many objects per table were purged. */
  purge(customerId: string, at: number): Record<string, number> {
    return this.db.transaction(() => {
      const removed: Record<string, number> = {};
      // Every id first: refunds and disputes are found through the charges' customer column, which a tombstone clears.
      const found = OWNED.map(([resource, sql]) => ({
        resource,
        ids: prepared(this.db, sql).pluck().all(customerId) as string[],
      }));
      const ids = found.flatMap((f) => f.ids);
      for (const { resource, ids: own } of found) {
        for (const id of own) this.tombstone(resource, id, at);
        if (own.length) removed[resource] = own.length;
      }
      const events = this.eventsAbout(customerId, ids).map((e) => e.id);
      const drop = prepared(this.db, 'DELETE FROM events WHERE id = ?');
      for (const id of events) drop.run(id);
      if (events.length) removed.events = events.length;
      prepared(this.db, 'DELETE FROM customer_cards WHERE customer = ?').run(customerId);
      prepared(this.db, 'INSERT OR IGNORE INTO customer_erasures (customer, erased_at) VALUES (?, ?)').run(
        customerId,
        at,
      );
      return removed;
    })();
  }

  /** Customers deleted from this machine whose late events must be purged as they arrive. */
  erased(): string[] {
    return prepared(this.db, 'SELECT customer FROM customer_erasures').pluck().all() as string[];
  }

  private eventsAbout(customerId: string, ids: string[]): { id: string; data: string }[] {
    return prepared(
      this.db,
      `SELECT id, data FROM events WHERE object_id IN (SELECT value FROM json_each(?))
           OR json_extract(data, '$.data.object.customer') = ? ORDER BY created`,
    ).all(JSON.stringify([customerId, ...ids]), customerId) as { id: string; data: string }[];
  }

  /** Marks deleted (which drops its search entries), then blanks its data and indexed columns. */
  private tombstone(resource: Resource, id: string, at: number): void {
    this.markDeleted(resource, id, { lo: at, hi: at });
    const columns = TABLES[resource].columns.map((c) => `${c.name} = NULL`);
    prepared(this.db, `UPDATE ${resource} SET data = ?${columns.map((c) => `, ${c}`).join('')} WHERE id = ?`).run(
      JSON.stringify({ id, deleted: true }),
      id,
    );
  }
}
