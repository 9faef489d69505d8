import { defineConfig } from 'vitest/config';

/**
 * The money path's tests, for `npm run mutation:money` (Stryker): the ledger, every write service, the fault
 * regressions and a small slice of the campaign. Forked workers: keychain and native modules crash in threads.
 */
export default defineConfig({
  test: {
    include: [
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
