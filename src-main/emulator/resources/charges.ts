import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { columnFilters, listObjects } from './shared/list';
import { loadObject, saveUpdate } from './shared/objects';
import { searchObjects } from './shared/search';
import { jsonPath, type SearchField } from './shared/search-query';

const read = { resource: 'charge', access: 'read' } as const;
const write = { resource: 'charge', access: 'write' } as const;

const SEARCH_FIELDS: Record<string, SearchField> = {
  amount: { kind: 'number', sql: jsonPath('amount') },
  'billing_details.address.postal_code': { kind: 'string', sql: jsonPath('billing_details.address.postal_code') },
  created: { kind: 'number', sql: 'created' },
  currency: { kind: 'string', sql: jsonPath('currency') },
  customer: { kind: 'string', sql: 'customer' },
  disputed: { kind: 'boolean', sql: jsonPath('disputed') },
  payment_intent: { kind: 'string', sql: 'ref2' },
  'payment_method_details.card.brand': { kind: 'string', sql: jsonPath('payment_method_details.card.brand') },
  'payment_method_details.card.exp_month': { kind: 'number', sql: jsonPath('payment_method_details.card.exp_month') },
  'payment_method_details.card.exp_year': { kind: 'number', sql: jsonPath('payment_method_details.card.exp_year') },
  'payment_method_details.card.fingerprint': {
    kind: 'string',
    sql: jsonPath('payment_method_details.card.fingerprint'),
  },
  'payment_method_details.card.last4': { kind: 'string', sql: jsonPath('payment_method_details.card.last4') },
  refunded: { kind: 'boolean', sql: jsonPath('refunded') },
  status: { kind: 'string', sql: 'status' },
};

function update(ctx: RequestContext): Stripe.Charge {
  const before = loadObject<Stripe.Charge>(ctx, 'charge', ctx.pathParams.id as string);
  const after = { ...before };
  const metadata = ctx.params.metadata(before.metadata);
  if (metadata) after.metadata = metadata;
  const description = ctx.params.string('description');
  if (description !== undefined) after.description = description || null;
  const receiptEmail = ctx.params.string('receipt_email');
  if (receiptEmail !== undefined) Object.assign(after, receiptTo(ctx, before, receiptEmail));
  return saveUpdate(ctx, 'charge', before, after, 'charge.updated');
}

/**
 * Setting `receipt_email` sends a receipt there (Stripe: "a new email receipt will be sent to the updated address");
 * only a paid charge has one to send. The first receipt sent gives the charge its receipt number.
 */
function receiptTo(ctx: RequestContext, charge: Stripe.Charge, email: string): Partial<Stripe.Charge> {
  if (charge.status !== 'succeeded') return { receipt_email: email };
  const digits = (n: number) => String(n % 10000).padStart(4, '0');
  return {
    receipt_email: email,
    receipt_number: charge.receipt_number ?? `${digits(charge.created)}-${digits(ctx.env.clock.nowSeconds())}`,
  };
}

export const chargeRoutes = [
  route('GET', '/v1/charges/search', read, (ctx) => searchObjects(ctx, 'charge', 'charges', SEARCH_FIELDS), 'search'),
  route('GET', '/v1/charges', read, (ctx) =>
    listObjects(ctx, 'charge', '/v1/charges', {
      filters: columnFilters(ctx.params, { customer: 'customer', payment_intent: 'ref2' }),
    }),
  ),
  route('GET', '/v1/charges/:id', read, (ctx) => loadObject(ctx, 'charge', ctx.pathParams.id as string)),
  route('POST', '/v1/charges/:id', write, update, { accepts: ['metadata', 'description', 'receipt_email'] }),
];
