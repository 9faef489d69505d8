/** The Stripe resources the cache keeps, one table each. */
export const RESOURCES = [
  'customers',
  'payment_methods',
  'payment_intents',
  'charges',
  'refunds',
  'disputes',
  'subscriptions',
  'invoices',
  'products',
  'prices',
  'early_fraud_warnings',
  'reviews',
  'payouts',
  'events',
] as const;

export type Resource = (typeof RESOURCES)[number];

/** Resources filled by backfill (events come from the poller and the webhook inbox instead). */
export type BackfillResource = Exclude<Resource, 'events'>;

/** Stripe's `object` field → the table that holds it. */
const RESOURCE_BY_OBJECT: Record<string, Resource> = {
  customer: 'customers',
  payment_method: 'payment_methods',
  payment_intent: 'payment_intents',
  charge: 'charges',
  refund: 'refunds',
  dispute: 'disputes',
  subscription: 'subscriptions',
  invoice: 'invoices',
  product: 'products',
  price: 'prices',
  'radar.early_fraud_warning': 'early_fraud_warnings',
  review: 'reviews',
  payout: 'payouts',
  event: 'events',
};

/** The same object read field by field: every Stripe object is a JSON object, so a field not named above is `unknown`. */
export function fieldsOf(object: AnyStripeObject): StripeObjectLike {
  return object as StripeObjectLike;
}

export function resourceOf(objectType: string): Resource | null {
  return RESOURCE_BY_OBJECT[objectType] ?? null;
}

/**
 * Any Stripe object, as a writer hands it to the cache: the SDK's typed answers pass as they are (an SDK interface
 * has no index signature, and its `deleted` is `void` unless the object is a deletion), and so does parsed JSON.
 */
export interface AnyStripeObject {
  id: string;
  object: string;
  created?: number | null;
  deleted?: boolean | void;
}

/** Any Stripe object as it arrives over the wire (parsed JSON), its other fields read by name. */
export interface StripeObjectLike {
  id: string;
  object: string;
  created?: number;
  deleted?: boolean;
  [field: string]: unknown;
}
