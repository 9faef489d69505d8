export type Mode = 'test' | 'live';
export const MODES: readonly Mode[] = ['test', 'live'];

export type ObjectType =
  | 'customer'
  | 'payment_method'
  | 'payment_intent'
  | 'charge'
  | 'refund'
  | 'dispute'
  | 'file'
  | 'subscription'
  | 'invoice'
  | 'credit_note'
  | 'product'
  | 'price'
  | 'balance_transaction'
  | 'early_fraud_warning'
  | 'review'
  | 'payout'
  | 'event'
  | 'webhook_endpoint'
  | 'coupon'
  | 'promotion_code'
  | 'discount';

/** Any stored Stripe object: the fields every one of them has, plus the rest untyped. */
export interface StripeObject {
  id: string;
  object: string;
  [field: string]: unknown;
}

/** Indexed copies of a few fields, so lists and filters never scan JSON. */
export interface IndexColumns {
  customer?: string | null;
  status?: string | null;
  ref1?: string | null;
  ref2?: string | null;
}
export type IndexColumn = keyof IndexColumns;

export interface CreatedRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}
