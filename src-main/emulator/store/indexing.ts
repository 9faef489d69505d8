import type { IndexColumns, ObjectType, StripeObject } from './types';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Which fields of each object type are copied into indexed columns. */
const INDEXERS: Record<ObjectType, (o: StripeObject) => IndexColumns> = {
  // Lower-cased so case-insensitive search and the case-sensitive list filter can both use the index.
  customer: (o) => ({ ref1: text(o.email)?.toLowerCase() ?? null }),
  payment_method: (o) => ({ customer: text(o.customer) }),
  payment_intent: (o) => ({ customer: text(o.customer), status: text(o.status) }),
  charge: (o) => ({ customer: text(o.customer), status: text(o.status), ref2: text(o.payment_intent) }),
  refund: (o) => ({ status: text(o.status), ref1: text(o.charge), ref2: text(o.payment_intent) }),
  dispute: (o) => ({ status: text(o.status), ref1: text(o.charge), ref2: text(o.payment_intent) }),
  file: (o) => ({ status: text(o.purpose) }),
  subscription: (o) => ({ customer: text(o.customer), status: text(o.status) }),
  // Since 2025-03-31 an invoice names its subscription under parent.subscription_details.
  invoice: (o) => ({
    customer: text(o.customer),
    status: text(o.status),
    ref1: text(
      (o.parent as { subscription_details?: { subscription?: unknown } } | null)?.subscription_details?.subscription,
    ),
  }),
  credit_note: (o) => ({ customer: text(o.customer), status: text(o.status), ref1: text(o.invoice) }),
  product: (o) => ({ status: String(o.active) }),
  price: (o) => ({ status: String(o.active), ref1: text(o.product) }),
  balance_transaction: (o) => ({ status: text(o.type), ref1: text(o.source) }),
  early_fraud_warning: (o) => ({ status: String(o.actionable), ref1: text(o.charge), ref2: text(o.payment_intent) }),
  review: (o) => ({ status: String(o.open), ref1: text(o.charge), ref2: text(o.payment_intent) }),
  payout: (o) => ({ status: text(o.status), ref1: text(o.destination) }),
  event: (o) => ({ status: text(o.type) }),
  webhook_endpoint: () => ({}),
  coupon: (o) => ({ status: String(o.valid) }),
  promotion_code: (o) => ({
    customer: text(o.customer),
    status: String(o.active),
    ref1: text(o.code),
    ref2: text((o.promotion as { coupon?: unknown } | null)?.coupon),
  }),
  discount: (o) => ({ customer: text(o.customer), ref1: text(o.subscription) }),
};

export function indexColumns(type: ObjectType, object: StripeObject): IndexColumns {
  return INDEXERS[type](object);
}
