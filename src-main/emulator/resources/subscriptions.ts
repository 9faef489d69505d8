import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import { columnFilters, listObjects } from './shared/list';
import { emitEvent, loadObject, saveObject } from './shared/objects';
import { searchObjects } from './shared/search';
import { applySubscriptionChanges } from './subscription-changes';
import { applySubscriptionDiscounts } from './subscription-discounts';
import { jsonPath, type SearchField } from './shared/search-query';

const read = { resource: 'subscription', access: 'read' } as const;
const write = { resource: 'subscription', access: 'write' } as const;

const STATUSES = [
  'active',
  'past_due',
  'unpaid',
  'canceled',
  'incomplete',
  'incomplete_expired',
  'trialing',
  'paused',
  'all',
  'ended',
] as const;
const PAUSE_BEHAVIORS = ['keep_as_draft', 'mark_uncollectible', 'void'] as const;

const SEARCH_FIELDS: Record<string, SearchField> = {
  created: { kind: 'number', sql: 'created' },
  status: { kind: 'string', sql: 'status' },
  customer: { kind: 'string', sql: 'customer' },
  canceled_at: { kind: 'number', sql: jsonPath('canceled_at') },
};

function list(ctx: RequestContext) {
  const status = ctx.params.oneOf('status', STATUSES);
  const statusFilter =
    status === 'all'
      ? undefined
      : status === 'ended'
        ? ['canceled', 'incomplete_expired']
        : status
          ? [status]
          : // Stripe leaves canceled subscriptions out unless asked for.
            ['active', 'past_due', 'unpaid', 'incomplete', 'incomplete_expired', 'trialing', 'paused'];
  const price = ctx.params.string('price');
  return listObjects(ctx, 'subscription', '/v1/subscriptions', {
    filters: [
      ...columnFilters(ctx.params, { customer: 'customer' }),
      ...(statusFilter ? [{ column: 'status' as const, values: statusFilter }] : []),
    ],
    conditions: price ? [{ sql: "json_extract(json, '$.items.data[0].price.id') = ?", params: [price] }] : [],
  });
}

function assertNotCanceled(subscription: Stripe.Subscription): void {
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') {
    throw invalidRequest(
      `A canceled subscription can only update its cancellation_details and metadata. Subscription ${subscription.id} is ${subscription.status}.`,
    );
  }
}

function update(ctx: RequestContext): Stripe.Subscription {
  const before = loadObject<Stripe.Subscription>(ctx, 'subscription', ctx.pathParams.id as string);
  const p = ctx.params;
  const after: Stripe.Subscription = { ...before };
  const metadata = p.metadata(before.metadata);
  if (metadata) after.metadata = metadata;
  applySubscriptionChanges(ctx, before, after);
  if (p.params.discounts !== undefined) {
    assertNotCanceled(before);
    applySubscriptionDiscounts(ctx, before, after);
  }
  const cancelAtPeriodEnd = p.boolean('cancel_at_period_end');
  const pause = p.object('pause_collection');
  if (cancelAtPeriodEnd !== undefined || pause !== undefined) assertNotCanceled(before);
  if (cancelAtPeriodEnd !== undefined) {
    const periodEnd = before.items.data[0]?.current_period_end ?? null;
    after.cancel_at_period_end = cancelAtPeriodEnd;
    after.cancel_at = cancelAtPeriodEnd ? periodEnd : null;
    after.canceled_at = cancelAtPeriodEnd ? ctx.env.clock.nowSeconds() : null;
    after.cancellation_details = {
      ...before.cancellation_details,
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: cancelAtPeriodEnd ? 'cancellation_requested' : null,
    };
  }
  if (pause === null) after.pause_collection = null;
  if (pause) {
    const behavior = pause.behavior;
    if (typeof behavior !== 'string' || !(PAUSE_BEHAVIORS as readonly string[]).includes(behavior)) {
      throw invalidRequest(
        `Invalid pause_collection[behavior]: must be one of ${PAUSE_BEHAVIORS.join(', ')}`,
        'pause_collection[behavior]',
      );
    }
    const resumesAt = pause.resumes_at;
    if (resumesAt !== undefined && (typeof resumesAt !== 'string' || !/^\d+$/.test(resumesAt))) {
      throw invalidRequest('Invalid integer', 'pause_collection[resumes_at]');
    }
    after.pause_collection = {
      behavior: behavior as Stripe.Subscription.PauseCollection.Behavior,
      resumes_at: typeof resumesAt === 'string' ? Number(resumesAt) : null,
    };
  }
  saveObject(ctx, 'subscription', after);
  if (JSON.stringify(after) !== JSON.stringify(before)) emitEvent(ctx, 'customer.subscription.updated', after, before);
  return after;
}

