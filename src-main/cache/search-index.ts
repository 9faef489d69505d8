import type Database from 'better-sqlite3';
import { idOf } from './columns';
import type { StripeObjectLike } from './resources';
import { keysetPage, type KeysetPage } from './keyset';
import { NarrowedCustomerSearch, type CustomerCandidate, type CustomerMatchQuery } from './narrowed-search';
import { amountText, asText, customerSearchText, prefixPhrase } from './search-text';

type Obj = Record<string, unknown>;
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

/** The last4s of the cards seen on a customer, as customers_fts's last4 column holds them: SQL, given their id. */
export const cardsText = (customerId: string): string =>
  `(SELECT group_concat(last4, ' ' ORDER BY last4) FROM customer_cards WHERE customer = ${customerId})`;

/**
 * Owns the FTS SQL. Writes keep customers_fts and payments_fts in step with the resource tables (called inside
 * the upsert transaction, after a row was written, with the row's rowid); `matches` reads them.
 */
export class SearchIndex {
  private readonly stmt: (sql: string) => Database.Statement;
  private readonly narrowed = new NarrowedCustomerSearch();

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
    const cursor = options.cursor ?? null;
    const narrowed =
      table === 'customers_fts'
        ? this.narrowedCustomerPage(text, options.field, cursor, options.limit, (expression, after, limit) =>
            keysetPage<CustomerCandidate>(this.db, {
              select: `SELECT f.rowid AS rowid, c.data AS data, ${cardsText('c.id')} AS cards FROM customers_fts f
                LEFT JOIN customers c ON c.rowid = f.rowid AND c.deleted = 0`,
              where: ['customers_fts MATCH ?'],
              params: [expression],
              order: { columns: ['f.rowid'], direction: 'asc' },
              cursor: after,
              limit,
            }),
          )
        : null;
    if (narrowed) return { rowids: narrowed.rows.map((r) => r.rowid), nextCursor: narrowed.nextCursor };
    const page = keysetPage<{ rowid: number }>(this.db, {
      select: `SELECT rowid FROM ${table}`,
      where: [`${table} MATCH ?`],
      params: [match],
      // Ascending: FTS5 streams a doclist forwards, but must load all of it to walk it backwards.
      order: { columns: ['rowid'], direction: 'asc' },
      cursor,
      limit: options.limit,
    });
    return { rowids: page.rows.map((r) => r.rowid), nextCursor: page.nextCursor };
  }

  /**
   * The page a customers_fts `query` returns for the whole typed phrase, found through the prefix index when its
   * last word is longer than that (see NarrowedCustomerSearch); null when the whole phrase is the better question.
   */
  narrowedCustomerPage<Row extends CustomerCandidate>(
    text: string,
    field: string | undefined,
    cursor: string | null,
    limit: number,
    query: CustomerMatchQuery<Row>,
  ): KeysetPage<Row> | null {
    return this.narrowed.page(text, field, cursor, limit, query);
  }

  close(): void {
    this.narrowed.close();
  }

  customerWritten(rowid: number, customer: Obj): void {
    const cards = this.stmt(`SELECT ${cardsText('?')}`)
      .pluck()
      .get(customer.id) as string | null;
    this.stmt(
      'INSERT OR REPLACE INTO customers_fts (rowid, id, email, name, phone, last4, meta) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(rowid, ...customerSearchText(customer, cards ?? ''));
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
      | { rowid: number; data: string }
      | undefined;
    if (row) this.customerWritten(row.rowid, JSON.parse(row.data) as Obj);
  }

  paymentIntentWritten(rowid: number, pi: StripeObjectLike): void {
    const chargeId = idOf(pi.latest_charge);
    const pmId = idOf(pi.payment_method);
    const expandedCard = (pi.payment_method as Obj | null)?.card as Obj | undefined;
    const last4 =
      asText(expandedCard?.last4) ||
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
      [asText(pi.receipt_email), this.customerEmail(idOf(pi.customer))],
      last4,
      pi,
    );
  }

  chargeWritten(rowid: number, charge: StripeObjectLike): void {
    const card = ((charge.payment_method_details as Obj | null)?.card ?? {}) as Obj;
    const email = [
      asText(charge.receipt_email),
      asText((charge.billing_details as Obj | null)?.email),
      this.customerEmail(idOf(charge.customer)),
    ];
    this.payment(rowid * 2 + 1, [charge.id, idOf(charge.payment_intent)], email, asText(card.last4), charge);
    this.cardSeen(idOf(charge.customer), asText(card.last4) || null);
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
      amountText(num(o.amount), asText(o.currency) || null),
    );
  }

  private customerEmail(customerId: string | null): string {
    if (!customerId) return '';
    return (this.stmt('SELECT email FROM customers WHERE id = ?').pluck().get(customerId) as string | null) ?? '';
  }
}
