/**
 * The IPC fuzzer's long run: `npm run bench:fuzz -- --payloads 20000 [--seed 1]`.
 * Seeded, bounded hostile payloads on every channel of the contract against the whole app (Demo account
 * included), through the same router the renderer reaches. See test/security/ipc-fuzzer.ts for the invariants.
 * Last line: {"payloads":N,"crashes":0,"internal_errors":0,"state_changes_from_invalid":0}.
 */
import { intArg } from './bench-util';
import { fuzzIpc } from '../test/security/ipc-fuzzer';
import { startFuzzTarget } from '../test/security/fuzz-target';

async function main(): Promise<void> {
  const payloads = intArg('--payloads', 20_000);
  const seed = intArg('--seed', 1);
  const target = await startFuzzTarget();
  const started = performance.now();
  const report = await fuzzIpc(target, {
    seed,
    payloads,
    hugeStringBytes: 2 * 1024 * 1024,
    onProgress: (done) => {
      if (done % 2000 === 0) console.log(`[fuzz] ${done}/${payloads}`);
    },
  });
  await target.stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[fuzz] seed ${seed}, ${report.channels} channels, ${report.reached} past the schema, ${seconds} s`);
  for (const failure of report.failures) console.log(`[fuzz] ${failure}`);
  const { crashes, internal_errors, state_changes_from_invalid } = report;
  console.log(JSON.stringify({ payloads: report.payloads, crashes, internal_errors, state_changes_from_invalid }));
  process.exitCode = crashes + internal_errors + state_changes_from_invalid === 0 ? 0 : 1;
}

void main();
