import type { CardSummary, CustomerDetail, CustomerRow, InvoiceSummary } from '../../../src-preload/contract';
import { bool, int, obj, str, type Json } from '../../stripe/stripe-json';

/** A customer as the list shows it, with the card last4s seen on their payment methods and charges. */
export function toCustomerRow(c: Json, cardLast4s: string[]): CustomerRow {
  return {
    id: str(c.id) ?? '',
    email: str(c.email),
    name: str(c.name),
    phone: str(c.phone),
    created: int(c.created) ?? 0,
    currency: str(c.currency),
    balance: int(c.balance),
    delinquent: bool(c.delinquent),
    cardLast4s,
  };
}

export function toCustomerDetail(row: CustomerRow, customer: Json): CustomerDetail['customer'] {
  const address = obj(customer.address);
  const addressText = ['line1', 'line2', 'postal_code', 'city', 'state', 'country']
    .map((k) => str(address[k]))
    .filter(Boolean)
    .join(', ');
  const metadata = Object.fromEntries(
    Object.entries(obj(customer.metadata)).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  return { ...row, description: str(customer.description), address: addressText || null, metadata };
}

export function toCard(pm: Json, defaultMethod: string | null): CardSummary {
  const card = obj(pm.card);
  return {
    id: str(pm.id) ?? '',
    brand: str(card.brand) ?? str(pm.type),
    last4: str(card.last4),
    expMonth: int(card.exp_month),
    expYear: int(card.exp_year),
    isDefault: str(pm.id) === defaultMethod,
  };
}

export function toInvoice(invoice: Json): InvoiceSummary {
  return {
    id: str(invoice.id) ?? '',
    number: str(invoice.number),
    status: str(invoice.status),
    created: int(invoice.created) ?? 0,
    amountDue: int(invoice.amount_due) ?? 0,
    amountPaid: int(invoice.amount_paid) ?? 0,
    amountRemaining: int(invoice.amount_remaining) ?? 0,
    currency: str(invoice.currency) ?? 'usd',
    dueDate: int(invoice.due_date),
  };
}
