import { ConsoleError, type Page, type PaymentDetail, type PaymentRow } from '../../src-preload/contract';
import type { CacheStore, PaymentListQuery } from '../cache';
import { dashboardUrl } from '../stripe/dashboard-links';

/** Read side of the payments view and payment detail, from the cache's payments repository. */
export class PaymentQueries {
  constructor(private readonly store: CacheStore) {}

  list(q: PaymentListQuery): Page<PaymentRow> {
    return this.store.payments.list(q);
  }

  get(paymentIntentId: string, mode: 'test' | 'live'): PaymentDetail {
    const record = this.store.payments.detail(paymentIntentId);
    if (!record)
      throw new ConsoleError(
        'not_found',
        `Payment ${paymentIntentId} isn’t in the local copy yet. It appears once sync has fetched it.`,
      );
    return { ...record, dashboardUrl: dashboardUrl(mode, 'payments', paymentIntentId) };
  }

  /** One payment row, fresh from the cache (after a mutation wrote to it). */
  row(paymentIntentId: string): PaymentRow | null {
    return this.store.payments.row(paymentIntentId);
  }
}
