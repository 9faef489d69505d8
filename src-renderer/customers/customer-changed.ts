import type { CallName } from '../../src-preload/contract';

/** Calls whose cached answers a customer write makes stale. */
export const CUSTOMER_CHANGED: CallName[] = [
  'customers.get',
  'customers.search',
  'customers.count',
  'customers.profile',
  'customers.timeline',
  'subscriptions.list',
  'activity.list',
];
