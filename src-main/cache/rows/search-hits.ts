import type { SearchHit } from '../../../src-preload/contract';
import { idOf, int, obj, str, type Json } from '../../stripe/stripe-json';

type Source = SearchHit['source'];

/** How each kind of Stripe object reads as a search hit; the same for the cache and for Stripe's answers. */
export function customerHit(c: Json, source: Source): SearchHit {
  const email = str(c.email);
  const name = str(c.name);
  return {
    kind: 'customer',
    id: str(c.id) ?? '',
    title: name ?? email ?? str(c.id) ?? '',
    detail: name && email ? email : str(c.phone),
    amount: null,
    currency: null,
    status: c.delinquent === true ? 'delinquent' : null,
    created: int(c.created) ?? 0,
    customerId: str(c.id),
    source,
  };
}

export function paymentHit(pi: Json, email: string | null, last4: string | null, source: Source): SearchHit {
  return {
    kind: 'payment',
    id: str(pi.id) ?? '',
    title: email ?? str(pi.description) ?? str(pi.id) ?? '',
    detail: last4 ? `Card ending ${last4}` : null,
    amount: int(pi.amount),
    currency: str(pi.currency),
    status: str(pi.status),
    created: int(pi.created) ?? 0,
    customerId: idOf(pi.customer),
    source,
  };
}

export function invoiceHit(inv: Json, source: Source): SearchHit {
  return {
    kind: 'invoice',
    id: str(inv.id) ?? '',
    title: str(inv.number) ?? str(inv.id) ?? '',
    detail: str(inv.customer_email),
    amount: int(inv.amount_due),
    currency: str(inv.currency),
    status: str(inv.status),
    created: int(inv.created) ?? 0,
    customerId: idOf(inv.customer),
    source,
  };
}

export function subscriptionHit(sub: Json, source: Source): SearchHit {
  const item = obj((obj(sub.items).data as unknown[] | undefined)?.[0]);
  const price = obj(item.price);
  return {
    kind: 'subscription',
    id: str(sub.id) ?? '',
    title: str(sub.description) ?? str(obj(price.product).name) ?? str(sub.id) ?? '',
    detail: idOf(sub.customer),
    amount: int(price.unit_amount),
    currency: str(sub.currency) ?? str(price.currency),
    status: str(sub.status),
    created: int(sub.created) ?? 0,
    customerId: idOf(sub.customer),
    source,
  };
}

export function disputeHit(d: Json, source: Source): SearchHit {
  return {
    kind: 'dispute',
    id: str(d.id) ?? '',
    title: str(d.reason) ?? 'Dispute',
    detail: idOf(d.payment_intent) ?? idOf(d.charge),
    amount: int(d.amount),
    currency: str(d.currency),
    status: str(d.status),
    created: int(d.created) ?? 0,
    customerId: null,
    source,
  };
}
