/**
 * The cache schema: one SQLite file per account+mode (`<dataDir>/cache/<accountId>-<mode>.db`), WAL.
 *
 * Resource tables — customers, payment_methods, payment_intents, charges, refunds, disputes, subscriptions,
 * invoices, products, prices, early_fraud_warnings, reviews, payouts, events — all share:
 *   id TEXT PRIMARY KEY     Stripe id (rowid tables: the FTS indexes use the rowid)
 *   created INTEGER         Stripe's `created`, unix seconds
 *   deleted INTEGER         1 once Stripe deleted the object (kept so an older snapshot cannot resurrect it)
 *   fresh_lo, fresh_hi      the window (unix ms) in which this snapshot was taken: an event's second, or a
 *                           request's start..end. A snapshot only replaces one whose window ends before it begins.
 *   data TEXT               the raw JSON as Stripe sent it
 * plus the indexed columns listed in `columns.ts` (TABLES):
 *   customers        email, name (NOCASE), phone, delinquent, balance, currency, default_payment_method, description
 *   payment_methods  customer, type, card_brand, card_last4, card_exp_month, card_exp_year, card_fingerprint
 *   payment_intents  customer, status, amount, amount_received, currency, payment_method, latest_charge, invoice,
 *                    receipt_email, description
 *   charges          customer, payment_intent, status, amount, amount_refunded, amount_captured, currency, captured,
 *                    paid, refunded, disputed, payment_method, card_brand, card_last4, invoice, receipt_email, failure_code
 *   refunds          charge, payment_intent, status, amount, currency, reason
 *   disputes         charge, payment_intent, status, amount, currency, reason, due_by, is_charge_refundable
 *   subscriptions    customer, status, current_period_end, cancel_at_period_end, cancel_at, price, currency,
 *                    collection_method
 *   invoices         customer, subscription, status, amount_due, amount_paid, amount_remaining, currency, due_date,
 *                    number, payment_intent
 *   products         name, active            prices  product, active, unit_amount, currency, type, recurring_interval
 *   early_fraud_warnings  charge, payment_intent, actionable, fraud_type
 *   reviews          charge, payment_intent, open, reason, closed_reason
 *   payouts          status, amount, currency, arrival_date, failure_code
 *   events           type, object_id, object_type, request_id, source ('poll'|'webhook'), applied_at (unix ms).
 *                    The events table is also the applied-event ledger shared by the poller and the webhook inbox.
 * Every table has an index on (created DESC, id DESC) for newest-first keyset pages.
 *
 * Search (FTS5, unicode61 with '_' as a token character and prefix indexes of 1–3 characters):
 *   customers_fts(id, email, name, phone, last4, meta)   contentless, rowid = customers.rowid
 *   payments_fts(ids, email, last4, amount)              contentless, rowid = payment_intents.rowid*2 or charges.rowid*2+1
 *   customer_cards(customer, last4)                      card last4s seen on a customer's payment methods and charges
 *
 * Credit notes the console created, per invoice (the sync engine doesn't list them; see repos/invoice-repo.ts):
 *   invoice_credit_notes(id PK, invoice, customer, created, data)
 *
 * Sync bookkeeping:
 *   sync_state(resource PK, complete, checkpoint JSON, fetched, started_at, last_run_at, completed_at, last_error)
 *   meta(key PK, value)   e.g. events.since, events.last_id, data_as_of (see sync-state.ts)
 */
import type Database from 'better-sqlite3';
import type { Migration } from '../platform/migrations';
import { prepared } from './keyset';
import { TABLES } from './columns';
import { RESOURCES, type Resource } from './resources';

const FTS_OPTIONS = `content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2 tokenchars '_'", prefix='1 2 3'`;

function createResourceTables(db: Database.Database, resources: readonly Resource[] = RESOURCES): void {
  for (const resource of resources) {
    const spec = TABLES[resource];
    const extra = resource === 'events' ? ', source TEXT NOT NULL, applied_at INTEGER' : '';
    const columns = spec.columns
      .map((c) => `${c.name} ${c.type}${c.collate ? ` COLLATE ${c.collate}` : ''}`)
      .join(', ');
    db.exec(`CREATE TABLE IF NOT EXISTS ${resource} (
      id TEXT PRIMARY KEY, created INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
      fresh_lo INTEGER NOT NULL, fresh_hi INTEGER NOT NULL, data TEXT NOT NULL, ${columns}${extra})`);
    for (const index of secondaryIndexes(resource)) db.exec(index.create);
  }
}

