import { route, type RequestContext } from '../http/context';
import { readMeta } from '../store/database';
import { buildAccount } from '../objects/account';

const read = { resource: 'account', access: 'read' } as const;

function currentAccount(ctx: RequestContext) {
  const created = Number(readMeta(ctx.env.store.db, 'account_created') ?? ctx.env.clock.nowSeconds());
  return buildAccount(ctx.env.accountId, created);
}

export const accountRoutes = [route('GET', '/v1/account', read, currentAccount)];
