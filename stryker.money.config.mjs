// `npm run mutation:money`: mutation testing of the ledger and every write service (StrykerJS 9, Vitest runner).
// Results and surviving mutants: docs/reliability.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.money.config.ts' },
  mutate: [
    'src-main/mutations/**/*.ts',
    'src-preload/contract/write-outcome.ts',
    'src-main/refunds/refund-service.ts',
    'src-main/payments/capture-service.ts',
    'src-main/payments/write-back.ts',
    'src-main/subscriptions/subscription-actions.ts',
    'src-main/disputes/evidence-submission.ts',
    'src-main/disputes/evidence-files.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine is shared and the tests run real servers: one at a time.
  concurrency: 1,
  timeoutMS: 120_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: '.tmp/stryker/mutation-money.json' },
  tempDirName: '.tmp/stryker/tmp',
  ignorePatterns: ['/.tmp', '/out', '/dist', '/release', '/test/e2e', '/test/e2e-electron'],
  cleanTempDir: true,
};