function cancel(ctx: RequestContext): Stripe.Subscription {
  const before = loadObject<Stripe.Subscription>(ctx, 'subscription', ctx.pathParams.id as string);
  if (before.status === 'canceled' || before.status === 'incomplete_expired') {
    throw invalidRequest(`This subscription (${before.id}) has already been canceled.`, undefined, 'resource_missing');
  }
  const details = ctx.params.object('cancellation_details') ?? {};
  const now = ctx.env.clock.nowSeconds();
  const after: Stripe.Subscription = {
    ...before,
    status: 'canceled',
    canceled_at: now,
    ended_at: now,
    cancel_at_period_end: false,
    cancel_at: null,
    cancellation_details: {
      comment: typeof details.comment === 'string' && details.comment !== '' ? details.comment : null,
      feedback:
        typeof details.feedback === 'string' && details.feedback !== ''
          ? (details.feedback as Stripe.Subscription.CancellationDetails.Feedback)
          : null,
      feedback_option:
        typeof details.feedback_option === 'string' && details.feedback_option !== '' ? details.feedback_option : null,
      reason: 'cancellation_requested',
    },
  };
  saveObject(ctx, 'subscription', after);
  emitEvent(ctx, 'customer.subscription.deleted', after, before);
  return after;
}

function resume(ctx: RequestContext): Stripe.Subscription {
  const before = loadObject<Stripe.Subscription>(ctx, 'subscription', ctx.pathParams.id as string);
  if (before.status !== 'paused') {
    throw invalidRequest(
      `Subscription ${before.id} is not paused (status: ${before.status}); only paused subscriptions can be resumed.`,
      undefined,
      'subscription_not_paused',
    );
  }
  return transitionSubscription(ctx, before, 'active');
}

/**
 * Moves a subscription to a new status as Stripe's billing engine would (also used by admin helpers):
 * a resumed one starts a fresh period; pausing and resuming emit their own events besides `updated`.
 */
export function transitionSubscription(
  ctx: RequestContext,
  before: Stripe.Subscription,
  status: Stripe.Subscription.Status,
): Stripe.Subscription {
  const now = ctx.env.clock.nowSeconds();
  const item = before.items.data[0];
  const interval = item?.price.recurring?.interval === 'year' ? 365 : 30;
  const resumed = before.status === 'paused' && status === 'active';
  const ended = status === 'canceled' || status === 'incomplete_expired';
  const after: Stripe.Subscription = {
    ...before,
    status,
    ...(ended ? { ended_at: now, canceled_at: before.canceled_at ?? now } : {}),
    items:
      resumed && item
        ? {
            ...before.items,
            data: [{ ...item, current_period_start: now, current_period_end: now + interval * 86400 }],
          }
        : before.items,
  };
  saveObject(ctx, 'subscription', after);
  if (status === 'paused') emitEvent(ctx, 'customer.subscription.paused', after, before);
  if (resumed) emitEvent(ctx, 'customer.subscription.resumed', after, before);
  emitEvent(ctx, ended ? 'customer.subscription.deleted' : 'customer.subscription.updated', after, before);
  return after;
}

export const subscriptionRoutes = [
  route(
    'GET',
    '/v1/subscriptions/search',
    read,
    (ctx) => searchObjects(ctx, 'subscription', 'subscriptions', SEARCH_FIELDS),
    'search',
  ),
  route('GET', '/v1/subscriptions', read, list),
  route('GET', '/v1/subscriptions/:id', read, (ctx) => loadObject(ctx, 'subscription', ctx.pathParams.id as string)),
  route('POST', '/v1/subscriptions/:id', write, update),
  // invoice_now/prorate are accepted but create no final invoice or proration here (README: known differences).
  route('DELETE', '/v1/subscriptions/:id', write, cancel, {
    accepts: ['cancellation_details', 'invoice_now', 'prorate'],
  }),
  route('POST', '/v1/subscriptions/:id/resume', write, resume, { accepts: [] }),
];
