import type { TestClock } from './clock';

export interface UntilOptions {
  /** What is awaited, for the failure message. */
  what?: string;
  /** A clock to move forward while waiting, so the app's own waits (backoff, budget, polling) pass. */
  clock?: TestClock;
  /** At most how far `clock` moves per check, to the next timer due (default 250 ms of its time). */
  step?: number;
  /** Gives up after this many checks (default 4000), failing the test rather than hanging it. */
  checks?: number;
}

/**
 * Checks a real condition until it holds, letting I/O run between checks (and moving the test clock, if any).
 * A hang fails after `checks` checks; the bound is never what makes a test pass.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  options: UntilOptions | string = {},
): Promise<void> {
  const {
    what = 'condition',
    clock,
    step = 250,
    checks = 4000,
  } = typeof options === 'string' ? { what: options } : options;
  for (let i = 0; !(await condition()); i++) {
    if (i >= checks) throw new Error(`timed out waiting for ${what}`);
    clock?.advanceToNext(step);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Polls `probe` until it yields a value (anything but undefined) and returns it. */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  options: UntilOptions | string = {},
): Promise<T> {
  let value: T | undefined;
  await until(async () => (value = await probe()) !== undefined, options);
  return value as T;
}
