import type Stripe from 'stripe';
import type { SubscriptionActionKind } from '../../src-preload/contract';

/** Subscriptions that are over: Stripe accepts no further changes. */
const ENDED = new Set<string>(['canceled', 'incomplete_expired']);
/** Subscriptions with a running billing period that can be scheduled to end or have collection paused. */
const BILLING = new Set<string>(['active', 'trialing', 'past_due', 'unpaid']);

/**
 * Which actions make sense for a subscription's state: null when allowed, else why not (shown on the disabled
 * button, and as the error if asked anyway).
 */
export function availableActions(sub: Stripe.Subscription): Record<SubscriptionActionKind, string | null> {
  if (ENDED.has(sub.status)) {
    const ended = 'This subscription has ended; Stripe accepts no further changes.';
    return {
      cancel_at_period_end: ended,
      undo_cancel_at_period_end: ended,
      cancel_now: ended,
      pause_collection: ended,
      resume_collection: ended,
      resume: ended,
    };
  }
  const billing = BILLING.has(sub.status);
  const notBilling =
    sub.status === 'paused'
      ? 'A paused subscription has no running period: resume it, or cancel it now.'
      : 'An incomplete subscription awaits its first payment: it can only be canceled now.';
  return {
    cancel_at_period_end: !billing
      ? notBilling
      : sub.cancel_at_period_end
        ? 'Already set to cancel at the end of the period.'
        : null,
    undo_cancel_at_period_end: sub.cancel_at_period_end
      ? null
      : 'This subscription is not set to cancel at period end.',
    cancel_now: null,
    pause_collection: !billing
      ? notBilling
      : sub.pause_collection
        ? `Collection is already paused (${sub.pause_collection.behavior}).`
        : null,
    resume_collection: sub.pause_collection ? null : 'Payment collection is not paused.',
    resume: sub.status === 'paused' ? null : 'Only a subscription whose status is paused can be resumed.',
  };
}
