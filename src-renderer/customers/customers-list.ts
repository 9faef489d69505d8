// Plain inputs, no react-query: the app's entry builds the first page's call from here before the app has loaded.
import type { CallInput, CustomerFilters, CustomerSortField, Scope } from '../../src-preload/contract';

export type CustomersListInput = Omit<CallInput<'customers.search'>, 'cursor'>;
type Sort = { field: CustomerSortField; direction: 'asc' | 'desc' };

/** What the list shows before the user sorts: newest first. */
export const DEFAULT_CUSTOMER_SORT: Sort = { field: 'created', direction: 'desc' };

/**
 * The Customers list's call input. The view and the start-up's early calls build it here, so the page asked for
 * while the app starts is the same call, and the same cache entry, as the view's.
 */
export function customersListInput(
  scope: Scope,
  filters: CustomerFilters,
  query: string,
  sort: Sort | null,
): CustomersListInput {
  return { scope, filters, ...(query ? { query } : {}), ...(sort ? { sort } : {}) };
}

/** The unfiltered list, newest first: what the Customers view shows when it opens. */
export function openingCustomersList(scope: Scope): CustomersListInput {
  return customersListInput(scope, {}, '', DEFAULT_CUSTOMER_SORT);
}
