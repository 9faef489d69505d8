import type Database from 'better-sqlite3';
import type Stripe from 'stripe';
import type { CreditNoteRow, InvoiceRow, InvoiceStatus, Page } from '../../../src-preload/contract';
import { idOf, parse } from '../../stripe/stripe-json';
import { keysetPage, prepared } from '../keyset';
import { toCreditNoteRow, toInvoiceRow } from '../rows/invoice-rows';
import { storedObjects } from './stored-objects';

export interface InvoiceListQuery {
  customerId?: string | undefined;
  statuses?: readonly InvoiceStatus[] | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** Invoices in one account+mode's cache, and the credit notes the console created on them. */
export class InvoiceRepo {
  constructor(private readonly db: Database.Database) {}

  /** All invoices, or one customer's, optionally in some statuses: newest first, keyset-paged (no total). */
  page(q: InvoiceListQuery): Page<InvoiceRow> {
    const where = ['deleted = 0'];
    const params: unknown[] = [];
    if (q.customerId) {
      where.push('customer = ?');
      params.push(q.customerId);
    }
    if (q.statuses?.length) {
      where.push(`status IN (${q.statuses.map(() => '?').join(', ')})`);
      params.push(...q.statuses);
    }
    const page = keysetPage<{ id: string; created: number; data: string }>(this.db, {
      select: 'SELECT id, created, data FROM invoices',
      where,
      params,
      order: { columns: ['created', 'id'], direction: 'desc' },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    return { items: page.rows.map((r) => toInvoiceRow(parse(r.data))), nextCursor: page.nextCursor, total: null };
  }

  /** A subscription's invoices, newest first (deleted ones left out). */
  ofSubscription(subscriptionId: string, limit: number): Stripe.Invoice[] {
    return this.invoices(
      prepared(
        this.db,
        'SELECT data FROM invoices WHERE deleted = 0 AND subscription = ? ORDER BY created DESC, id DESC LIMIT ?',
      ),
      subscriptionId,
      limit,
    );
  }

  /** The subscription's newest draft invoice: what its next bill holds so far. */
  draftOf(subscriptionId: string): Stripe.Invoice | null {
    const sql = `SELECT data FROM invoices WHERE deleted = 0 AND subscription = ? AND status = 'draft'
      ORDER BY created DESC, id DESC LIMIT 1`;
    return this.invoices(prepared(this.db, sql), subscriptionId)[0] ?? null;
  }

  /** Keeps a credit note Stripe returned (a newer answer for the same note replaces its data). */
  putCreditNote(note: Stripe.CreditNote): void {
    prepared(
      this.db,
      `INSERT INTO invoice_credit_notes (id, invoice, customer, created, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET data = excluded.data`,
    ).run(note.id, idOf(note.invoice) ?? '', idOf(note.customer), note.created, JSON.stringify(note));
  }

  /** The invoice's credit notes, newest first. */
  creditNotes(invoiceId: string): CreditNoteRow[] {
    const sql = 'SELECT data FROM invoice_credit_notes WHERE invoice = ? ORDER BY created DESC, id DESC';
    return storedObjects(this.db, sql, invoiceId).map(toCreditNoteRow);
  }

  private invoices(statement: Database.Statement, ...params: unknown[]): Stripe.Invoice[] {
    return (statement.pluck().all(...params) as string[]).map((data) => JSON.parse(data) as Stripe.Invoice);
  }
}
