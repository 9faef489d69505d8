import { useEffect, useState } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { infiniteCallOptions, invoke } from '../ipc/client';
import { forgetAskedAhead } from '../ipc/invoke';
import { openingCustomersList } from '../customers/customers-list';
import { scopeOf } from './scope';
import { useUi } from './ui-store';

let markShown: () => void = () => undefined;
const firstViewShown = new Promise<void>((resolve) => (markShown = resolve));
// What the entry asked for ahead (ask-ahead.ts) is for the first view: once it is shown, it would be stale.
void firstViewShown.then(forgetAskedAhead);

/**
 * Start-up without a waterfall: the session and the Customers list's first page go into the query cache before
 * React first renders. The entry asked main for both ahead (ask-ahead.ts); these queries take those answers, so
 * when they are already in (the usual case: main answers while the app's code loads), they are in the cache
 * within this task's microtasks, before React's first render, which runs in a later task.
 */
export async function startFirstView(queryClient: QueryClient): Promise<void> {
  try {
    if (useUi.getState().view !== 'customers') return firstViewIsShown();
    const session = await queryClient.fetchQuery({
      queryKey: ['session.get', {}],
      queryFn: () => invoke('session.get', {}),
    });
    const scope = scopeOf(session);
    if (scope)
      await queryClient.prefetchInfiniteQuery(infiniteCallOptions('customers.search', openingCustomersList(scope)));
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
