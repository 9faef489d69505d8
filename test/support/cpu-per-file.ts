import fs from 'node:fs';
import { afterAll, expect } from 'vitest';

/**
 * Measuring only (docs/testing.md, "CPU per part"): with SC_CPU_PER_FILE=<file> set, vitest.config.mts runs this
 * before every test file, and it appends the CPU seconds (user + sys) that file's worker spent on it — its imports,
 * hooks and tests, the emulator and app in the same process included — with its wall seconds and path.
 */
const started = process.cpuUsage();
const wall = performance.now();
afterAll(() => {
  const used = process.cpuUsage(started);
  const file = expect.getState().testPath ?? '?';
  const line = [(used.user + used.system) / 1e6, (performance.now() - wall) / 1000].map((n) => n.toFixed(2));
  fs.appendFileSync(process.env['SC_CPU_PER_FILE']!, `${line.join('\t')}\t${file}\n`);
});
