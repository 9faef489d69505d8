import type { CreditNoteRow, InvoiceLine, InvoiceRow, InvoiceStatus } from '../../../src-preload/contract';
import { bool, idOf, int, obj, str, type Json } from '../../stripe/stripe-json';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function toInvoiceRow(i: Json): InvoiceRow {
  const parent = obj(i.parent);
  return {
    id: str(i.id) ?? '',
    number: str(i.number),
    status: (str(i.status) ?? 'draft') as InvoiceStatus,
    customerId: idOf(i.customer),
    customerName: str(i.customer_name),
    customerEmail: str(i.customer_email),
    subscriptionId: idOf(obj(parent.subscription_details).subscription) ?? idOf(i.subscription),
    total: int(i.total) ?? 0,
    amountDue: int(i.amount_due) ?? 0,
    amountPaid: int(i.amount_paid) ?? 0,
    amountRemaining: int(i.amount_remaining) ?? 0,
    currency: str(i.currency) ?? 'usd',
    created: int(i.created) ?? 0,
    dueDate: int(i.due_date),
    attemptCount: int(i.attempt_count) ?? 0,
    nextPaymentAttempt: int(i.next_payment_attempt),
  };
}

export function toInvoiceLines(i: Json): InvoiceLine[] {
  return arr(obj(i.lines).data).map((raw) => {
    const line = obj(raw);
    const period = obj(line.period);
    const details = obj(obj(line.parent).subscription_item_details);
    return {
      id: str(line.id) ?? '',
      description: str(line.description),
      amount: int(line.amount) ?? 0,
      quantity: int(line.quantity),
      periodStart: int(period.start),
      periodEnd: int(period.end),
      proration: bool(details.proration) || bool(line.proration),
    };
  });
}

export function toCreditNoteRow(n: Json): CreditNoteRow {
  const refunded = arr(n.refunds).reduce<number>((sum, r) => sum + (int(obj(r).amount_refunded) ?? 0), 0);
  const amount = int(n.amount) ?? 0;
  const outOfBand = int(n.out_of_band_amount) ?? 0;
  const postPayment = str(n.type) === 'post_payment';
  return {
    id: str(n.id) ?? '',
    number: str(n.number) ?? '',
    amount,
    currency: str(n.currency) ?? 'usd',
    type: str(n.type) ?? 'pre_payment',
    reason: str(n.reason),
    refunded,
    credited: postPayment ? amount - refunded - outOfBand : 0,
    created: int(n.created) ?? 0,
  };
}
