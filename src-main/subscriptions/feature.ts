import type { Scope } from '../../src-preload/contract';
import type { CoreServices, Feature } from '../app/feature';
import type { CacheAccess } from '../cache/cache-access';
import { SubscriptionActions } from './subscription-actions';
import { SubscriptionQueries } from './subscription-queries';

type SubscriptionsCalls = 'subscriptions.list' | 'subscriptions.get' | 'subscriptions.act';

/** The subscriptions view, the customer page's subscriptions, and the confirmed subscription actions. */
export function createSubscriptionsFeature(core: CoreServices, deps: CacheAccess): Feature<SubscriptionsCalls> {
  const actions = new SubscriptionActions({ ...deps, ledger: core.ledger, agent: core.agent, now: core.now });
  const queries = (scope: Scope) => new SubscriptionQueries(deps.caches.open(scope));
  return {
    handlers: {
      'subscriptions.list': ({ scope, ...search }) => queries(scope).list(search),
      'subscriptions.get': ({ scope, id }) => queries(scope).get(id),
      'subscriptions.act': ({ scope, id, intentId, action }) => actions.act(scope, id, intentId, action),
    },
  };
}
