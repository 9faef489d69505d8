import { defineConfig } from 'vitest/config';

/**
 * The money path's tests, for `npm run mutation:money` (Stryker): the ledger, every write service, the fault
 * regressions and a small slice of the campaign. Forked workers: keychain and native modules crash in threads.
 */
// MONEY_TESTS=ledger limits the run to the ledger's own tests (a quick pass over src-main/mutations).
const ledgerOnly = process.env['MONEY_TESTS'] === 'ledger';

export default defineConfig({
  test: {
    include: ledgerOnly
      ? ['test/mutations/**/*.test.ts']
      : [
          'test/mutations/**/*.test.ts',
          'test/faults/**/*.test.ts',
          'test/refunds/**/*.test.ts',
          'test/payments/capture-service.test.ts',
          'test/subscriptions/subscription-actions.test.ts',
          'test/disputes/evidence.test.ts',
          'test/disputes/files.test.ts',
        ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { FAULT_CASES: '25' },
  },
});
