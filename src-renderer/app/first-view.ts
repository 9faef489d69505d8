import type { QueryClient } from '@tanstack/react-query';
import { invoke } from '../ipc/client';
import { prefetchCustomers } from '../customers/customers-list';
import { scopeOf } from './session';
import { useUi } from './ui-store';

/**
 * Start-up without a waterfall. Left to React, the first view waited for the shell to render, then for the
 * session, then for its own code, then for its first page: four steps one after another. Here the Customers
 * view's code and the session are asked for at once, the first page as soon as the session names the account,
 * all while React renders the shell; the view then finds its code loaded and its rows in the query cache.
 */
export async function startFirstView(queryClient: QueryClient): Promise<void> {
  if (useUi.getState().view !== 'customers') return;
  void import('../customers/CustomersView');
  const session = await queryClient.fetchQuery({
    queryKey: ['session.get', {}],
    queryFn: () => invoke('session.get', {}),
  });
  const scope = scopeOf(session);
  if (scope) await prefetchCustomers(queryClient, scope);
}
