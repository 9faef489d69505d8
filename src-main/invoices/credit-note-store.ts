import type { CacheStore } from '../cache';
import type { Json } from '../stripe/stripe-json';

/**
 * Credit notes Stripe returned to this app, per invoice, kept in the account+mode's cache file beside the invoices
 * (the sync engine doesn't list credit notes). Owns its table.
 */
export class CreditNoteStore {
  constructor(private readonly store: CacheStore) {
    store.db.exec(`CREATE TABLE IF NOT EXISTS invoice_credit_notes (
      id TEXT PRIMARY KEY, invoice TEXT NOT NULL, customer TEXT, created INTEGER NOT NULL, data TEXT NOT NULL)`);
    store.db.exec('CREATE INDEX IF NOT EXISTS invoice_credit_notes_invoice ON invoice_credit_notes (invoice)');
  }

  put(note: { id: string; invoice: string; customer: string | null; created: number }, data: object): void {
    this.store.db
      .prepare(
        `INSERT INTO invoice_credit_notes (id, invoice, customer, created, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET data = excluded.data`,
      )
      .run(note.id, note.invoice, note.customer, note.created, JSON.stringify(data));
  }

  forInvoice(invoiceId: string): Json[] {
    const rows = this.store.db
      .prepare('SELECT data FROM invoice_credit_notes WHERE invoice = ? ORDER BY created DESC, id DESC')
      .pluck()
      .all(invoiceId) as string[];
    return rows.map((d) => JSON.parse(d) as Json);
  }
}
