import type Database from 'better-sqlite3';
import type { Scope } from '../../src-preload/contract';
import { columnValues, idOf, TABLES } from './columns';
import { compareFreshness, type Freshness } from './freshness';
import type { KeysetPage } from './keyset';
import { fieldsOf, resourceOf, type AnyStripeObject, type Resource, type StripeObjectLike } from './resources';
import { countLive, secondaryIndexes } from './schema';
import { SearchIndex, type SearchOptions } from './search-index';
import type { CustomerSearchField, PaymentSearchField } from './search-text';
import { SyncStateStore } from './sync-state';
import { DisputeRepo } from './repos/dispute-repo';
import { SubscriptionRepo } from './repos/subscription-repo';
import { InvoiceRepo } from './repos/invoice-repo';
import { PayoutRepo } from './repos/payout-repo';
import { RadarRepo } from './repos/radar-repo';
import { CustomerRecordsRepo } from './repos/customer-records-repo';
import { CustomerRepo } from './repos/customer-repo';
import { EventRepo } from './repos/event-repo';
import { PaymentRepo, type PaymentMatch } from './repos/payment-repo';
import { RefundRepo } from './repos/refund-repo';
import { SearchRepo } from './repos/search-repo';

export interface UpsertOutcome {
  /** Rows inserted or replaced by a newer snapshot. */
  written: number;
  /** Snapshots older than what the cache holds (dropped), or identical to it. */
  skipped: number;
  /** Ids whose incoming snapshot overlaps the stored one in time and differs: refetch them from Stripe. */
  doubtful: string[];
}

export interface EventRecord {
  id: string;
  type: string;
  created: number;
  [field: string]: unknown;
}

/** How an event reached the cache: applied from the poller or the webhook inbox, or stored as history (not applied). */
export type EventSource = 'poll' | 'webhook' | 'history';

const CACHE_SIZE_KB = 64 * 1024;

interface StoredRow {
  rowid: number;
  fresh_lo: number;
  fresh_hi: number;
  deleted: number;
  created: number;
  data: string;
}

/**
 * The cache of one account+mode. Writers: the sync engine and features that just got an object back from
 * Stripe (`applyObject`). Readers: the typed repositories below (cache/repos/), which own the SQL over the indexed
 * columns (see schema.ts) and return contract rows; features never query `db` themselves.
 */
export class CacheStore {
  readonly state: SyncStateStore;
  readonly disputes: DisputeRepo;
  readonly subscriptions: SubscriptionRepo;
  readonly invoices: InvoiceRepo;
  readonly payouts: PayoutRepo;
  readonly radar: RadarRepo;
  readonly customers: CustomerRepo;
  readonly customerRecords: CustomerRecordsRepo;
  readonly payments: PaymentRepo;
  /** The Refunds list. */
  readonly refunds: RefundRepo;
  readonly events: EventRepo;
  /** The header search's look-ups across kinds. */
  readonly search: SearchRepo;
  private readonly index: SearchIndex;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly upserts = new Map<Resource, Database.Statement>();

  constructor(
    readonly scope: Scope,
    private readonly db: Database.Database,
  ) {
    this.state = new SyncStateStore(db);
    this.disputes = new DisputeRepo(db);
    this.subscriptions = new SubscriptionRepo(db);
    this.invoices = new InvoiceRepo(db);
    this.payouts = new PayoutRepo(db);
    this.radar = new RadarRepo(db);
    this.index = new SearchIndex(db);
    this.customers = new CustomerRepo(db, this.index);
    this.customerRecords = new CustomerRecordsRepo(db, (resource, id, freshness) =>
      this.markDeleted(resource, id, freshness),
    );
    this.payments = new PaymentRepo(db, this.index);
    this.refunds = new RefundRepo(db);
    this.events = new EventRepo(db);
    this.search = new SearchRepo(db, this.customers, this.payments);
    // A million customers' tables and indexes don't fit SQLite's default 2 MB page cache: bulk writes would re-read pages.
    db.pragma(`cache_size = -${CACHE_SIZE_KB}`);
  }

