import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/e2e-electron/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Native modules and real servers: separate processes keep one suite's sockets from another's.
    pool: 'forks',
    // Vitest's default on a 2-core machine is one worker; most files wait on HTTP, SQLite or PostgreSQL, not the CPU.
    maxWorkers: 3,
    // One module graph per worker, not per file: importing the app costs more CPU than most files' tests.
    isolate: false,
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-results.json' }]],
    // CPU seconds per test file, appended to the file SC_CPU_PER_FILE names (docs/testing.md, "CPU per part").
    setupFiles: process.env['SC_CPU_PER_FILE'] ? ['test/support/cpu-per-file.ts'] : [],
  },
});
