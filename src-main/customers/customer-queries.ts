import {
  ConsoleError,
  type CustomerDetail,
  type CustomerRow,
  type Mode,
  type Page,
  type TimelineEntry,
} from '../../src-preload/contract';
import type { CacheStore, CustomerSearch } from '../cache';
import { dashboardUrl } from '../stripe/dashboard-links';

/** Read side of the customers view and customer detail, from the cache's customer and payment repositories. */
export class CustomerQueries {
  constructor(private readonly store: CacheStore) {}

  search(q: CustomerSearch): Page<CustomerRow> {
    return this.store.customers.search(q);
  }

  /** The unfiltered list's total, asked for beside its first page rather than inside it. */
  count(): { total: number } {
    return { total: this.store.customers.count() };
  }

  detail(customerId: string, mode: Mode): CustomerDetail {
    const record = this.store.customers.detail(customerId);
    if (!record)
      throw new ConsoleError(
        'not_found',
        `Customer ${customerId} isn’t in the local copy. It appears once sync has fetched it.`,
      );
    return {
      ...record,
      payments: this.store.payments.list({ customerId, limit: 100 }).items,
      dashboardUrl: dashboardUrl(mode, 'customers', customerId),
    };
  }

  /** Events about the customer or any of their objects, newest first. */
  timeline(customerId: string, cursor: string | null | undefined, limit: number): Page<TimelineEntry> {
    return this.store.customers.timeline(customerId, cursor, limit);
  }
}
