#!/usr/bin/env node
/**
 * Scans the app's sources with Electronegativity (its online release check excluded: no network here).
 * Any finding fails the run; accepted ones are justified in place with an `eng-disable` comment.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const bin = path.join(root, 'node_modules/.bin/electronegativity');
fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
// Scan the three process roots together so global checks (navigation limits, permission handler) see the whole app.
const input = path.join(root, '.tmp', 'electronegativity-src');
fs.rmSync(input, { recursive: true, force: true });
fs.mkdirSync(input, { recursive: true });
for (const dir of ['src-main', 'src-preload', 'src-renderer'])
  fs.symlinkSync(path.join(root, dir), path.join(input, dir), 'dir');
let findings = 0;
{
  const out = path.join(root, '.tmp', 'electronegativity.csv');
  fs.rmSync(out, { force: true });
  const run = spawnSync(
    bin,
    ['-i', input, '-r', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', out],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (run.status !== 0 || !fs.existsSync(out)) {
    console.error(run.stdout, run.stderr);
    throw new Error(`electronegativity failed on ${input}`);
  }
  const rows = fs.readFileSync(out, 'utf8').trim().split('\n').slice(1).filter(Boolean);
  for (const row of rows) console.error(`finding: ${row}`);
  findings += rows.length;
}
console.log(`electronegativity: ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
