// `npm run mutation:money`: mutation testing of the money path (StrykerJS 9, Vitest runner, perTest coverage).
// Results, the command and every surviving mutant with why it is equivalent: docs/reliability.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.money.config.ts' },
  mutate: [
    // The ledger: state machine, store, answer classification, canonical params, the event look-up.
    'src-main/mutations/mutation-ledger.ts',
    'src-main/mutations/mutation-store.ts',
    'src-main/mutations/stripe-answer.ts',
    'src-main/mutations/canonical-json.ts',
    'src-main/mutations/event-lookup.ts',
    // The executors' look-ups.
    'src-main/subscriptions/subscription-lookups.ts',
    'src-main/disputes/evidence-lookups.ts',
    'src-main/invoices/invoice-lookups.ts',
    'src-main/customers/customer-lookups.ts',
    // What the renderer may offer after a failure, and money as text.
    'src-preload/contract/write-outcome.ts',
    'src-preload/contract/money.ts',
  ],
  // Each mutant runs only the tests that cover it.
  coverageAnalysis: 'perTest',
  // The machine is shared: one worker.
  concurrency: 1,
  timeoutMS: 30_000,
  // event-recorder writes each mutant's result as it is tested, so an interrupted run still says which survived.
  reporters: ['clear-text', 'progress', 'json', 'event-recorder'],
  eventReporter: { baseDir: '.tmp/stryker/events' },
  jsonReporter: { fileName: '.tmp/stryker/mutation-money.json' },
  tempDirName: '.tmp/stryker/tmp',
  ignorePatterns: ['/.tmp', '/out', '/dist', '/release', '/test/e2e', '/test/e2e-electron'],
  cleanTempDir: true,
  // A run after a change re-tests only the mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: '.tmp/stryker/incremental.json',
};
