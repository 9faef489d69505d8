import { invokeAhead } from '../ipc/invoke';
import { openingCustomersList } from '../customers/customers-list';
import { scopeOf } from './scope';

/**
 * The first view's data, asked for by the app's entry before the app's code (React, the shell, the view) has
 * loaded: the session, then, once it names the account, the Customers list's first page (the window always opens
 * on Customers). Main answers while that code downloads and compiles; the queries that then ask for the same
 * calls take these answers (`invokeAhead`). Settles, never failing, once the first page is asked for (or there is
 * none to ask for): the query that takes the session's answer shows its failure.
 */
export async function askFirstViewAhead(): Promise<void> {
  try {
    const scope = scopeOf(await invokeAhead('session.get', {}));
    // The list's first page: its keyset cursor starts at null (`infiniteCallOptions`).
    if (scope) void invokeAhead('customers.search', { ...openingCustomersList(scope), cursor: null });
  } catch {
    return;
  }
}
