import type { CoreServices, Feature } from '../app/feature';
import type { SupportDeps } from '../payments/support-deps';
import { CustomerQueries } from './customer-queries';

type CustomersCalls = 'customers.search' | 'customers.get' | 'customers.timeline';

/** Customers: search, detail and timeline, read from the cache of the asked-for account+mode. */
export function createCustomersFeature(
  _core: CoreServices,
  deps: Pick<SupportDeps, 'caches'>,
): Feature<CustomersCalls> {
  const queries = (scope: Parameters<SupportDeps['caches']['open']>[0]) => new CustomerQueries(deps.caches.open(scope));
  return {
    handlers: {
      'customers.search': ({ scope, ...search }) => queries(scope).search(search),
      'customers.get': ({ scope, customerId }) => queries(scope).detail(customerId, scope.mode),
      'customers.timeline': ({ scope, customerId, cursor, limit }) =>
        queries(scope).timeline(customerId, cursor, limit),
    },
  };
}
