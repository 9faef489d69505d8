import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import { ACCOUNT_NAME } from '../objects/account';
import { buildInvoice } from '../objects/invoice';
import { columnFilters, listObjects } from './shared/list';
import { previewSubscriptionChange } from './subscription-changes';
import { loadObject } from './shared/objects';
import { searchObjects } from './shared/search';
import { jsonPath, type SearchField } from './shared/search-query';

const read = { resource: 'invoice', access: 'read' } as const;

/** Stripe's invoice search fields (metadata is always searchable). */
const SEARCH_FIELDS: Record<string, SearchField> = {
  created: { kind: 'number', sql: 'created' },
  currency: { kind: 'string', sql: jsonPath('currency') },
  customer: { kind: 'string', sql: 'customer' },
  number: { kind: 'string', sql: jsonPath('number') },
  receipt_number: { kind: 'string', sql: jsonPath('receipt_number') },
  status: { kind: 'string', sql: 'status' },
  subscription: { kind: 'string', sql: 'ref1' },
  total: { kind: 'number', sql: jsonPath('total') },
};

/** The next invoice a subscription would produce (Stripe's create_preview), never stored. */
function preview(ctx: RequestContext): Stripe.Invoice {
  const subscriptionId = ctx.params.string('subscription');
  const customerId = ctx.params.string('customer');
  if (!subscriptionId && !customerId)
    throw invalidRequest('Missing required param: customer or subscription.', 'subscription');
  const subscription = subscriptionId
    ? loadObject<Stripe.Subscription>(ctx, 'subscription', subscriptionId, 'subscription')
    : ctx.env.store.list<Stripe.Subscription & { [k: string]: unknown }>({
        mode: ctx.mode,
        type: 'subscription',
        filters: [
          { column: 'customer', values: [customerId as string] },
          { column: 'status', values: ['active', 'trialing', 'past_due'] },
        ],
        limit: 1,
      }).data[0];
  const item = subscription?.items.data[0];
  if (!subscription || !item || subscription.status === 'canceled') {
    throw invalidRequest(
      `No upcoming invoices for customer: ${customerId ?? subscriptionId}`,
      undefined,
      'invoice_upcoming_none',
    );
  }
  const customer = loadObject<Stripe.Customer>(ctx, 'customer', subscription.customer as string, 'customer');
  const start = item.current_period_end;
  const end = start + (item.price.recurring?.interval === 'year' ? 365 : 30) * 86400;
  const upcoming = buildInvoice({
    id: `upcoming_in_${subscription.id.slice(4)}`,
    lineId: `il_tmp_${subscription.id.slice(4)}`,
    number: null,
    created: start,
    livemode: ctx.livemode,
    customer: customer.id,
    customerName: customer.name ?? '',
    customerEmail: customer.email ?? '',
    customerAddress: null,
    subscription: subscription.id,
    price: item.price,
    quantity: item.quantity ?? 1,
    status: 'draft',
    periodStart: start,
    periodEnd: end,
    attemptCount: 0,
    accountName: ACCOUNT_NAME,
    billingReason: 'upcoming',
  });
  return previewSubscriptionChange(ctx, subscription, upcoming);
}

export const invoiceRoutes = [
  route(
    'GET',
    '/v1/invoices/search',
    read,
    (ctx) => searchObjects(ctx, 'invoice', 'invoices', SEARCH_FIELDS),
    'search',
  ),
  route('GET', '/v1/invoices', read, (ctx) =>
    listObjects(ctx, 'invoice', '/v1/invoices', {
      filters: columnFilters(ctx.params, { customer: 'customer', status: 'status', subscription: 'ref1' }),
    }),
  ),
  route('POST', '/v1/invoices/create_preview', read, preview),
  route('GET', '/v1/invoices/:id', read, (ctx) => loadObject(ctx, 'invoice', ctx.pathParams.id as string)),
];
