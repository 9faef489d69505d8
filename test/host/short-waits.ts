import { systemClock, type Clock } from '../../src-main/platform/clock';

/**
 * The e2e host's time: the wall clock, so timestamps, deadlines and Stripe's own times stay real, but no wait
 * lasts longer than `maxWaitMs`. The app's long waits (the event poll, the offline backoff of up to 30 s, the
 * minute between deadline checks) suit a user's machine; in the e2e host they are only time a spec spends until
 * the app looks again. A shortened wait means looking again sooner (the rate budget re-plans from `now()`, a
 * retry just comes earlier); waits already shorter (rate-budget pacing, the 250 ms progress throttle) are unchanged.
 */
export function shortWaits(maxWaitMs: number): Clock {
  return {
    now: () => systemClock.now(),
    setTimer: (fire, ms) => systemClock.setTimer(fire, Math.min(ms, maxWaitMs)),
  };
}
