import type Stripe from 'stripe';
import { eventFor, outcomeOfEvent } from '../mutations/event-lookup';
import type { LookupContext, MutationOutcome } from '../mutations/mutation-ledger';

/**
 * Whether an earlier attempt to create or update a customer took effect: the `customer.created` /
 * `customer.updated` event Stripe recorded for the request with this intent's idempotency key. An update that
 * changed nothing leaves no event, and resending it changes nothing either.
 */
export async function findCustomerWrite(
  stripe: Stripe,
  type: 'customer.created' | 'customer.updated',
  context: LookupContext,
): Promise<MutationOutcome<Stripe.Customer> | null> {
  const event = await eventFor(stripe, type, context);
  return event ? outcomeOfEvent<Stripe.Customer>(event) : null;
}
