import Stripe from 'stripe';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src-main/emulator';
import { eventually } from '../support/until';

/** A client of the official SDK pointed at the emulator; no automatic retries unless asked. */
export function client(emulator: RunningEmulator, key: string, config: Stripe.StripeConfig = {}): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port: emulator.port, protocol: 'http', maxNetworkRetries: 0, ...config });
}

export async function withEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ customers: 120, ...options });
}

/** Polls a condition (bounded) instead of sleeping: the shared helper, its pauses growing from 1 ms to 50 ms. */
export const waitFor = <T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> =>
  eventually(probe, { checks: Math.ceil(timeoutMs / 5) });

/** Polls an async condition (bounded), e.g. a value read back through the API. */
export const waitForAsync = <T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> =>
  eventually(probe, { checks: Math.ceil(timeoutMs / 5) });

/** Catches the SDK error thrown by a call. */
export async function errorOf(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error('expected the call to fail');
}
