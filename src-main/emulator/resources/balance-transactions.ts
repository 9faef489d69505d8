import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { columnFilters, listObjects } from './shared/list';
import { loadObject } from './shared/objects';
import { settlementConditions } from './shared/payout-settlement';

const read = { resource: 'balance', access: 'read' } as const;

/** `payout=po_…`: what that payout settled (Stripe answers 404 for an unknown payout). */
function payoutConditions(ctx: RequestContext) {
  const payoutId = ctx.params.string('payout');
  if (!payoutId) return [];
  const payout = loadObject<Stripe.Payout>(ctx, 'payout', payoutId, 'payout');
  return settlementConditions(ctx.env.store, ctx.mode, payout);
}

export const balanceTransactionRoutes = [
  route('GET', '/v1/balance_transactions', read, (ctx) =>
    listObjects(ctx, 'balance_transaction', '/v1/balance_transactions', {
      filters: columnFilters(ctx.params, { type: 'status', source: 'ref1' }),
      conditions: payoutConditions(ctx),
    }),
  ),
  route('GET', '/v1/balance_transactions/:id', read, (ctx) =>
    loadObject(ctx, 'balance_transaction', ctx.pathParams.id as string),
  ),
];
