import type Database from 'better-sqlite3';
import { idOf } from './columns';
import type { StripeObjectLike } from './resources';
import { keysetPage } from './keyset';
import { amountText, metadataText, phoneText, prefixPhrase } from './search-text';

type Obj = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export interface SearchOptions<F> {
  field?: F;
  limit: number;
  cursor?: string | null;
}

/** A page of FTS matches: rowids of the indexed rows (payments_fts: intent rowid*2, charge rowid*2+1). */
export interface MatchPage {
  rowids: number[];
  nextCursor: string | null;
}

/**
 * Owns the FTS SQL. Writes keep customers_fts and payments_fts in step with the resource tables (called inside
 * the upsert transaction, after a row was written, with the row's rowid); `matches` reads them.
 */
export class SearchIndex {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    const cache = new Map<string, Database.Statement>();
    this.stmt = (sql) => {
      let s = cache.get(sql);
      if (!s) cache.set(sql, (s = db.prepare(sql)));
      return s;
    };
  }

  /** Rows whose indexed text starts with the typed words, in rowid order, keyset-paged. */
  matches(table: 'customers_fts' | 'payments_fts', text: string, options: SearchOptions<string>): MatchPage {
    const match = prefixPhrase(text, options.field);
    if (!match) return { rowids: [], nextCursor: null };
    const page = keysetPage<{ rowid: number }>(this.db, {
      select: `SELECT rowid FROM ${table}`,
      where: [`${table} MATCH ?`],
      params: [match],
      // Ascending: FTS5 streams a doclist forwards, but must load all of it to walk it backwards.
      order: { columns: ['rowid'], direction: 'asc' },
      cursor: options.cursor ?? null,
      limit: options.limit,
    });
    return { rowids: page.rows.map((r) => r.rowid), nextCursor: page.nextCursor };
  }

  customerWritten(rowid: number, customer: Obj): void {
    const last4 = (
      this.stmt('SELECT last4 FROM customer_cards WHERE customer = ?').pluck().all(customer.id) as string[]
    ).join(' ');
    this.stmt(
      'INSERT OR REPLACE INTO customers_fts (rowid, id, email, name, phone, last4, meta) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      rowid,
      customer.id,
      str(customer.email),
      str(customer.name),
      phoneText(str(customer.phone) || null),
      last4,
      metadataText(customer.metadata),
    );
  }

  customerDeleted(rowid: number): void {
    this.stmt('DELETE FROM customers_fts WHERE rowid = ?').run(rowid);
  }

  /** A card seen on a customer's payment method or charge: their search row learns its last4. */
  cardSeen(customerId: string | null, last4: string | null): void {
    if (!customerId || !last4) return;
    if (
      this.stmt('INSERT OR IGNORE INTO customer_cards (customer, last4) VALUES (?, ?)').run(customerId, last4)
        .changes === 0
    )
      return;
    const row = this.stmt('SELECT rowid, data FROM customers WHERE id = ? AND deleted = 0').get(customerId) as
      { rowid: number; data: string } | undefined;
    if (row) this.customerWritten(row.rowid, JSON.parse(row.data) as Obj);
  }

  paymentIntentWritten(rowid: number, pi: StripeObjectLike): void {
    const chargeId = idOf(pi.latest_charge);
    const pmId = idOf(pi.payment_method);
    const expandedCard = (pi.payment_method as Obj | null)?.card as Obj | undefined;
    const last4 =
      str(expandedCard?.last4) ||
      (chargeId
        ? (this.stmt('SELECT card_last4 FROM charges WHERE id = ?').pluck().get(chargeId) as string | null)
        : null) ||
      (pmId
        ? (this.stmt('SELECT card_last4 FROM payment_methods WHERE id = ?').pluck().get(pmId) as string | null)
        : null) ||
      '';
    this.payment(
      rowid * 2,
      [pi.id, chargeId],
      [str(pi.receipt_email), this.customerEmail(idOf(pi.customer))],
      last4,
      pi,
    );
  }

  chargeWritten(rowid: number, charge: StripeObjectLike): void {
    const card = ((charge.payment_method_details as Obj | null)?.card ?? {}) as Obj;
    const email = [
      str(charge.receipt_email),
      str((charge.billing_details as Obj | null)?.email),
      this.customerEmail(idOf(charge.customer)),
    ];
    this.payment(rowid * 2 + 1, [charge.id, idOf(charge.payment_intent)], email, str(card.last4), charge);
    this.cardSeen(idOf(charge.customer), str(card.last4) || null);
  }

  paymentDeleted(rowid: number, kind: 'payment_intent' | 'charge'): void {
    this.stmt('DELETE FROM payments_fts WHERE rowid = ?').run(kind === 'payment_intent' ? rowid * 2 : rowid * 2 + 1);
  }

  private payment(ftsRowid: number, ids: (string | null)[], emails: string[], last4: string, o: Obj): void {
    this.stmt('INSERT OR REPLACE INTO payments_fts (rowid, ids, email, last4, amount) VALUES (?, ?, ?, ?, ?)').run(
      ftsRowid,
      ids.filter(Boolean).join(' '),
      [...new Set(emails.filter(Boolean))].join(' '),
      last4,
      amountText(num(o.amount), str(o.currency) || null),
    );
  }

  private customerEmail(customerId: string | null): string {
    if (!customerId) return '';
    return (this.stmt('SELECT email FROM customers WHERE id = ?').pluck().get(customerId) as string | null) ?? '';
  }
}
