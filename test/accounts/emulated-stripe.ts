import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../src-main/emulator';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startHarness, type Harness } from './fixtures/harness';
import { startStripeRouter } from './fixtures/stripe-router';

type HarnessOptions = Parameters<typeof startHarness>[0];

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

/**
 * Registers a suite's emulated Stripe (started once) and the harnesses its tests build (destroyed after each test).
 * `stripe()` is valid inside tests; `harness()` starts an app pointed at the emulated Stripe.
 */
export function emulatedStripeSuite(defaults: HarnessOptions = {}) {
  let stripe: Awaited<ReturnType<typeof startEmulatedStripe>>;
  const harnesses: Harness[] = [];
  beforeAll(async () => {
    stripe = await startEmulatedStripe();
  });
  afterAll(() => stripe.stop());
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.destroy();
  });
  return {
    stripe: () => stripe,
    async harness(options: HarnessOptions = {}): Promise<Harness> {
      const h = await startHarness({ apiEndpoint: stripe.endpoint, ...defaults, ...options });
      harnesses.push(h);
      return h;
    },
  };
}
