import type { CacheStore } from './cache-store';

/**
 * Reads of the cached disputes table that other features need, so none of them writes SQL against it:
 * whether the newest dispute on a charge still lets the charge be refunded (null when no dispute is cached).
 */
export function disputeAllowsRefund(store: CacheStore, chargeId: string): boolean | null {
  const flag = store.db
    .prepare(`SELECT is_charge_refundable FROM disputes WHERE charge = ? AND deleted = 0 ORDER BY created DESC LIMIT 1`)
    .pluck()
    .get(chargeId) as number | null | undefined;
  return flag === undefined || flag === null ? null : flag !== 0;
}
