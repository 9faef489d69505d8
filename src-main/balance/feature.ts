import type { CoreServices, Feature } from '../app/feature';
import type { CacheAccess } from '../cache/cache-access';
import { BalanceService } from './balance-service';
import { payoutCsv } from './payout-csv';

export type BalanceCall = 'balance.get' | 'payouts.list' | 'payouts.get' | 'payouts.exportCsv';

/** Finance's reconciliation: balance per currency, payouts and what each settled (CSV for the books). */
export function createBalanceFeature(core: CoreServices, deps: CacheAccess): Feature<BalanceCall> {
  const balance = new BalanceService(core.gateway, deps, core.now);
  return {
    handlers: {
      'balance.get': ({ scope }) => balance.balance(scope),
      'payouts.list': ({ scope, ...query }) => balance.payouts(scope, query),
      'payouts.get': ({ scope, payoutId }) => balance.payout(scope, payoutId),
      'payouts.exportCsv': async ({ scope, payoutId }) => {
        const { csv, rows } = payoutCsv(await balance.payout(scope, payoutId));
        return { filename: `payout-${payoutId}-${scope.mode}.csv`, csv, rows };
      },
    },
  };
}
