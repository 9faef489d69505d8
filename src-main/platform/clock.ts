/**
 * Time, injected: every wait in main (rate budget, retry backoff, poll interval, progress throttle) goes through
 * a Clock, so tests run time as fast as the work allows instead of sleeping on the wall clock.
 */
export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number;
  /** Calls `fire` once `ms` of this clock's time have passed; the returned function cancels it. */
  setTimer(fire: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fire, ms) {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  },
};

export class Aborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'Aborted';
  }
}

/** Waits `ms` of the clock's time; rejects with Aborted when the signal aborts; ends early when `wake` resolves. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal, wake?: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Aborted());
    const done = () => {
      cancel();
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      cancel();
      reject(new Aborted());
    };
    const cancel = clock.setTimer(done, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    wake?.().then(done, () => {});
  });
}
