import type Stripe from 'stripe';
import type { RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import type { Params } from '../http/params';
import { buildDiscount } from '../objects/coupon';
import { emitEvent, loadObject, saveObject } from './shared/objects';

/**
 * `POST /v1/subscriptions/:id` with `discounts`: the subscription's discounts become exactly the ones listed —
 * a coupon, a promotion code (by its `promo_` id) or one of its current discounts (`discount`) each; `''` removes
 * them all. Refused as Stripe refuses: unknown or expired coupons, inactive codes, another customer's code, a fixed
 * amount in another currency, the same coupon twice.
 */
export function applySubscriptionDiscounts(
  ctx: RequestContext,
  before: Stripe.Subscription,
  after: Stripe.Subscription,
): void {
  const raw = ctx.params.params.discounts;
  if (raw === undefined) return;
  const entries = raw === '' ? [] : (raw as Params[]);
  const current = (before.discounts ?? []).map((d) => (typeof d === 'string' ? d : d.id));
  const now = ctx.env.clock.nowSeconds();
  const kept: string[] = [];
  const added: Stripe.Discount[] = [];
  const coupons = new Set<string>();
  entries.forEach((entry, i) => {
    const param = `discounts[${i}]`;
    const given = (['coupon', 'discount', 'promotion_code'] as const).filter((k) => typeof entry[k] === 'string');
    if (given.length !== 1)
      throw invalidRequest('You may only specify one of these parameters: coupon, discount, promotion_code.', param);
    if (given[0] === 'discount') {
      const id = entry.discount as string;
      if (!current.includes(id))
        throw invalidRequest(`The discount ${id} is not applied to this subscription.`, `${param}[discount]`);
      const discount = loadObject<Stripe.Discount>(ctx, 'discount', id, `${param}[discount]`);
      noRepeat(coupons, couponOf(discount), param);
      kept.push(id);
      return;
    }
    const promotion =
      given[0] === 'promotion_code'
        ? usableCode(ctx, entry.promotion_code as string, before, `${param}[promotion_code]`)
        : null;
    const couponId = promotion ? couponOf(promotion.promotion) : (entry.coupon as string);
    const coupon = usableCoupon(ctx, couponId, before, promotion ? `${param}[promotion_code]` : `${param}[coupon]`);
    noRepeat(coupons, coupon.id, param);
    added.push(
      buildDiscount({
        id: ctx.env.ids.make('di', now),
        coupon,
        promotionCode: promotion?.id ?? null,
        customer: before.customer as string,
        subscription: before.id,
        start: now,
      }),
    );
  });
  for (const discount of added) {
    saveObject(ctx, 'discount', discount);
    const coupon = loadObject<Stripe.Coupon>(ctx, 'coupon', couponOf(discount));
    saveObject(ctx, 'coupon', { ...coupon, times_redeemed: coupon.times_redeemed + 1 });
    emitEvent(ctx, 'customer.discount.created', discount);
  }
  for (const id of current.filter((d) => !kept.includes(d))) {
    const removed = ctx.env.store.get(ctx.mode, 'discount', id);
    if (removed) emitEvent(ctx, 'customer.discount.deleted', removed);
  }
  after.discounts = [...kept, ...added.map((d) => d.id)];
}

const couponOf = (holder: {
  source?: { coupon: string | Stripe.Coupon | null };
  coupon?: string | Stripe.Coupon | null;
}) => {
  const coupon = holder.source ? holder.source.coupon : holder.coupon;
  return typeof coupon === 'string' ? coupon : (coupon?.id ?? '');
};

function noRepeat(seen: Set<string>, coupon: string, param: string): void {
  if (seen.has(coupon)) throw invalidRequest(`The coupon ${coupon} can only be applied once.`, param);
  seen.add(coupon);
}

function usableCoupon(ctx: RequestContext, id: string, sub: Stripe.Subscription, param: string): Stripe.Coupon {
  const coupon = loadObject<Stripe.Coupon>(ctx, 'coupon', id, param);
  if (!coupon.valid)
    throw invalidRequest(`Coupon ${id} is no longer valid and can't be redeemed.`, param, 'coupon_expired');
  if (coupon.amount_off !== null && coupon.currency !== sub.currency)
    throw invalidRequest(
      `The coupon ${id} takes off an amount in ${coupon.currency}, but the subscription is billed in ${sub.currency}.`,
      param,
    );
  return coupon;
}

function usableCode(ctx: RequestContext, id: string, sub: Stripe.Subscription, param: string): Stripe.PromotionCode {
  const code = loadObject<Stripe.PromotionCode>(ctx, 'promotion_code', id, param);
  if (!code.active) throw invalidRequest(`The promotion code ${code.code} is inactive.`, param);
  if (code.customer && code.customer !== sub.customer)
    throw invalidRequest(`The promotion code ${code.code} can't be redeemed by this customer.`, param);
  return code;
}
