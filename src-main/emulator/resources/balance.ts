import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';

const read = { resource: 'balance', access: 'read' } as const;

interface Row {
  currency: string;
  status: string;
  net: number;
}

/** The account balance per currency, summed from balance transactions (available vs pending). */
function balance(ctx: RequestContext): Stripe.Balance {
  const rows = ctx.env.store.db
    .prepare(
      `SELECT json_extract(json, '$.currency') AS currency, json_extract(json, '$.status') AS status,
              sum(json_extract(json, '$.net')) AS net
       FROM objects WHERE mode = ? AND type = 'balance_transaction' GROUP BY 1, 2`,
    )
    .all(ctx.mode === 'live' ? 1 : 0) as Row[];
  const bucket = (status: string): Stripe.Balance.Available[] =>
    [...new Set(rows.map((r) => r.currency))].sort().map((currency) => {
      const amount = rows
        .filter((r) => r.currency === currency && r.status === status)
        .reduce((sum, r) => sum + r.net, 0);
      return { amount, currency, source_types: { card: amount } };
    });
  return {
    object: 'balance',
    available: bucket('available'),
    livemode: ctx.livemode,
    pending: bucket('pending'),
    refund_and_dispute_prefunding: { available: [], pending: [] },
  } satisfies Stripe.Balance;
}

export const balanceRoutes = [route('GET', '/v1/balance', read, balance)];
