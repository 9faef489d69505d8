import { buildCoupon, buildPromotionCode } from '../objects/coupon';
import { DAY, type GeneratorContext } from './context';

/**
 * A handful of coupons and customer-facing codes, the same in every dataset (fixed ids, no draws from the seed's
 * random stream, so adding them changes no other generated object). One coupon has expired, one code is switched off.
 * The store keys objects by id across both modes, so live coupons' ids carry a `LIVE_` prefix (Stripe's needn't).
 */
export function generateCoupons(ctx: GeneratorContext): void {
  const created = ctx.now - 400 * DAY;
  const idOf = (id: string) => (ctx.livemode ? `LIVE_${id}` : id);
  const coupon = (
    id: string,
    name: string,
    off: { percent?: number; amountUsd?: number },
    duration: 'once' | 'forever' | 'repeating',
    extra: { months?: number; expired?: boolean } = {},
  ) =>
    buildCoupon({
      id: idOf(id),
      created,
      livemode: ctx.livemode,
      name,
      percentOff: off.percent ?? null,
      amountOff: off.amountUsd ?? null,
      currency: off.amountUsd ? 'usd' : null,
      duration,
      durationInMonths: extra.months ?? null,
      redeemBy: extra.expired ? created + 30 * DAY : null,
      valid: !extra.expired,
    });
  const coupons = [
    coupon('WELCOME10', 'Welcome 10% off', { percent: 10 }, 'once'),
    coupon('LOYAL20', 'Loyalty 20% off', { percent: 20 }, 'forever'),
    coupon('FIVEOFF', '$5 off for 3 months', { amountUsd: 500 }, 'repeating', { months: 3 }),
    coupon('SPRING15', 'Spring sale 15% off', { percent: 15 }, 'once', { expired: true }),
  ];
  for (const c of coupons) ctx.put('coupon', c);
  const codes: [string, string, boolean][] = [
    ['WELCOME', 'WELCOME10', true],
    ['THANKYOU', 'LOYAL20', true],
    ['FIVEOFF3', 'FIVEOFF', true],
    ['OLDLOYAL', 'LOYAL20', false],
  ];
  for (const [code, couponId, active] of codes)
    ctx.put(
      'promotion_code',
      buildPromotionCode({
        id: `promo_${ctx.livemode ? 'L' : 'T'}${code}`,
        code,
        coupon: idOf(couponId),
        created,
        livemode: ctx.livemode,
        active,
        customer: null,
      }),
    );
}
