import type { CacheStore } from './cache-store';

/** Whether the newest dispute on a charge still lets the charge be refunded (null when no dispute is cached). */
export function disputeAllowsRefund(store: CacheStore, chargeId: string): boolean | null {
  return store.disputes.allowsRefund(chargeId);
}
