import type Stripe from 'stripe';
import type { LookupContext, MutationOutcome } from '../mutations/mutation-ledger';
import { eventFor, outcomeOfEvent } from '../mutations/event-lookup';
import { answerOf } from '../mutations/write-back';

/** The subscription request the ledger persisted (cancel, resume or update), as the look-up reads it. */
export interface SubscriptionWrite {
  subscriptionId: string;
  method?: 'update' | 'cancel' | 'resume';
  body: Stripe.SubscriptionUpdateParams | Stripe.SubscriptionCancelParams | Stripe.SubscriptionResumeParams;
}

/**
 * Whether an earlier attempt of this subscription write took effect, decided at Stripe before any resend:
 * the subscription already shows what the write asked for, or Stripe recorded an event caused by the request
 * with this intent's idempotency key (it changed the subscription, which may have changed again since).
 * A cancellation happens once: the subscription is cancelled or it wasn't.
 */
export async function findSubscriptionWrite(
  stripe: Stripe,
  write: SubscriptionWrite,
  context: LookupContext,
): Promise<MutationOutcome<Stripe.Subscription> | null> {
  const subscription = await stripe.subscriptions.retrieve(write.subscriptionId);
  if (shows(subscription, write, context.now)) return answerOf(subscription);
  if (write.method === 'cancel') return null;
  const event = await eventFor(stripe, 'customer.subscription.*', context);
  return event ? outcomeOfEvent<Stripe.Subscription>(event) : null;
}

/** Whether the subscription holds what the write asked for; a field the look-up can't read back never confirms. */
export function shows(subscription: Stripe.Subscription, write: SubscriptionWrite, nowSeconds: number): boolean {
  if (write.method === 'cancel') return subscription.status === 'canceled';
  if (write.method === 'resume') return subscription.status !== 'paused' && subscription.status !== 'canceled';
  const body = write.body as Stripe.SubscriptionUpdateParams;
  return Object.entries(body).every(([field, value]) => fieldShows(subscription, field, value, nowSeconds));
}

/** Sent with a change but not kept on the subscription: they say how to bill it, not what it is. */
const BILLING_ONLY = new Set(['proration_behavior', 'proration_date']);

function fieldShows(subscription: Stripe.Subscription, field: string, value: unknown, nowSeconds: number): boolean {
  if (BILLING_ONLY.has(field)) return true;
  switch (field) {
    case 'cancel_at_period_end':
      return subscription.cancel_at_period_end === value;
    case 'pause_collection':
      return pauseShows(subscription.pause_collection, value as Stripe.SubscriptionUpdateParams['pause_collection']);
    case 'trial_end':
      // "End the trial now" leaves a trial end that has passed.
      return value === 'now'
        ? subscription.status !== 'trialing' && (subscription.trial_end ?? 0) <= nowSeconds
        : subscription.trial_end === value;
    case 'default_payment_method':
      return idOf(subscription.default_payment_method) === value;
    case 'items':
      return (value as Stripe.SubscriptionUpdateParams.Item[]).every((item) => itemShows(subscription, item));
    default:
      return false;
  }
}

function pauseShows(
  current: Stripe.Subscription.PauseCollection | null,
  asked: Stripe.SubscriptionUpdateParams['pause_collection'],
): boolean {
  // An empty string is how Stripe unsets it.
  if (!asked) return current === null;
  return (
    current !== null &&
    current.behavior === asked.behavior &&
    (asked.resumes_at === undefined || current.resumes_at === asked.resumes_at)
  );
}

function itemShows(subscription: Stripe.Subscription, asked: Stripe.SubscriptionUpdateParams.Item): boolean {
  const item = subscription.items.data.find((i) => i.id === asked.id);
  if (!item) return false;
  return (
    (asked.quantity === undefined || item.quantity === asked.quantity) &&
    (asked.price === undefined || idOf(item.price) === asked.price)
  );
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}
