/**
 * The long randomized fault campaign: `npm run bench:faults -- --schedules 5000 [--seed S]`.
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
  const cases = fc.sample(caseArb, { seed, numRuns: schedules });
  for (const [i, c] of cases.entries()) {
    const report = await runCase(rig, c);
    totals.double_effects += report.doubleEffects;
    totals.ledger_mismatches += report.ledgerMismatches;
    totals.activity_mismatches += report.activityMismatches;
    totals.unknown_left += report.unknownLeft;
    for (const problem of report.problems) console.log(`case ${i}: ${problem} — ${JSON.stringify(c)}`);
    if ((i + 1) % 250 === 0) console.log(`${i + 1}/${schedules} schedules`, JSON.stringify(totals));
  }
  await rig.stop();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  console.log(`seed ${seed}; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of this process`);
  console.log(JSON.stringify({ schedules, ...totals, seconds: Math.round(seconds * 10) / 10 }));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
