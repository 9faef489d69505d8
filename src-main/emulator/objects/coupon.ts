import type Stripe from 'stripe';

export interface CouponInput {
  id: string;
  created: number;
  livemode: boolean;
  name: string;
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  duration: Stripe.Coupon.Duration;
  durationInMonths: number | null;
  redeemBy: number | null;
  valid: boolean;
}

export function buildCoupon(c: CouponInput): Stripe.Coupon {
  return {
    id: c.id,
    object: 'coupon',
    amount_off: c.amountOff,
    created: c.created,
    currency: c.currency,
    duration: c.duration,
    duration_in_months: c.durationInMonths,
    livemode: c.livemode,
    max_redemptions: null,
    metadata: {},
    name: c.name,
    percent_off: c.percentOff,
    redeem_by: c.redeemBy,
    times_redeemed: 0,
    valid: c.valid,
  };
}

export interface PromotionCodeInput {
  id: string;
  code: string;
  coupon: string;
  created: number;
  livemode: boolean;
  active: boolean;
  customer: string | null;
}

export function buildPromotionCode(p: PromotionCodeInput): Stripe.PromotionCode {
  return {
    id: p.id,
    object: 'promotion_code',
    active: p.active,
    code: p.code,
    created: p.created,
    customer: p.customer,
    customer_account: null,
    expires_at: null,
    livemode: p.livemode,
    max_redemptions: null,
    metadata: {},
    promotion: { coupon: p.coupon, type: 'coupon' },
    restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
    times_redeemed: 0,
  };
}

export interface DiscountInput {
  id: string;
  coupon: Stripe.Coupon;
  promotionCode: string | null;
  customer: string;
  subscription: string;
  start: number;
}

/** A coupon applied to a subscription; a repeating one ends after its months. */
export function buildDiscount(d: DiscountInput): Stripe.Discount {
  const months = d.coupon.duration === 'repeating' ? (d.coupon.duration_in_months ?? 0) : null;
  return {
    id: d.id,
    object: 'discount',
    checkout_session: null,
    customer: d.customer,
    customer_account: null,
    end: months === null ? null : d.start + months * 30 * 86_400,
    invoice: null,
    invoice_item: null,
    promotion_code: d.promotionCode,
    source: { coupon: d.coupon.id, type: 'coupon' },
    start: d.start,
    subscription: d.subscription,
    subscription_item: null,
  };
}