  /** Writes snapshots taken within `freshness`, in one transaction; older snapshots never replace newer ones. */
  upsert(resource: Resource, objects: readonly StripeObjectLike[], freshness: Freshness): UpsertOutcome {
    if (resource === 'events') throw new Error('events are immutable: record them with recordEvent');
    return this.db.transaction(() => {
      const outcome: UpsertOutcome = { written: 0, skipped: 0, doubtful: [] };
      for (const object of objects) {
        const result = object.deleted
          ? this.writeDeleted(resource, object.id, freshness)
          : this.writeOne(resource, object, freshness);
        if (result === 'written') outcome.written++;
        else if (result === 'doubt') outcome.doubtful.push(object.id);
        else outcome.skipped++;
      }
      return outcome;
    })();
  }

  /**
   * Runs a large load into tables that start empty (a first fill of a big account, benches): their secondary
   * indexes are dropped for the duration and built once at the end — one sort instead of a million random
   * index inserts. Call `upsert` with big batches inside. Reads still work meanwhile, but scan. Should the
   * process die half-way, opening the store again rebuilds the missing indexes.
   */
  bulkLoad<T>(resources: readonly Resource[], work: () => T): T {
    const empty = resources.filter((r) => this.stmt(`SELECT 1 FROM ${r} LIMIT 1`).get() === undefined);
    for (const resource of empty)
      for (const index of secondaryIndexes(resource)) this.db.exec(`DROP INDEX IF EXISTS ${index.name}`);
    try {
      return work();
    } finally {
      this.transaction(() => {
        for (const resource of empty) for (const index of secondaryIndexes(resource)) this.db.exec(index.create);
      });
    }
  }

  /** Upserts any object Stripe just returned (after a mutation or a retrieve), by its `object` type. */
  applyObject(object: AnyStripeObject, freshness: Freshness): UpsertOutcome | null {
    const resource = resourceOf(object.object);
    return resource && resource !== 'events' ? this.upsert(resource, [fieldsOf(object)], freshness) : null;
  }

  /** Marks an object deleted (Stripe's `*.deleted` events and DELETE answers), keeping its last data. */
  markDeleted(resource: Resource, id: string, freshness: Freshness): void {
    this.db.transaction(() => this.writeDeleted(resource, id, freshness))();
  }

  get<T = StripeObjectLike>(resource: Resource, id: string): T | null {
    const data = this.stmt(`SELECT data FROM ${resource} WHERE id = ?`).pluck().get(id) as string | undefined;
    return data ? (JSON.parse(data) as T) : null;
  }

  has(resource: Resource, id: string): boolean {
    return this.stmt(`SELECT 1 FROM ${resource} WHERE id = ?`).pluck().get(id) !== undefined;
  }

  count(resource: Resource): number {
    return countLive(this.db, resource);
  }

  /** Customers whose email, name words, phone, id, card last4 or metadata values start with the text. */
  searchCustomers<T = StripeObjectLike>(text: string, options: SearchOptions<CustomerSearchField>): KeysetPage<T> {
    return this.customers.matching<T>(text, options);
  }

  /** Payment intents and charges whose ids, email, card last4 or amount ("19.99" or "1999") start with the text. */
  searchPayments(text: string, options: SearchOptions<PaymentSearchField>): KeysetPage<PaymentMatch> {
    return this.payments.matches(text, options);
  }

  /**
   * Adds an event to the ledger (and the Events view). Returns false when its id was already recorded —
   * by the poller or the webhook inbox — so each event is applied once.
   */
  recordEvent(event: EventRecord, source: EventSource, receivedAt: number): boolean {
    const spec = TABLES.events;
    const sql = `INSERT OR IGNORE INTO events (id, created, deleted, fresh_lo, fresh_hi, data, source, ${spec.columns
      .map((c) => c.name)
      .join(', ')}) VALUES (?, ?, 0, ?, ?, ?, ?, ${spec.columns.map(() => '?').join(', ')})`;
    const result = this.stmt(sql).run(
      event.id,
      event.created,
      receivedAt,
      receivedAt,
      JSON.stringify(event),
      source,
      ...columnValues('events', event),
    );
    return result.changes > 0;
  }

  markEventApplied(id: string, at: number): void {
    this.stmt('UPDATE events SET applied_at = ? WHERE id = ?').run(at, id);
  }

  /** Refreshes the query planner's statistics (SQLite's `PRAGMA optimize`): worth it after a large load. */
  optimize(): void {
    this.db.pragma('optimize');
  }

