import type { CoreServices, Feature } from '../app/feature';
import type { CacheAccess } from '../cache/cache-access';
import { CustomerQueries } from './customer-queries';
import { customersCsv } from './customer-csv';
import { CustomerWrites } from './customer-writes';
import { SavedCardCharges } from './saved-card-charge';

type CustomersCalls =
  | 'customers.search'
  | 'customers.count'
  | 'customers.get'
  | 'customers.timeline'
  | 'customers.profile'
  | 'customers.create'
  | 'customers.update'
  | 'customers.setDefaultPaymentMethod'
  | 'customers.detachPaymentMethod'
  | 'customers.delete'
  | 'customers.export'
  | 'customers.chargeSavedCard'
  | 'customers.exportCsv';

/** Customers: search, detail and timeline from the cache of the asked-for account+mode; confirmed profile writes. */
export function createCustomersFeature(core: CoreServices, deps: CacheAccess): Feature<CustomersCalls> {
  const queries = (scope: Parameters<CacheAccess['caches']['open']>[0]) => new CustomerQueries(deps.caches.open(scope));
  const writes = new CustomerWrites({
    ledger: core.ledger,
    caches: deps.caches,
    applyObject: deps.applyObject,
    agent: core.agent,
    now: core.now,
  });
  const charges = new SavedCardCharges({ ...deps, ledger: core.ledger, agent: core.agent });
  let unsubscribe: (() => void) | null = null;
  return {
    handlers: {
      'customers.search': ({ scope, ...search }) => queries(scope).search(search),
      'customers.count': ({ scope }) => queries(scope).count(),
      'customers.exportCsv': ({ scope, ...search }) => customersCsv(queries(scope), search, scope, core.now()),
      'customers.get': ({ scope, customerId }) => queries(scope).detail(customerId, scope.mode),
      'customers.timeline': ({ scope, customerId, cursor, limit }) =>
        queries(scope).timeline(customerId, cursor, limit),
      'customers.profile': ({ scope, customerId }) => writes.profile(scope, customerId),
      'customers.create': ({ scope, intentId, profile }) => writes.create(scope, intentId, profile),
      'customers.update': ({ scope, customerId, intentId, profile }) =>
        writes.update(scope, customerId, intentId, profile),
      'customers.setDefaultPaymentMethod': ({ scope, customerId, intentId, paymentMethodId }) =>
        writes.setDefaultPaymentMethod(scope, customerId, intentId, paymentMethodId),
      'customers.detachPaymentMethod': ({ scope, customerId, intentId, paymentMethodId }) =>
        writes.detachPaymentMethod(scope, customerId, intentId, paymentMethodId),
      'customers.delete': ({ scope, customerId, intentId }) => writes.delete(scope, customerId, intentId),
      'customers.export': ({ scope, customerId }) => writes.export(scope, customerId),
      'customers.chargeSavedCard': ({ scope, ...request }) => charges.charge(scope, request),
    },
    async start() {
      // Events about a deleted customer that sync brings in later are purged as they land.
      unsubscribe = core.events.on('sync.progress', (progress) => {
        if (progress.phase === 'idle' || progress.phase === 'incremental')
          writes.repurge({ accountId: progress.accountId, mode: progress.mode });
      });
    },
    async stop() {
      unsubscribe?.();
    },
  };
}
