import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseArb, runCase } from './campaign';
import { startFaultRig, type FaultRig } from './fault-rig';

/** A small seeded slice of the campaign; `npm run bench:faults -- --schedules 5000` runs the long one. */
const SEED = 20261201;
const RUNS = Number(process.env['FAULT_CASES'] ?? 150);

let rig: FaultRig;
beforeAll(async () => {
  rig = await startFaultRig();
});
afterAll(() => rig.stop());

describe('randomized fault campaign (seeded, reproducible)', () => {
  it(`${RUNS} schedules of faults around refunds, captures and cancels: one effect at most, and Stripe, ledger and Activity agree`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const report = await runCase(rig, c);
        expect(report.problems).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});