  /** How long a write waits for another connection's lock before SQLITE_BUSY; returns the previous wait. */
  setLockWait(ms: number): number {
    const previous = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(ms))}`);
    return previous;
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /**
   * Runs async work in one write transaction (BEGIN IMMEDIATE … COMMIT, rolled back on error). A connection has
   * one transaction at a time, so callers queue their calls (the sync store does).
   */
  async writeTransaction<T>(work: () => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    this.index.close();
    if (this.db.open) this.db.close();
  }

  private writeOne(
    resource: Resource,
    object: StripeObjectLike,
    freshness: Freshness,
  ): 'written' | 'skipped' | 'doubt' {
    const stored = this.stmt(
      `SELECT rowid, fresh_lo, fresh_hi, deleted, created, data FROM ${resource} WHERE id = ?`,
    ).get(object.id) as StoredRow | undefined;
    const data = JSON.stringify(object);
    if (stored) {
      if (stored.deleted) return 'skipped';
      const ordering = compareFreshness(freshness, { lo: stored.fresh_lo, hi: stored.fresh_hi });
      if (ordering === 'older') return 'skipped';
      if (ordering === 'overlap') return stored.data === data ? 'skipped' : 'doubt';
    }
    const rowid = this.upsertStatement(resource).get(
      object.id,
      object.created ?? stored?.created ?? 0,
      freshness.lo,
      freshness.hi,
      data,
      ...columnValues(resource, object),
    ) as number;
    this.indexForSearch(resource, rowid, object);
    return 'written';
  }

  private writeDeleted(resource: Resource, id: string, freshness: Freshness): 'written' | 'skipped' {
    const stored = this.stmt(`SELECT rowid, deleted FROM ${resource} WHERE id = ?`).get(id) as
      | { rowid: number; deleted: number }
      | undefined;
    if (stored?.deleted) return 'skipped';
    if (stored) {
      this.stmt(`UPDATE ${resource} SET deleted = 1, fresh_lo = ?, fresh_hi = ? WHERE rowid = ?`).run(
        freshness.lo,
        freshness.hi,
        stored.rowid,
      );
      if (resource === 'customers') this.index.customerDeleted(stored.rowid);
      if (resource === 'payment_intents' || resource === 'charges')
        this.index.paymentDeleted(stored.rowid, resource === 'charges' ? 'charge' : 'payment_intent');
    } else {
      // A tombstone, so a late, older snapshot of the object cannot bring it back.
      const columns = TABLES[resource].columns;
      this.stmt(
        `INSERT INTO ${resource} (id, created, deleted, fresh_lo, fresh_hi, data${resource === 'events' ? ', source' : ''}${columns
          .map((c) => `, ${c.name}`)
          .join(
            '',
          )}) VALUES (?, 0, 1, ?, ?, ?${resource === 'events' ? ", 'poll'" : ''}${columns.map(() => ', NULL').join('')})`,
      ).run(id, freshness.lo, freshness.hi, JSON.stringify({ id, deleted: true }));
    }
    return 'written';
  }

  private indexForSearch(resource: Resource, rowid: number, object: StripeObjectLike): void {
    switch (resource) {
      case 'customers':
        return this.index.customerWritten(rowid, object);
      case 'payment_intents':
        return this.index.paymentIntentWritten(rowid, object);
      case 'charges':
        return this.index.chargeWritten(rowid, object);
      case 'payment_methods':
        return this.index.cardSeen(
          idOf(object.customer),
          ((object.card ?? null) as { last4?: string } | null)?.last4 ?? null,
        );
      default:
        return;
    }
  }

  private upsertStatement(resource: Resource): Database.Statement {
    let statement = this.upserts.get(resource);
    if (statement) return statement;
    const names = TABLES[resource].columns.map((c) => c.name);
    statement = this.db
      .prepare(
        `INSERT INTO ${resource} (id, created, deleted, fresh_lo, fresh_hi, data${names.map((n) => `, ${n}`).join('')})
       VALUES (?, ?, 0, ?, ?, ?${names.map(() => ', ?').join('')})
       ON CONFLICT(id) DO UPDATE SET created = excluded.created, fresh_lo = excluded.fresh_lo, fresh_hi = excluded.fresh_hi,
         data = excluded.data${names.map((n) => `, ${n} = excluded.${n}`).join('')}
       RETURNING rowid`,
      )
      .pluck();
    this.upserts.set(resource, statement);
    return statement;
  }

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
