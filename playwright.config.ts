import { defineConfig } from '@playwright/test';
import fs from 'node:fs';

// Debian's headless shell first: the same engine as its Chromium without the browser's UI and GPU process, as
// Playwright's own headless default is; half the CPU of the full browser per test (docs/testing.md).
const chromium =
  process.env['CHROMIUM_PATH'] ??
  ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'].find((exe) => fs.existsSync(exe)) ??
  '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test',
  outputDir: '.tmp/playwright',
  // A bound for a stuck test, not a measure: two workers share the cores with Vitest and the static checks.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // A spec's tests run in order in one worker; specs spread over two workers, each with its own hosts (random ports,
  // temporary data dirs, a keychain service per host). Most of a spec's time is spent waiting on the app, the
  // emulator and the browser, so two fit on two cores; expectations wait on state, never on time.
  fullyParallel: false,
  workers: 2,
  // Hosts' data dirs and Chromium's profiles in memory (test/support/tmp-dir.ts), as Vitest's temporary files.
  globalSetup: './test/support/tmp-dir.ts',
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright-results.json' }]],
  projects: [
    {
      name: 'browser-host',
      testMatch: 'e2e/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        viewport: { width: 1360, height: 860 },
        // Taken only when a test fails (no cost otherwise): what the page showed, beside the page snapshot.
        screenshot: 'only-on-failure',
        launchOptions: {
          // Debian's Chromium: a downloaded browser can't be fetched here and isn't needed.
          ...(fs.existsSync(chromium) ? { executablePath: chromium } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
          ],
        },
      },
    },
    { name: 'electron', testMatch: 'e2e-electron/**/*.spec.ts' },
  ],
});
