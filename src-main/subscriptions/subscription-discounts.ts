import { LIVE_STATUSES } from './subscription-changes';
import type Stripe from 'stripe';
import {
  ConsoleError,
  type DiscountInput,
  type DiscountSummary,
  type Scope,
  type SubscriptionDiscounts,
} from '../../src-preload/contract';
import { answerOf, WriteBack, type WriteServiceDeps } from '../mutations/write-back';
import { idOf, str, type Json } from '../stripe/stripe-json';
import { SubscriptionQueries } from './subscription-queries';

export const SUBSCRIPTION_DISCOUNTS = 'subscription.discounts';

/** What the subscription's discounts become: one coupon or promotion code (by its `promo_` id), or none. */
type Wanted = { coupon: string } | { promotion_code: string } | null;

interface DiscountParams {
  subscriptionId: string;
  wanted: Wanted;
}

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    [SUBSCRIPTION_DISCOUNTS]: { params: DiscountParams; result: Stripe.Subscription };
  }
}

export type SubscriptionDiscountsDeps = WriteServiceDeps;

/** Whether the subscription's discounts (expanded) are exactly what was wanted. */
function holds(discounts: Stripe.Discount[], wanted: Wanted): boolean {
  if (!wanted) return discounts.length === 0;
  if (discounts.length !== 1) return false;
  const [discount] = discounts as [Stripe.Discount];
  return 'coupon' in wanted
    ? idOf(discount.source.coupon) === wanted.coupon && !discount.promotion_code
    : idOf(discount.promotion_code) === wanted.promotion_code;
}

/**
 * A coupon or a promotion code on a subscription (it replaces the one there), or none: one subscription update per
 * confirmed intent. Coupons aren't cached, so the current discounts and the code typed are read from Stripe.
 */
export class SubscriptionDiscountWrites {
  private readonly writeBack: WriteBack;

  constructor(private readonly deps: SubscriptionDiscountsDeps) {
    this.writeBack = new WriteBack(deps.applyObject, deps.now);
    deps.ledger.register(SUBSCRIPTION_DISCOUNTS, {
      send: async (stripe, p, context) =>
        answerOf(
          await stripe.subscriptions.update(
            p.subscriptionId,
            { discounts: p.wanted ? [p.wanted] : '' },
            context.requestOptions,
          ),
        ),
      // The subscription already carries exactly the wanted discount (or none): that is this write's effect.
      find: async (stripe, p) => {
        const sub = await stripe.subscriptions.retrieve(p.subscriptionId, { expand: ['discounts'] });
        if (!holds(sub.discounts as Stripe.Discount[], p.wanted)) return null;
        return answerOf(await stripe.subscriptions.retrieve(p.subscriptionId));
      },
      settle: (scope, outcome, sentAt) => this.writeBack.apply(scope, outcome.object, sentAt),
    });
  }

  /** The subscription's discounts in plain terms, read from Stripe. */
  async discounts(scope: Scope, id: string): Promise<SubscriptionDiscounts> {
    this.cached(scope, id);
    const stripe = await this.deps.gateway.client(scope);
    const sub = await stripe.subscriptions.retrieve(id, { expand: ['discounts'] });
    return { subscription: this.detail(scope, id), discounts: await this.summaries(stripe, sub) };
  }

  async apply(scope: Scope, id: string, intentId: string, discount: DiscountInput): Promise<SubscriptionDiscounts> {
    const existing = this.deps.ledger.find(intentId);
    if (!existing) this.checkLive(scope, id);
    // A resend keeps the promotion code the first attempt resolved (its params are recorded).
    const wanted = existing ? null : await this.resolve(scope, id, discount);
    return this.write(scope, id, intentId, wanted, !!existing);
  }

  async remove(scope: Scope, id: string, intentId: string): Promise<SubscriptionDiscounts> {
    const existing = this.deps.ledger.find(intentId);
    if (!existing) this.checkLive(scope, id);
    return this.write(scope, id, intentId, null, !!existing);
  }

