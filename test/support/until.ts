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
  /** Settles when the condition may have changed (the call being waited for): the next check runs at once. */
  wake?: Promise<unknown>;
}

/**
 * Pauses between checks, in real milliseconds: the first short, so a quick answer is seen quickly, then doubling
 * up to the longest, so a long wait (PostgreSQL, a peer, a loaded machine) checks 20 times a second, not 200.
 */
const FIRST_PAUSE_MS = 1;
const LONGEST_PAUSE_MS = 50;

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
    wake,
  } = typeof options === 'string' ? { what: options } : options;
  // Once settled, the wake is spent: later pauses wait their time, so I/O still runs between checks.
  let woken = wake?.then(
    () => 'woken' as const,
    () => 'woken' as const,
  );
  let pause = FIRST_PAUSE_MS;
  for (let i = 0; !(await condition()); i++) {
    if (i >= checks) throw new Error(`timed out waiting for ${what}`);
    // A timer that fired started new work in the app: look again soon.
    if (clock && clock.advanceToNext(step) > 0) pause = FIRST_PAUSE_MS;
    if ((await pauseFor(pause, woken)) === 'woken') woken = undefined;
    pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
  }
}

/** Waits `ms`, or less if `woken` settles first (then says so). */
async function pauseFor(ms: number, woken: Promise<'woken'> | undefined): Promise<'elapsed' | 'woken'> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<'elapsed'>((resolve) => (timer = setTimeout(() => resolve('elapsed'), ms)));
  const outcome = await (woken ? Promise.race([elapsed, woken]) : elapsed);
  clearTimeout(timer);
  return outcome;
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
