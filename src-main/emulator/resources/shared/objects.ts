import type Stripe from 'stripe';
import { resourceMissing } from '../../http/errors';
import type { RequestContext } from '../../http/context';
import type { ObjectType, StripeObject } from '../../store/types';
import { previousAttributes } from '../../webhooks/event-recorder';

/** How Stripe names each type in "No such …" messages. */
const LABELS: Record<ObjectType, string> = {
  customer: 'customer',
  payment_method: 'PaymentMethod',
  payment_intent: 'payment_intent',
  charge: 'charge',
  refund: 'refund',
  dispute: 'dispute',
  file: 'file',
  subscription: 'subscription',
  invoice: 'invoice',
  credit_note: 'credit note',
  product: 'product',
  price: 'price',
  balance_transaction: 'balance transaction',
  early_fraud_warning: 'radar.early_fraud_warning',
  review: 'review',
  payout: 'payout',
  event: 'event',
  webhook_endpoint: 'webhook endpoint',
  coupon: 'coupon',
  promotion_code: 'promotion code',
  discount: 'discount',
};

/** Loads an object of this mode or answers Stripe's 404, noting when it exists in the other mode. */
export function loadObject<T>(ctx: RequestContext, type: ObjectType, id: string, param = 'id'): T {
  const found = ctx.env.store.get(ctx.mode, type, id);
  // eslint-disable-next-line no-restricted-syntax -- the store holds every type's JSON; `type` picked the row, so it is the T the caller named
  if (found) return found as unknown as T;
  const elsewhere = ctx.env.store.locate(id);
  const hint =
    elsewhere && elsewhere.type === type && elsewhere.mode !== ctx.mode
      ? `; a similar object exists in ${elsewhere.mode} mode, but a ${ctx.mode} mode key was used to make this request.`
      : '';
  throw resourceMissing(LABELS[type], id, param, hint);
}

export function saveObject(ctx: RequestContext, type: ObjectType, object: object): void {
  ctx.env.store.put(ctx.mode, type, object as StripeObject, ctx.env.clock.nowMs());
}

export function emitEvent(ctx: RequestContext, type: Stripe.Event.Type, object: object, before?: object): void {
  const previous = before ? previousAttributes(before as StripeObject, object as StripeObject) : undefined;
  ctx.env.events.emit(
    { mode: ctx.mode, requestId: ctx.requestId, idempotencyKey: ctx.idempotencyKey },
    type,
    object as StripeObject,
    previous,
  );
}

/** Saves an updated object and emits `<type>.updated`-style events only when something changed. */
export function saveUpdate<T extends object>(
  ctx: RequestContext,
  type: ObjectType,
  before: T,
  after: T,
  eventType: Stripe.Event.Type,
): T {
  saveObject(ctx, type, after);
  if (JSON.stringify(before) !== JSON.stringify(after)) emitEvent(ctx, eventType, after, before);
  return after;
}
