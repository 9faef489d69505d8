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
 * Live row counts (user_version 7), kept by triggers in the same transaction as every write:
 *   live_counts(resource PK, live)                       rows with deleted = 0, per resource table
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
import { CUSTOMER_SEARCH_COLUMNS } from './search-text';

/** How the full-text indexes split text into words (and how a typed phrase is split to match them). */
export const FTS_TOKENIZE = `tokenize="unicode61 remove_diacritics 2 tokenchars '_'"`;
const FTS_OPTIONS = `content='', contentless_delete=1, ${FTS_TOKENIZE}, prefix='1 2 3'`;

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
 * Rows not deleted, exactly, from the counter row the triggers keep (`countLive` below): nothing is read but one row.
 * Counting at read time walked an index of a million rows, 220–520 ms on a cold file at start-up.
 */
export function countLive(db: Database.Database, resource: Resource): number {
  return prepared(db, 'SELECT live FROM live_counts WHERE resource = ?').pluck().get(resource) as number;
}

/**
 * Starts a table's live count: its row in live_counts, set from the rows it holds, then kept by triggers on every
 * insert, delete and change of `deleted`, whoever writes (upserts, tombstones, purges, bulk loads), inside the
 * writer's own transaction. A migration that adds a resource table calls this for it; run again, it recounts.
 */
function startLiveCount(db: Database.Database, resource: Resource): void {
  db.prepare('INSERT OR REPLACE INTO live_counts (resource, live) VALUES (?, ?)').run(resource, liveNow(db, resource));
  const add = (change: string) => `UPDATE live_counts SET live = live + ${change} WHERE resource = '${resource}'`;
  db.exec(`
    CREATE TRIGGER IF NOT EXISTS ${resource}_live_insert AFTER INSERT ON ${resource} WHEN NEW.deleted = 0
      BEGIN ${add('1')}; END;
    CREATE TRIGGER IF NOT EXISTS ${resource}_live_delete AFTER DELETE ON ${resource} WHEN OLD.deleted = 0
      BEGIN ${add('-1')}; END;
    CREATE TRIGGER IF NOT EXISTS ${resource}_live_update AFTER UPDATE OF deleted ON ${resource} WHEN (NEW.deleted = 0) <> (OLD.deleted = 0)
      BEGIN ${add('(NEW.deleted = 0) - (OLD.deleted = 0)')}; END;`);
}

/**
 * The count a migration starts from. Caches at user_version 6 have a partial index of the deleted customers and
 * saved cards (the two tables counted on the way to the first screen): every row (SQLite counts the smallest
 * index) less those. Other tables are read once.
 */
function liveNow(db: Database.Database, resource: Resource): number {
  const hasDeletedIndex = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?")
    .get(`${resource}_deleted_only`);
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  return hasDeletedIndex
    ? count(`SELECT count(*) FROM ${resource}`) - count(`SELECT count(*) FROM ${resource} WHERE deleted = 1`)
    : count(`SELECT count(*) FROM ${resource} WHERE deleted = 0`);
}

/** A table's indexes besides its primary key, by name, with the statement that builds each. */
export function secondaryIndexes(resource: Resource): { name: string; create: string }[] {
  return [['created DESC', 'id DESC'], ...TABLES[resource].indexes].map((columns, i) => {
    const name = i === 0 ? `${resource}_created` : `${resource}_${columns.map((c) => c.split(' ')[0]).join('_')}`;
    return { name, create: `CREATE INDEX IF NOT EXISTS ${name} ON ${resource} (${columns.join(', ')})` };
  });
}

/** Builds any secondary index that is missing — after a bulk load, or one cut short by a crash. */
export function ensureIndexes(db: Database.Database): void {
  for (const resource of RESOURCES) for (const index of secondaryIndexes(resource)) db.exec(index.create);
}

export const CACHE_MIGRATIONS: readonly Migration[] = [
  (db) => {
    createResourceTables(db);
    db.exec(`
      CREATE VIRTUAL TABLE customers_fts USING fts5(${CUSTOMER_SEARCH_COLUMNS.join(', ')}, ${FTS_OPTIONS});
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
  // Counts without reading every row: a partial index of the deleted rows of the two tables counted on the way to
  // the first screen (migration 7 replaced it with counter rows).
  (db) => {
    for (const resource of ['customers', 'payment_methods'])
      db.exec(`CREATE INDEX IF NOT EXISTS ${resource}_deleted_only ON ${resource} (deleted) WHERE deleted = 1`);
  },
  // Live counts kept by triggers (see countLive): the partial indexes above only served counting.
  (db) => {
    db.exec('CREATE TABLE IF NOT EXISTS live_counts (resource TEXT PRIMARY KEY, live INTEGER NOT NULL) WITHOUT ROWID');
    for (const resource of RESOURCES) {
      startLiveCount(db, resource);
      db.exec(`DROP INDEX IF EXISTS ${resource}_deleted_only`);
    }
  },
];
