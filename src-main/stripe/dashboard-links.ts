import type { Mode } from '../../src-preload/contract';

/** Stripe's Dashboard for an object: test-mode pages live under /test. */
export function dashboardUrl(
  mode: Mode,
  resource: 'customers' | 'payments' | 'refunds' | 'disputes' | 'subscriptions' | 'invoices',
  id: string,
): string {
  return `https://dashboard.stripe.com/${mode === 'test' ? 'test/' : ''}${resource}/${encodeURIComponent(id)}`;
}
