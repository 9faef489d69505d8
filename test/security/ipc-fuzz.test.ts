import { afterAll, beforeAll, expect, it } from 'vitest';
import { callNames } from '../../src-preload/contract';
import { fuzzIpc } from './ipc-fuzzer';
import { startFuzzTarget } from './fuzz-target';

/** The npm-test slice of the IPC fuzzer (the long run: `npm run bench:fuzz -- --payloads 20000`). */
let target: Awaited<ReturnType<typeof startFuzzTarget>>;

beforeAll(async () => {
  target = await startFuzzTarget();
}, 60_000);
afterAll(async () => {
  await target?.stop();
});

it('survives hostile payloads on every channel: no crash, no internal error, no change from a refused call', async () => {
  const report = await fuzzIpc(target, { seed: 13, payloads: callNames.length * 4, hugeStringBytes: 16 * 1024 });
  expect(report.failures).toEqual([]);
  expect(report).toMatchObject({ crashes: 0, internal_errors: 0, state_changes_from_invalid: 0 });
  // The payloads reached handlers too, not only the schema.
  expect(report.reached).toBeGreaterThan(report.payloads / 10);
}, 60_000);
