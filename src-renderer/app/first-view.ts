import { useEffect, useState } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { invoke } from '../ipc/client';
import { prefetchCustomers } from '../customers/customers-list';
import { scopeOf } from './session';
import { useUi } from './ui-store';

let markShown: () => void = () => undefined;
const firstViewShown = new Promise<void>((resolve) => (markShown = resolve));

/**
 * Start-up without a waterfall. Left to React, the first view waited for the shell to render, then for the
 * session, then for its own code, then for its first page: four steps one after another. Here the Customers
 * view's code and the session are asked for at once, the first page as soon as the session names the account,
 * all while React renders the shell; the view then finds its code loaded and its rows in the query cache.
 */
export async function startFirstView(queryClient: QueryClient): Promise<void> {
  try {
    if (useUi.getState().view !== 'customers') return firstViewIsShown();
    void import('../customers/CustomersView');
    const session = await queryClient.fetchQuery({
      queryKey: ['session.get', {}],
      queryFn: () => invoke('session.get', {}),
    });
    const scope = scopeOf(session);
    if (scope) await prefetchCustomers(queryClient, scope);
    else firstViewIsShown();
  } catch (err) {
    firstViewIsShown();
    throw err;
  }
}

/** The Customers view says so once its first rows (or its empty or error state) are on screen. */
export function firstViewIsShown(): void {
  markShown();
}

/**
 * False until the first view is on screen. What the first view doesn't need (the header's dispute alert, with its
 * code and its query to main) waits for it, instead of taking the cores while the first rows are on their way.
 */
export function useAfterFirstView(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    let mounted = true;
    void firstViewShown.then(() => mounted && setAfter(true));
    // Left before its rows came: the first view is whatever is open now.
    const unsubscribe = useUi.subscribe((ui) => ui.view !== 'customers' && markShown());
    return () => {
      mounted = false;
      unsubscribe();
    };
  }, []);
  return after;
}
