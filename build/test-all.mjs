#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, security scan, build, unit/integration (Vitest) and end-to-end (Playwright),
 * ending with one line `N passed, N failed, N skipped`. Vitest, the build then Playwright, and two lanes of static
 * checks all run at once (docs/testing.md, "How the run is laid out"); every stage's time is printed and kept in
 * .tmp/test-timings.json.
 *
 * Tests use the real OS keychain. Where no Secret Service is running (CI, a bare Linux shell) the run is
 * re-executed inside a private D-Bus session with an unlocked gnome-keyring.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = path.join(root, '.tmp');
/** A package's command run directly, not through npx (which costs a CPU second per stage to find it). */
const bin = (name) => path.join('node_modules', '.bin', name);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (
  process.platform === 'linux' &&
  !process.env.DBUS_SESSION_BUS_ADDRESS &&
  !process.env.SC_IN_KEYCHAIN_SESSION &&
  has('dbus-run-session')
) {
  const inner = `echo pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; SC_IN_KEYCHAIN_SESSION=1 exec node ${JSON.stringify(path.join(root, 'build/test-all.mjs'))}`;
  const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], { stdio: 'inherit', cwd: root });
  process.exit(run.status ?? 1);
}

fs.mkdirSync(tmp, { recursive: true });
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
/** Seconds per stage, printed at the end and kept in .tmp/test-timings.json (docs/testing.md reads them). */
const timings = [];

/**
 * Runs one stage. In the foreground its output streams through; in a side lane it is buffered and printed whole
 * when the stage ends, so concurrent stages never interleave their lines.
 */
function step(name, command, args, { env = {}, buffered = false, nice = 0 } = {}) {
  const full = nice > 0 && has('nice') ? ['nice', ['-n', String(nice), command, ...args]] : [command, args];
  const started = performance.now();
  if (!buffered) console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(full[0], full[1], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    const chunks = [];
    child.stdout?.on('data', (c) => chunks.push(c));
    child.stderr?.on('data', (c) => chunks.push(c));
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      timings.push({ stage: name, seconds: Math.round(seconds * 10) / 10, ok: code === 0 });
      if (buffered) {
        console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
        process.stdout.write(Buffer.concat(chunks));
      }
      console.log(`--- ${name}: ${code === 0 ? 'ok' : 'FAILED'} in ${seconds.toFixed(1)} s`);
      resolve(code === 0);
    });
  });
}

async function check(name, command, args, options) {
  if (await step(name, command, args, options)) tally.passed++;
  else {
    tally.failed++;
    failures.push(name);
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const began = performance.now();
// Vitest loads better-sqlite3 under Node: the ABI is right before anything else starts.
await check('native ABI (Node)', 'node', ['build/native-abi.mjs', 'node']);

/**
 * Static checks read the sources only, so they run beside the build and the tests, at a lower priority: they fill
 * the CPU the tests leave idle while waiting on HTTP, SQLite and the browser. Two lanes, so both cores finish
 * them once the tests are done: the typecheck and lint (one process, build/static-checks.mjs), and the rest.
 */
const side = { buffered: true, nice: 10 };
const typecheckAndLint = (async () => {
  const staticJson = path.join(tmp, 'static-checks.json');
  fs.rmSync(staticJson, { force: true });
  const ok = await step('typecheck ×3 + lint', 'node', ['build/static-checks.mjs'], { ...side, nice: 5 });
  // Tallied per part, as the four commands it replaces were.
  const parts = readJson(staticJson);
  if (!parts) {
    tally.failed++;
    failures.push('typecheck + lint (no results)');
    return;
  }
  for (const part of parts) {
    timings.push({ stage: `  ${part.name}`, seconds: part.seconds, ok: part.ok });
    if (part.ok) tally.passed++;
    else {
      tally.failed++;
      failures.push(part.name);
    }
  }
  if (!ok && parts.every((p) => p.ok)) {
    tally.failed++;
    failures.push('typecheck + lint');
  }
})();
const otherStatic = (async () => {
  await check(
    'emulator parameter table matches the stripe SDK',
    'node',
    ['build/emulator-params.mjs', '--check'],
    side,
  );
  await check('format', bin('oxfmt'), ['--check', '.'], side);
  await check('electronegativity', 'node', ['build/electronegativity.mjs'], side);
})();

/** Vitest needs no build: it starts now, beside the build and then beside Playwright (its output printed whole). */
const unitTests = (async () => {
  const vitestJson = path.join(tmp, 'vitest-results.json');
  fs.rmSync(vitestJson, { force: true });
  const unitOk = await step('unit + integration', bin('vitest'), ['run'], { buffered: true, nice: 5 });
  const vitest = readJson(vitestJson);
  if (vitest) {
    tally.passed += vitest.numPassedTests;
    tally.failed += vitest.numFailedTests;
    tally.skipped += vitest.numPendingTests + vitest.numTodoTests;
    if (vitest.numFailedTests > 0 || vitest.numFailedTestSuites > 0) failures.push('vitest');
    if (vitest.numFailedTestSuites > 0 && vitest.numFailedTests === 0) tally.failed += vitest.numFailedTestSuites;
  } else if (!unitOk) {
    tally.failed++;
    failures.push('vitest (no results)');
  }
})();

await check('build', bin('electron-vite'), ['build']);

// End-to-end is the long pole: it starts as soon as the renderer is built, at full priority, and streams its output.
const pwJson = path.join(tmp, 'playwright-results.json');
fs.rmSync(pwJson, { force: true });
const electronPresent = fs.existsSync(path.join(root, 'node_modules/electron/dist'));
const needsDisplay = electronPresent && process.platform === 'linux' && !process.env.DISPLAY && has('xvfb-run');
const e2eOk = needsDisplay
  ? await step('end-to-end', 'xvfb-run', ['-a', bin('playwright'), 'test'])
  : await step('end-to-end', bin('playwright'), ['test']);
const pw = readJson(pwJson);
if (pw?.stats) {
  tally.passed += pw.stats.expected + (pw.stats.flaky ?? 0);
  tally.failed += pw.stats.unexpected;
  tally.skipped += pw.stats.skipped;
  if (pw.stats.unexpected > 0) failures.push('playwright');
  for (const reason of skipReasons(pw)) console.log(`skipped: ${reason}`);
} else if (!e2eOk) {
  tally.failed++;
  failures.push('playwright (no results)');
}
await Promise.all([unitTests, typecheckAndLint, otherStatic]);

/** Why Playwright skipped what it skipped (e.g. no Electron binary here), from its JSON report. */
function skipReasons(report) {
  const reasons = new Set();
  const visit = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        for (const a of t.annotations ?? [])
          if (a.type === 'skip') reasons.add(`${spec.title} — ${a.description ?? 'no reason given'}`);
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return [...reasons];
}

const total = Math.round((performance.now() - began) / 100) / 10;
fs.writeFileSync(path.join(tmp, 'test-timings.json'), JSON.stringify({ total, stages: timings }, null, 2));
console.log(`\nStage times (s): ${timings.map((t) => `${t.stage} ${t.seconds}`).join(' · ')} · total ${total}`);
if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(tally.failed === 0 ? 0 : 1);
