import {
  ConsoleError,
  type InvoiceDetail,
  type InvoiceRow,
  type InvoiceStatus,
  type Mode,
  type Page,
} from '../../src-preload/contract';
import type { CacheStore } from '../cache';
import { keysetPage } from '../cache/keyset';
import { dashboardUrl } from '../stripe/dashboard-links';
import { int, str, type Json } from '../stripe/stripe-json';
import { CreditNoteStore } from './credit-note-store';
import { invoiceActions, toCreditNoteRow, toInvoiceLines, toInvoiceRow } from './invoice-rows';

export interface InvoiceSearch {
  customerId?: string | undefined;
  statuses?: InvoiceStatus[] | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** The invoices list (all, or one customer's) and an invoice's detail, from the cache. */
export class InvoiceQueries {
  constructor(private readonly store: CacheStore) {}

  list(q: InvoiceSearch): Page<InvoiceRow> {
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
    const page = keysetPage<{ id: string; created: number; data: string }>(this.store.db, {
      select: 'SELECT id, created, data FROM invoices',
      where,
      params,
      order: { columns: ['created', 'id'], direction: 'desc' },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    return {
      items: page.rows.map((r) => toInvoiceRow(JSON.parse(r.data) as Json)),
      nextCursor: page.nextCursor,
      total: null,
    };
  }

  get(id: string, mode: Mode): InvoiceDetail {
    const invoice = this.store.get<Json>('invoices', id);
    if (!invoice || invoice.deleted)
      throw new ConsoleError(
        'not_found',
        `Invoice ${id} isn’t in the local copy. It appears once sync has fetched it.`,
      );
    return this.detailOf(invoice, mode);
  }

  detailOf(invoice: Json, mode: Mode): InvoiceDetail {
    const row = toInvoiceRow(invoice);
    const postPaymentCredit = int(invoice.post_payment_credit_notes_amount) ?? 0;
    return {
      ...row,
      lines: toInvoiceLines(invoice),
      subtotal: int(invoice.subtotal) ?? row.total,
      prePaymentCredit: int(invoice.pre_payment_credit_notes_amount) ?? 0,
      postPaymentCredit,
      hostedUrl: str(invoice.hosted_invoice_url),
      pdfUrl: str(invoice.invoice_pdf),
      dashboardUrl: dashboardUrl(mode, 'invoices', row.id),
      creditNotes: new CreditNoteStore(this.store).forInvoice(row.id).map(toCreditNoteRow),
      actions: invoiceActions(row, postPaymentCredit),
    };
  }
}
