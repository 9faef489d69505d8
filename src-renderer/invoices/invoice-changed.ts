import type { CallName } from '../../src-preload/contract';

/** Calls whose cached answers an invoice action or credit note makes stale. */
export const INVOICE_CHANGED: CallName[] = [
  'invoices.list',
  'invoices.get',
  'customers.get',
  'customers.timeline',
  'payments.list',
  'activity.list',
];
