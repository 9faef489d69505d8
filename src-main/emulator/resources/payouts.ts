import { route } from '../http/context';
import { columnFilters, listObjects, readCreated } from './shared/list';
import { loadObject } from './shared/objects';

const read = { resource: 'payout', access: 'read' } as const;

export const payoutRoutes = [
  route('GET', '/v1/payouts', read, (ctx) => {
    const arrival = readCreated(ctx.params, 'arrival_date') ?? {};
    const ops = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
    return listObjects(ctx, 'payout', '/v1/payouts', {
      filters: columnFilters(ctx.params, { status: 'status', destination: 'ref1' }),
      conditions: Object.entries(arrival).map(([op, value]) => ({
        sql: `json_extract(json, '$.arrival_date') ${ops[op as keyof typeof ops]} ?`,
        params: [value],
      })),
    });
  }),
  route('GET', '/v1/payouts/:id', read, (ctx) => loadObject(ctx, 'payout', ctx.pathParams.id as string)),
];