  private async write(
    scope: Scope,
    id: string,
    intentId: string,
    wanted: Wanted,
    resend: boolean,
  ): Promise<SubscriptionDiscounts> {
    const { ledger } = this.deps;
    const outcome = resend
      ? await ledger.resend({ scope, kind: SUBSCRIPTION_DISCOUNTS, targetId: id, intentId })
      : await ledger.run({
          scope,
          kind: SUBSCRIPTION_DISCOUNTS,
          targetId: id,
          intentId,
          params: { subscriptionId: id, wanted },
          agent: this.deps.agent(),
        });
    const subscription = new SubscriptionQueries(this.deps.caches.open(scope)).detailOf(outcome.object);
    // Stripe said yes: the discounts' details are a best-effort read (the view asks again if this one fails).
    try {
      const stripe = await this.deps.gateway.client(scope);
      const expanded = await stripe.subscriptions.retrieve(id, { expand: ['discounts'] });
      return { subscription, discounts: await this.summaries(stripe, expanded) };
    } catch {
      return { subscription, discounts: [] };
    }
  }

  /** A coupon id as typed, or the customer-facing code looked up among active promotion codes. */
  private async resolve(scope: Scope, id: string, discount: DiscountInput): Promise<Wanted> {
    const stripe = await this.deps.gateway.client(scope);
    if (discount.kind === 'coupon') {
      const coupon = await stripe.coupons.retrieve(discount.coupon).catch((err: unknown) => {
        throw (err as { statusCode?: number }).statusCode === 404
          ? new ConsoleError('invalid_input', `There is no coupon “${discount.coupon}” in this account.`, {
              details: { path: 'discount.coupon' },
            })
          : err;
      });
      if (!coupon.valid)
        throw new ConsoleError('invalid_input', `Coupon “${coupon.id}” has expired and can’t be used any more.`, {
          details: { path: 'discount.coupon' },
        });
      return { coupon: coupon.id };
    }
    const codes = await stripe.promotionCodes.list({ code: discount.code, active: true, limit: 10 });
    const customer = idOf(this.cached(scope, id).customer);
    const usable = codes.data.find((c) => !c.customer || idOf(c.customer) === customer);
    if (!usable)
      throw new ConsoleError(
        'invalid_input',
        `“${discount.code}” isn’t an active promotion code this customer can use. Check the spelling, or use a coupon.`,
        { details: { path: 'discount.code' } },
      );
    return { promotion_code: usable.id };
  }

  private async summaries(stripe: Stripe, sub: Stripe.Subscription): Promise<DiscountSummary[]> {
    const discounts = sub.discounts.filter((d): d is Stripe.Discount => typeof d !== 'string');
    return Promise.all(
      discounts.map(async (d) => {
        const coupon = await stripe.coupons.retrieve(idOf(d.source.coupon) ?? '');
        const promotion = idOf(d.promotion_code);
        const code = promotion ? (await stripe.promotionCodes.retrieve(promotion)).code : null;
        return {
          id: d.id,
          couponId: coupon.id,
          name: coupon.name,
          percentOff: coupon.percent_off,
          amountOff: coupon.amount_off,
          currency: coupon.currency,
          duration: coupon.duration,
          durationInMonths: coupon.duration_in_months,
          promotionCode: code,
          end: d.end,
        };
      }),
    );
  }

  private detail(scope: Scope, id: string) {
    return new SubscriptionQueries(this.deps.caches.open(scope)).get(id);
  }

  private cached(scope: Scope, id: string): Json {
    const sub = this.deps.caches.open(scope).get<Json>('subscriptions', id);
    if (!sub)
      throw new ConsoleError(
        'not_found',
        `Subscription ${id} isn’t in the local copy. It appears once sync has fetched it.`,
      );
    return sub;
  }

  private checkLive(scope: Scope, id: string): void {
    const status = str(this.cached(scope, id).status) ?? '';
    if (!LIVE_STATUSES.includes(status))
      throw new ConsoleError('conflict', 'This subscription has ended: its discounts can’t change.');
  }
}
