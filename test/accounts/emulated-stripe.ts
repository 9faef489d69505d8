import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../src-main/emulator';
import { startStripeRouter } from './fixtures/stripe-router';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Two Stripe accounts behind one API host (as api.stripe.com), for keys an operator pastes. */
export async function startEmulatedStripe() {
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-console-emulator-')));
  // Seeds differ from the demo's default so each emulated account has its own id.
  const [primary, other] = await Promise.all(
    dirs.map((dataDir, i) => startEmulator({ dataDir, seed: 101 + i, customers: 20 })),
  );
  const router = await startStripeRouter([primary!, other!]);
  return {
    primary: primary!,
    other: other!,
    endpoint: router.endpoint,
    async stop() {
      await router.stop();
      await Promise.all([primary!.stop(), other!.stop()]);
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
