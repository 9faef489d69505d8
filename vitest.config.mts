import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/e2e-electron/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Native modules and real servers: separate processes keep one suite's sockets from another's.
    pool: 'forks',
    // Two, one per core: three cost more CPU for the same files when the machine is loaded (as in npm test, beside
    // Playwright and the static checks): 124.6 vs 105.7 CPU s, 595 vs 495 s wall (docs/testing.md, "Sixth round").
    maxWorkers: 2,
    // One module graph per worker, not per file: importing the app costs more CPU than most files' tests.
    isolate: false,
    // Temporary files in memory for the run (test/support/tmp-dir.ts): SQLite's commits cost no journal CPU.
    globalSetup: ['test/support/tmp-dir.ts'],
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-results.json' }]],
    // CPU seconds per test file, appended to the file SC_CPU_PER_FILE names (docs/testing.md, "CPU per part").
    setupFiles: process.env['SC_CPU_PER_FILE'] ? ['test/support/cpu-per-file.ts'] : [],
  },
});
