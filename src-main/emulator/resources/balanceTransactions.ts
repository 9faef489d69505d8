import { route } from '../http/context';
import { columnFilters, listObjects } from './shared/list';
import { loadObject } from './shared/objects';

const read = { resource: 'balance', access: 'read' } as const;

export const balanceTransactionRoutes = [
  route('GET', '/v1/balance_transactions', read, (ctx) =>
    listObjects(ctx, 'balance_transaction', '/v1/balance_transactions', {
      filters: columnFilters(ctx.params, { type: 'status', source: 'ref1' }),
    }),
  ),
  route('GET', '/v1/balance_transactions/:id', read, (ctx) =>
    loadObject(ctx, 'balance_transaction', ctx.pathParams.id as string),
  ),
];
