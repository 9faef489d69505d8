import { defineConfig } from 'vitest/config';

/**
 * The money path's fast tests, for `npm run mutation:money` (Stryker, perTest coverage): the ledger's state
 * machine over a real SQLite app.db with scripted executors, answer classification, the executors' look-ups
 * against scripted Stripe answers, write outcomes, and money parsing/formatting. No emulator, no keychain, no
 * HTTP, so a mutant costs the few tests that cover it. The same behaviour through the real SDK and the emulator
 * is proven by test/faults, test/payments, test/subscriptions and test/disputes in `npm test`.
 */
export default defineConfig({
  test: {
    // app-db.test.ts: the ledger table's schema and its migration from the first release (mutation-store.ts).
    include: ['test/mutations/**/*.test.ts', 'test/money/**/*.test.ts', 'test/app/app-db.test.ts'],
    testTimeout: 30_000,
    // better-sqlite3 is native: forked workers, as in the main suite.
    pool: 'forks',
    // The model-based property runs fewer cases per mutant than in npm test (150).
    env: { LEDGER_MODEL_RUNS: '40' },
  },
});
