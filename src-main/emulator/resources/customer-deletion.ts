import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import { emitEvent, loadObject, saveObject, saveUpdate } from './shared/objects';
import { transitionSubscription } from './subscriptions';

const ENDED: readonly string[] = ['canceled', 'incomplete_expired'];

/**
 * `DELETE /v1/customers/:id`: Stripe cancels the customer's subscriptions at once, removes the customer and
 * answers `{id, object: 'customer', deleted: true}`. (Stripe keeps a deleted stub that retrieve returns; here the
 * customer is gone, so a later retrieve answers "No such customer".)
 */
function deleteCustomer(ctx: RequestContext): Stripe.DeletedCustomer {
  const customer = loadObject<Stripe.Customer>(ctx, 'customer', ctx.pathParams.id as string);
  const subscriptions = ctx.env.store.list<Stripe.Subscription & { [k: string]: unknown }>({
    mode: ctx.mode,
    type: 'subscription',
    filters: [{ column: 'customer', values: [customer.id] }],
    limit: 1000,
  }).data;
  for (const subscription of subscriptions)
    if (!ENDED.includes(subscription.status)) transitionSubscription(ctx, subscription, 'canceled');
  ctx.env.store.delete(customer.id);
  emitEvent(ctx, 'customer.deleted', customer);
  return { id: customer.id, object: 'customer', deleted: true };
}

/** `POST /v1/payment_methods/:id/detach`: the method can't be used again; a customer's default that it was is unset. */
function detach(ctx: RequestContext): Stripe.PaymentMethod {
  const before = loadObject<Stripe.PaymentMethod>(ctx, 'payment_method', ctx.pathParams.id as string);
  const customerId = typeof before.customer === 'string' ? before.customer : (before.customer?.id ?? null);
  if (!customerId)
    throw invalidRequest(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
      undefined,
      'payment_method_unexpected_state',
    );
  const after: Stripe.PaymentMethod = { ...before, customer: null };
  saveObject(ctx, 'payment_method', after);
  emitEvent(ctx, 'payment_method.detached', after, before);
  const customer = ctx.env.store.get(ctx.mode, 'customer', customerId) as Stripe.Customer | undefined;
  if (customer?.invoice_settings.default_payment_method === before.id) {
    const unset = { ...customer, invoice_settings: { ...customer.invoice_settings, default_payment_method: null } };
    saveUpdate(ctx, 'customer', customer, unset, 'customer.updated');
  }
  return after;
}

export const customerDeletionRoutes = [
  route('DELETE', '/v1/customers/:id', { resource: 'customer', access: 'write' }, deleteCustomer),
  route('POST', '/v1/payment_methods/:id/detach', { resource: 'payment_method', access: 'write' }, detach),
];
