import type { Scope } from '../../src-preload/contract';
import { SEARCH_KINDS } from '../../src-preload/contract/search';
import type { CoreServices, Feature } from '../app/feature';
import type { CacheAccess } from '../cache/cache-access';
import { SearchService } from './search-service';

type SearchCalls = 'search.everything' | 'search.live';

/** The header search across kinds: the cache, and Stripe's Search API while the cache is incomplete. */
export function createSearchFeature(
  core: CoreServices,
  deps: CacheAccess & { completeResources(scope: Scope): ReadonlySet<string> },
): Feature<SearchCalls> {
  const service = new SearchService({
    cache: (scope) => deps.caches.open(scope),
    stripe: (scope) => core.gateway.client(scope),
    completeResources: deps.completeResources,
    applyObject: (scope, object, sentAt) => void deps.applyObject(scope, object, sentAt),
    now: core.now,
  });
  return {
    handlers: {
      'search.everything': ({ scope, query, kinds, limit }) =>
        service.everything(scope, query, kinds ?? SEARCH_KINDS, limit),
      'search.live': ({ scope, query, kinds, limit }) => service.live(scope, query, kinds ?? SEARCH_KINDS, limit),
    },
  };
}
