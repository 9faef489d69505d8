import type { CallName } from '../../src-preload/contract';

/** Calls whose cached answers a refund, capture or cancellation makes stale. */
export const MONEY_MOVED: CallName[] = [
  'payments.get',
  'payments.list',
  'customers.get',
  'customers.timeline',
  'activity.list',
];
