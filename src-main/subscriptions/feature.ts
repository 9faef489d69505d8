import type { Scope } from '../../src-preload/contract';
import type { CoreServices, Feature } from '../app/feature';
import type { CacheAccess } from '../cache/cache-access';
import { SubscriptionActions } from './subscription-actions';
import { SubscriptionChanges } from './subscription-changes';
import { SubscriptionDiscountWrites } from './subscription-discounts';
import { SubscriptionQueries } from './subscription-queries';

type SubscriptionsCalls =
  | 'subscriptions.list'
  | 'subscriptions.get'
  | 'subscriptions.act'
  | 'subscriptions.changeOptions'
  | 'subscriptions.previewChange'
  | 'subscriptions.change'
  | 'subscriptions.cancelAndRefund'
  | 'subscriptions.discounts'
  | 'subscriptions.applyDiscount'
  | 'subscriptions.removeDiscount';

/** The subscriptions view, the customer page's subscriptions, and the confirmed subscription actions. */
export function createSubscriptionsFeature(core: CoreServices, deps: CacheAccess): Feature<SubscriptionsCalls> {
  const actions = new SubscriptionActions({ ...deps, ledger: core.ledger, agent: core.agent, now: core.now });
  const changes = new SubscriptionChanges({
    ...deps,
    ledger: core.ledger,
    gateway: core.gateway,
    agent: core.agent,
    now: core.now,
  });
  const discounts = new SubscriptionDiscountWrites({
    ...deps,
    ledger: core.ledger,
    gateway: core.gateway,
    agent: core.agent,
    now: core.now,
  });
  const queries = (scope: Scope) => new SubscriptionQueries(deps.caches.open(scope));
  return {
    handlers: {
      'subscriptions.list': ({ scope, ...search }) => queries(scope).list(search),
      'subscriptions.get': ({ scope, id }) => queries(scope).get(id),
      'subscriptions.act': ({ scope, id, intentId, action }) => actions.act(scope, id, intentId, action),
      'subscriptions.changeOptions': ({ scope, id }) => changes.options(scope, id),
      'subscriptions.previewChange': ({ scope, id, change }) => changes.preview(scope, id, change),
      'subscriptions.change': ({ scope, id, intentId, change }) => changes.change(scope, id, intentId, change),
      'subscriptions.cancelAndRefund': ({ scope, id, cancelIntentId, refundIntentId, chargeId, amount }) =>
        changes.cancelAndRefund(scope, id, { cancelIntentId, refundIntentId }, chargeId, amount),
      'subscriptions.discounts': ({ scope, id }) => discounts.discounts(scope, id),
      'subscriptions.applyDiscount': ({ scope, id, intentId, discount }) =>
        discounts.apply(scope, id, intentId, discount),
      'subscriptions.removeDiscount': ({ scope, id, intentId }) => discounts.remove(scope, id, intentId),
    },
  };
}
