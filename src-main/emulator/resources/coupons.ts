import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { listObjects } from './shared/list';
import { loadObject } from './shared/objects';

const couponRead = { resource: 'coupon', access: 'read' } as const;
const codeRead = { resource: 'promotion_code', access: 'read' } as const;

/** `GET /v1/promotion_codes`: by the code customers type (case-insensitive, as Stripe matches it), coupon, state. */
function listCodes(ctx: RequestContext) {
  const p = ctx.params;
  const code = p.string('code');
  const active = p.boolean('active');
  const coupon = p.string('coupon');
  const customer = p.string('customer');
  return listObjects(ctx, 'promotion_code', '/v1/promotion_codes', {
    filters: [
      ...(active === undefined ? [] : [{ column: 'status' as const, values: [String(active)] }]),
      ...(coupon ? [{ column: 'ref2' as const, values: [coupon] }] : []),
      ...(customer ? [{ column: 'customer' as const, values: [customer] }] : []),
    ],
    conditions: code ? [{ sql: 'lower(ref1) = lower(?)', params: [code] }] : [],
  });
}

export const couponRoutes = [
  route('GET', '/v1/coupons', couponRead, (ctx) => listObjects(ctx, 'coupon', '/v1/coupons')),
  route('GET', '/v1/coupons/:id', couponRead, (ctx) =>
    loadObject<Stripe.Coupon>(ctx, 'coupon', ctx.pathParams.id as string),
  ),
  route('GET', '/v1/promotion_codes', codeRead, listCodes),
  route('GET', '/v1/promotion_codes/:id', codeRead, (ctx) =>
    loadObject<Stripe.PromotionCode>(ctx, 'promotion_code', ctx.pathParams.id as string),
  ),
];
