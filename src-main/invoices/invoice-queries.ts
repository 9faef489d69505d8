import { ConsoleError, type InvoiceDetail, type InvoiceRow, type Mode, type Page } from '../../src-preload/contract';
import type { CacheStore } from '../cache';
import type { InvoiceListQuery } from '../cache/repos/invoice-repo';
import { toInvoiceLines, toInvoiceRow } from '../cache/rows/invoice-rows';
import { dashboardUrl } from '../stripe/dashboard-links';
import { int, str, type Json } from '../stripe/stripe-json';
import { invoiceActions } from './invoice-actions';

/** The invoices list (all, or one customer's) and an invoice's detail, from the cache. */
export class InvoiceQueries {
  constructor(private readonly store: CacheStore) {}

  list(q: InvoiceListQuery): Page<InvoiceRow> {
    return this.store.invoices.page(q);
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
      creditNotes: this.store.invoices.creditNotes(row.id),
      actions: invoiceActions(row, postPaymentCredit),
    };
  }
}
