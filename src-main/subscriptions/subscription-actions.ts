import type Stripe from 'stripe';
import { ConsoleError, type Scope, type SubscriptionAction, type SubscriptionDetail } from '../../src-preload/contract';
import type { CacheAccess } from '../cache/cache-access';
import type { MutationLedger, MutationOutcome, SendContext } from '../mutations/mutation-ledger';
import { findSubscriptionWrite } from './subscription-lookups';
import { SubscriptionQueries } from './subscription-queries';
import { availableActions } from './subscription-transitions';
import { recurringAmount } from './subscription-view';

/** What the ledger persists and resends: one Stripe subscriptions request. */
export interface SubscriptionRequest {
  subscriptionId: string;
  method: 'update' | 'cancel' | 'resume';
  body: Stripe.SubscriptionUpdateParams | Stripe.SubscriptionCancelParams | Stripe.SubscriptionResumeParams;
}

export interface SubscriptionActionsDeps extends CacheAccess {
  ledger: MutationLedger;
  agent: () => string;
  now: () => number;
}

/** Ledger kinds, one per action, as the Activity log shows them. */
export const subscriptionKind = <A extends SubscriptionAction['kind']>(action: A): `subscription.${A}` =>
  `subscription.${action}`;

type SubscriptionKinds = {
  [A in SubscriptionAction['kind'] as `subscription.${A}`]: {
    params: SubscriptionRequest;
    result: Stripe.Subscription;
  };
};
declare module '../mutations/mutation-ledger' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's kinds
  interface MutationKinds extends SubscriptionKinds {}
}

const send = async (
  stripe: Stripe,
  request: SubscriptionRequest,
  { requestOptions }: SendContext,
): Promise<MutationOutcome<Stripe.Subscription>> => {
  const { subscriptionId: id, body } = request;
  const sub =
    request.method === 'cancel'
      ? await stripe.subscriptions.cancel(id, body as Stripe.SubscriptionCancelParams, requestOptions)
      : request.method === 'resume'
        ? await stripe.subscriptions.resume(id, body as Stripe.SubscriptionResumeParams, requestOptions)
        : await stripe.subscriptions.update(id, body as Stripe.SubscriptionUpdateParams, requestOptions);
  return { id: sub.id, status: sub.status, requestId: sub.lastResponse?.requestId ?? null, object: sub };
};

/**
 * Confirmed subscription changes: each is checked against the subscription's state, sent once through the
 * mutation ledger (which records it in the Activity log), and its result upserted into the cache.
 */
export class SubscriptionActions {
  constructor(private readonly deps: SubscriptionActionsDeps) {
    for (const kind of [
      'cancel_at_period_end',
      'undo_cancel_at_period_end',
      'cancel_now',
      'pause_collection',
      'resume_collection',
      'resume',
    ] as const) {
      deps.ledger.register(subscriptionKind(kind), {
        send,
        find: findSubscriptionWrite,
        // Stripe's answer goes into the cache at once; a resend's answer is the first request's snapshot.
        settle: (scope, outcome, sentAt) => deps.applyObject(scope, outcome.object, sentAt),
      });
    }
  }

  async act(
    scope: Scope,
    subscriptionId: string,
    intentId: string,
    action: SubscriptionAction,
  ): Promise<SubscriptionDetail> {
    const store = this.deps.caches.open(scope);
    const cached = store.get<Stripe.Subscription>('subscriptions', subscriptionId);
    // A resend of a confirmation already sent must replay it, even though the cache now shows its effect.
    if (!this.deps.ledger.find(intentId)) this.check(cached, action);
    const outcome = await this.deps.ledger.run({
      scope,
      kind: subscriptionKind(action.kind),
      targetId: subscriptionId,
      params: { subscriptionId, ...requestFor(action) },
      intentId,
      ...(cached ? { amount: recurringAmount(cached.items.data.map(toAmountItem)), currency: cached.currency } : {}),
      agent: this.deps.agent(),
    });
    return new SubscriptionQueries(store).detailOf(outcome.object);
  }

  /** Refuses what the subscription's (cached) state rules out; an uncached subscription is left to Stripe to judge. */
  private check(cached: Stripe.Subscription | null, action: SubscriptionAction): void {
    if (action.kind === 'pause_collection' && action.resumesAt && action.resumesAt * 1000 <= this.deps.now()) {
      throw new ConsoleError('invalid_input', 'The resume date must be in the future.', {
        details: { param: 'resumesAt' },
      });
    }
    const reason = cached ? availableActions(cached)[action.kind] : null;
    if (reason) throw new ConsoleError('conflict', reason, { details: { status: cached!.status } });
  }
}

function requestFor(action: SubscriptionAction): Omit<SubscriptionRequest, 'subscriptionId'> {
  switch (action.kind) {
    case 'cancel_at_period_end':
      return { method: 'update', body: { cancel_at_period_end: true } };
    case 'undo_cancel_at_period_end':
      return { method: 'update', body: { cancel_at_period_end: false } };
    case 'cancel_now':
      return {
        method: 'cancel',
        body: {
          invoice_now: action.invoiceNow,
          prorate: action.prorate,
          ...(action.comment ? { cancellation_details: { comment: action.comment } } : {}),
        },
      };
    case 'pause_collection':
      return {
        method: 'update',
        body: {
          pause_collection: {
            behavior: action.behavior,
            ...(action.resumesAt ? { resumes_at: action.resumesAt } : {}),
          },
        },
      };
    case 'resume_collection':
      // An empty string is how Stripe's API unsets pause_collection.
      return { method: 'update', body: { pause_collection: '' } };
    case 'resume':
      return { method: 'resume', body: {} };
  }
}

const toAmountItem = (item: Stripe.SubscriptionItem) => ({
  unitAmount: item.price.unit_amount,
  quantity: item.quantity ?? 1,
});
