import { route } from '../http/context';
import { listObjects } from './shared/list';
import { loadObject } from './shared/objects';
import { searchObjects } from './shared/search';
import { jsonPath, type SearchField } from './shared/search-query';

const productRead = { resource: 'product', access: 'read' } as const;
const priceRead = { resource: 'price', access: 'read' } as const;

/** Stripe's search fields per resource; `active` is the indexed 'true'/'false' status column. */
const PRODUCT_SEARCH_FIELDS: Record<string, SearchField> = {
  active: { kind: 'string', sql: 'status' },
  created: { kind: 'number', sql: 'created' },
  description: { kind: 'string', sql: jsonPath('description') },
  name: { kind: 'string', sql: jsonPath('name') },
  shippable: { kind: 'boolean', sql: jsonPath('shippable') },
  url: { kind: 'string', sql: jsonPath('url') },
};
const PRICE_SEARCH_FIELDS: Record<string, SearchField> = {
  active: { kind: 'string', sql: 'status' },
  created: { kind: 'number', sql: 'created' },
  currency: { kind: 'string', sql: jsonPath('currency') },
  lookup_key: { kind: 'string', sql: jsonPath('lookup_key') },
  product: { kind: 'string', sql: 'ref1' },
  type: { kind: 'string', sql: jsonPath('type') },
};

function activeFilter(value: boolean | undefined) {
  return value === undefined ? [] : [{ column: 'status' as const, values: [String(value)] }];
}

export const catalogRoutes = [
  route(
    'GET',
    '/v1/products/search',
    productRead,
    (ctx) => searchObjects(ctx, 'product', 'products', PRODUCT_SEARCH_FIELDS),
    'search',
  ),
  route(
    'GET',
    '/v1/prices/search',
    priceRead,
    (ctx) => searchObjects(ctx, 'price', 'prices', PRICE_SEARCH_FIELDS),
    'search',
  ),
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
