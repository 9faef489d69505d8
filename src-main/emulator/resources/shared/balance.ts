import type Stripe from 'stripe';
import type { RequestContext } from '../../http/context';
import { buildBalanceTransaction, type BalanceTransactionInput } from '../../objects/balance-transaction';
import { saveObject } from './objects';

/** Records money moving on the account (a capture, a refund) as a balance transaction. */
export function recordBalanceTransaction(
  ctx: RequestContext,
  input: Omit<BalanceTransactionInput, 'id' | 'created' | 'available'>,
): Stripe.BalanceTransaction {
  const created = ctx.env.clock.nowSeconds();
  const transaction = buildBalanceTransaction({
    ...input,
    id: ctx.env.ids.make('txn', created),
    created,
    available: false,
  });
  saveObject(ctx, 'balance_transaction', transaction);
  return transaction;
}
