import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Scope } from '../../src-preload/contract';
import { useCall } from '../ipc/client';

/**
 * While sync hasn't fetched every customer, the search also asks Stripe's Search API (main does, within the rate
 * budget, and writes what it finds into the local copy); the list then re-reads the cache, so those customers
 * appear in it. Returns a note on what Stripe added, or null.
 */
export function useLiveCustomerSearch(scope: Scope, query: string): string | null {
  const queryClient = useQueryClient();
  const live = useCall(
    'search.live',
    { scope, query: query || '-', kinds: ['customer'], limit: 20 },
    { enabled: query.length > 0, staleTime: 30_000 },
  );
  const found = live.data?.hits.length ?? 0;
  useEffect(() => {
    if (found > 0) void queryClient.invalidateQueries({ queryKey: ['customers.search'] });
  }, [found, live.dataUpdatedAt, queryClient]);
  if (!query) return null;
  if (live.isFetching) return 'Asking Stripe too…';
  return found > 0 ? `${found} live from Stripe (sync hasn’t reached them yet)` : null;
}
