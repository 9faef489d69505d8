/**
 * The long randomized fault campaign: `npm run bench:faults -- --schedules 5000 [--seed S] [--from I] [--to J]`.
 * `--from`/`--to` run a slice [I, J) of the same seeded 5000 cases, so a long run can be split or resumed.
 * The same cases as test/faults/campaign.test.ts (fast-check, seeded, reproducible) against one emulator and the
 * real app (createConsoleApp), counting instead of failing. Last line: one JSON object of the figures.
 */
import fc from 'fast-check';
import { caseArb, runCase } from '../test/faults/campaign';
import { startFaultRig } from '../test/faults/fault-rig';
import { intArg } from './bench-util';

async function main(): Promise<void> {
  const schedules = intArg('--schedules', 5000);
  const seed = intArg('--seed', 20261201);
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const rig = await startFaultRig();
  const totals = { double_effects: 0, ledger_mismatches: 0, activity_mismatches: 0, unknown_left: 0 };
  const from = intArg('--from', 0);
  const to = Math.min(intArg('--to', schedules), schedules);
  const cases = fc.sample(caseArb, { seed, numRuns: schedules }).slice(from, to);
  for (const [k, c] of cases.entries()) {
    const i = from + k;
    const report = await runCase(rig, c);
    totals.double_effects += report.doubleEffects;
    totals.ledger_mismatches += report.ledgerMismatches;
    totals.activity_mismatches += report.activityMismatches;
    totals.unknown_left += report.unknownLeft;
    for (const problem of report.problems) console.log(`case ${i}: ${problem} — ${JSON.stringify(c)}`);
    if ((k + 1) % 100 === 0) console.log(`cases ${from}..${i} of ${schedules} done`, JSON.stringify(totals));
  }
  await rig.stop();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  console.log(`seed ${seed}; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of this process`);
  const slice = from > 0 || to < schedules ? { from, to } : {};
  console.log(JSON.stringify({ schedules: cases.length, ...slice, ...totals, seconds: Math.round(seconds * 10) / 10 }));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
