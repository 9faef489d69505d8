import { route } from '../http/context';
import { listObjects } from './shared/list';
import { loadObject } from './shared/objects';

const productRead = { resource: 'product', access: 'read' } as const;
const priceRead = { resource: 'price', access: 'read' } as const;

function activeFilter(value: boolean | undefined) {
  return value === undefined ? [] : [{ column: 'status' as const, values: [String(value)] }];
}

export const catalogRoutes = [
  route('GET', '/v1/products', productRead, (ctx) =>
    listObjects(ctx, 'product', '/v1/products', { filters: activeFilter(ctx.params.boolean('active')) }),
  ),
  route('GET', '/v1/products/:id', productRead, (ctx) => loadObject(ctx, 'product', ctx.pathParams.id as string)),
  route('GET', '/v1/prices', priceRead, (ctx) => {
    const product = ctx.params.string('product');
    return listObjects(ctx, 'price', '/v1/prices', {
      filters: [
        ...activeFilter(ctx.params.boolean('active')),
        ...(product ? [{ column: 'ref1' as const, values: [product] }] : []),
      ],
    });
  }),
  route('GET', '/v1/prices/:id', priceRead, (ctx) => loadObject(ctx, 'price', ctx.pathParams.id as string)),
];