/**
 * Tables whose live rows are counted on the way to the first screen: the Customers list's total and the sync
 * status's saved cards (asked on every progress tick). Each has a partial index of its deleted rows alone.
 */
const COUNTED: readonly Resource[] = ['customers', 'payment_methods'];

const deletedOnly = (resource: Resource) => ({
  name: `${resource}_deleted_only`,
  // Partial, so no query for live rows (`deleted = 0`) is tempted away from the index that serves its order.
  create: `CREATE INDEX IF NOT EXISTS ${resource}_deleted_only ON ${resource} (deleted) WHERE deleted = 1`,
});

/**
 * Rows not deleted, exactly. On a counted table: every row (SQLite counts the table's smallest index) less the
 * deleted ones (their partial index), never a read of every row's JSON — `WHERE deleted = 0` read 1.4 GB at a
 * million customers, seconds that held up every IPC call behind it.
 */
export function countLive(db: Database.Database, resource: Resource): number {
  if (!COUNTED.includes(resource))
    return prepared(db, `SELECT count(*) FROM ${resource} WHERE deleted = 0`).pluck().get() as number;
  const rows = prepared(db, `SELECT count(*) FROM ${resource}`).pluck().get() as number;
  return rows - (prepared(db, `SELECT count(*) FROM ${resource} WHERE deleted = 1`).pluck().get() as number);
}

/** A table's indexes besides its primary key, by name, with the statement that builds each. */
export function secondaryIndexes(resource: Resource): { name: string; create: string }[] {
  const indexes = [['created DESC', 'id DESC'], ...TABLES[resource].indexes].map((columns, i) => {
    const name = i === 0 ? `${resource}_created` : `${resource}_${columns.map((c) => c.split(' ')[0]).join('_')}`;
    return { name, create: `CREATE INDEX IF NOT EXISTS ${name} ON ${resource} (${columns.join(', ')})` };
  });
  return COUNTED.includes(resource) ? [...indexes, deletedOnly(resource)] : indexes;
}

/** Builds any secondary index that is missing — after a bulk load, or one cut short by a crash. */
export function ensureIndexes(db: Database.Database): void {
  for (const resource of RESOURCES) for (const index of secondaryIndexes(resource)) db.exec(index.create);
}

export const CACHE_MIGRATIONS: readonly Migration[] = [
  (db) => {
    createResourceTables(db);
    db.exec(`
      CREATE VIRTUAL TABLE customers_fts USING fts5(id, email, name, phone, last4, meta, ${FTS_OPTIONS});
      CREATE VIRTUAL TABLE payments_fts USING fts5(ids, email, last4, amount, ${FTS_OPTIONS});
      CREATE TABLE customer_cards (customer TEXT NOT NULL, last4 TEXT NOT NULL, PRIMARY KEY (customer, last4)) WITHOUT ROWID;
      CREATE TABLE sync_state (
        resource TEXT PRIMARY KEY,
        complete INTEGER NOT NULL DEFAULT 0,
        checkpoint TEXT,
        fetched INTEGER NOT NULL DEFAULT 0,
        started_at INTEGER,
        last_run_at INTEGER,
        completed_at INTEGER,
        last_error TEXT
      );
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  },
  // FTS5 flushes its pending terms as a new segment (later merged) whenever they pass `hashsize` (1 MB by
  // default): with 32 MB, a bulk batch of tens of thousands of customers becomes one segment instead of dozens.
  (db) => {
    for (const table of ['customers_fts', 'payments_fts'])
      db.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('hashsize', ${32 * 1024 * 1024})`);
  },
  // Radar's early fraud warnings and reviews, and payouts, for caches made before they were synced.
  (db) => createResourceTables(db, ['early_fraud_warnings', 'reviews', 'payouts']),
  // Credit notes the console created (sync doesn't list them). IF NOT EXISTS: older caches made the table on first use.
  (db) =>
    db.exec(`CREATE TABLE IF NOT EXISTS invoice_credit_notes (
        id TEXT PRIMARY KEY, invoice TEXT NOT NULL, customer TEXT, created INTEGER NOT NULL, data TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS invoice_credit_notes_invoice ON invoice_credit_notes (invoice);`),
  // Customers erased from this machine, whose late events are purged as they arrive (CustomerRecordsRepo).
  // IF NOT EXISTS: older caches made the table each time they opened.
  (db) =>
    db.exec('CREATE TABLE IF NOT EXISTS customer_erasures (customer TEXT PRIMARY KEY, erased_at INTEGER NOT NULL)'),
  // Counts without reading every row (see countLive).
  (db) => {
    for (const resource of COUNTED) db.exec(deletedOnly(resource).create);
  },
];
