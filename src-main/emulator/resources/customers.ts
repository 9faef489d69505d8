import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { blankCustomer } from '../objects/customer';
import { applyCustomerFields } from './customer-profile';
import { columnFilters, listObjects } from './shared/list';
import { emitEvent, loadObject, saveObject, saveUpdate } from './shared/objects';
import { searchObjects } from './shared/search';
import { jsonPath, type SearchField } from './shared/search-query';

const read = { resource: 'customer', access: 'read' } as const;
const write = { resource: 'customer', access: 'write' } as const;

const SEARCH_FIELDS: Record<string, SearchField> = {
  created: { kind: 'number', sql: 'created' },
  email: { kind: 'string', sql: 'ref1', lowerCased: true },
  name: { kind: 'string', sql: jsonPath('name') },
  phone: { kind: 'string', sql: jsonPath('phone') },
};

function create(ctx: RequestContext): Stripe.Customer {
  const created = ctx.env.clock.nowSeconds();
  const customer = blankCustomer(
    ctx.env.ids.makeShort('cus', created),
    created,
    ctx.livemode,
    ctx.env.ids.makeShort('x', created).slice(-8).toUpperCase(),
  );
  const filled = applyCustomerFields(ctx, customer);
  saveObject(ctx, 'customer', filled);
  emitEvent(ctx, 'customer.created', filled);
  return filled;
}

function update(ctx: RequestContext): Stripe.Customer {
  const before = loadObject<Stripe.Customer>(ctx, 'customer', ctx.pathParams.id as string);
  return saveUpdate(ctx, 'customer', before, applyCustomerFields(ctx, before), 'customer.updated');
}

export const customerRoutes = [
  route(
    'GET',
    '/v1/customers/search',
    read,
    (ctx) => searchObjects(ctx, 'customer', 'customers', SEARCH_FIELDS),
    'search',
  ),
  route('GET', '/v1/customers', read, (ctx) => {
    const email = ctx.params.string('email');
    // Stripe's email filter is case-sensitive: seek the lower-cased index, then compare exactly.
    return listObjects(ctx, 'customer', '/v1/customers', {
      filters: email ? [{ column: 'ref1', values: [email.toLowerCase()] }] : [],
      conditions: email ? [{ sql: "json_extract(json, '$.email') = ?", params: [email] }] : [],
    });
  }),
  route('POST', '/v1/customers', write, create),
  route('GET', '/v1/customers/:id', read, (ctx) => loadObject(ctx, 'customer', ctx.pathParams.id as string)),
  route('POST', '/v1/customers/:id', write, update),
  route('GET', '/v1/customers/:id/payment_methods', { resource: 'payment_method', access: 'read' }, (ctx) => {
    const id = ctx.pathParams.id as string;
    loadObject(ctx, 'customer', id);
    return listObjects(ctx, 'payment_method', `/v1/customers/${id}/payment_methods`, {
      filters: [{ column: 'customer', values: [id] }],
    });
  }),
  route('GET', '/v1/payment_methods', { resource: 'payment_method', access: 'read' }, (ctx) =>
    listObjects(ctx, 'payment_method', '/v1/payment_methods', {
      filters: columnFilters(ctx.params, { customer: 'customer' }),
    }),
  ),
  route('GET', '/v1/payment_methods/:id', { resource: 'payment_method', access: 'read' }, (ctx) =>
    loadObject(ctx, 'payment_method', ctx.pathParams.id as string),
  ),
];
