import type { QueryClient } from '@tanstack/react-query';
import type { CallInput, CustomerFilters, CustomerSortField, Scope } from '../../src-preload/contract';
import { infiniteCallOptions } from '../ipc/client';

export type CustomersListInput = Omit<CallInput<'customers.search'>, 'cursor'>;
type Sort = { field: CustomerSortField; direction: 'asc' | 'desc' };

/** What the list shows before the user sorts: newest first. */
export const DEFAULT_CUSTOMER_SORT: Sort = { field: 'created', direction: 'desc' };

/**
 * The Customers list's call input. The view and the start-up prefetch build it here, so the page asked for
 * while the app starts is the same cache entry the view reads.
 */
export function customersListInput(
  scope: Scope,
  filters: CustomerFilters,
  query: string,
  sort: Sort | null,
): CustomersListInput {
  return { scope, filters, ...(query ? { query } : {}), ...(sort ? { sort } : {}) };
}

/** Asks main for the unfiltered list's first page, newest first: what the Customers view shows when it opens. */
export function prefetchCustomers(queryClient: QueryClient, scope: Scope): Promise<void> {
  return queryClient.prefetchInfiniteQuery(
    infiniteCallOptions('customers.search', customersListInput(scope, {}, '', DEFAULT_CUSTOMER_SORT)),
  );
}
