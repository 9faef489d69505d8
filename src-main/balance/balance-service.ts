import type Stripe from 'stripe';
import type { BalanceSummary, Page, PayoutDetail, PayoutRow, Scope } from '../../src-preload/contract';
import { ConsoleError } from '../../src-preload/contract';
import type { CacheAccess } from '../cache/cache-access';
import { toJson } from '../mutations/write-back';
import type { StripeGateway } from '../stripe/gateway';
import { payoutDetail } from './payout-rows';

/** The most transactions one payout's detail reads (Stripe pages them 100 at a time). */
const MAX_SETTLED = 10_000;

/**
 * Reconciling money: the balance per currency and what each payout settled are read from Stripe when opened
 * (Stripe's balance transactions name no payout, so only `?payout=` can say); the payout list comes from the cache.
 */
export class BalanceService {
  constructor(
    private readonly gateway: StripeGateway,
    private readonly deps: CacheAccess,
    private readonly now: () => number,
  ) {}

  async balance(scope: Scope): Promise<BalanceSummary> {
    const stripe = await this.gateway.client(scope);
    const balance = await stripe.balance.retrieve();
    const money = (list: Stripe.Balance.Available[]) =>
      list
        .map((b) => ({ amount: b.amount, currency: b.currency }))
        .sort((a, b) => a.currency.localeCompare(b.currency));
    return { available: money(balance.available), pending: money(balance.pending), asOf: this.now() };
  }

  payouts(scope: Scope, q: { cursor?: string | null | undefined; limit: number }): Page<PayoutRow> {
    return this.deps.caches.open(scope).payouts.page(q);
  }

  async payout(scope: Scope, payoutId: string): Promise<PayoutDetail> {
    const stripe = await this.gateway.client(scope);
    const sentAt = this.now();
    const payout = await stripe.payouts.retrieve(payoutId);
    this.deps.applyObject(scope, payout, sentAt);
    const settled = await stripe.balanceTransactions
      .list({ payout: payoutId, limit: 100 })
      .autoPagingToArray({ limit: MAX_SETTLED });
    if (settled.length >= MAX_SETTLED)
      throw new ConsoleError(
        'conflict',
        'This payout settled more transactions than the console lists; use Stripe’s reports.',
      );
    return payoutDetail(toJson(payout), settled.map(toJson));
  }
}
