import { Aborted, sleep, type Clock } from '../platform/clock';
import { toConsoleError } from '../stripe/errors';

export { Aborted };

/** Why a request is being retried: the status bar says "rate limited" or "offline" while it waits. */
export type RetryReason = 'rate_limited' | 'offline' | 'stripe_error';

export interface RetryHooks {
  signal: AbortSignal;
  /** Whose time the backoff waits are measured in. */
  clock: Clock;
  /** Resolves early when there is reason to try again now (e.g. connectivity came back). */
  wake?: () => Promise<void>;
  onRetry?: (reason: RetryReason, attempt: number, delayMs: number) => void;
  onSuccess?: () => void;
}

/** Offline can last hours: probe at most every 30 s. A 429 passes in seconds (and pauses the whole budget already). */
const MAX_BACKOFF_MS: Record<RetryReason, number> = { offline: 30_000, rate_limited: 8_000, stripe_error: 30_000 };

/**
 * Half-jitter: a random wait between half and all of an exponentially growing cap, so workers don't retry in step.
 * Whole milliseconds, as clocks count them: a fraction would surface in the injected clock's now() once the wait
 * ends, and from there in timestamps stored as integers (PostgreSQL's bigint refuses them).
 */
export function backoffMs(reason: RetryReason, attempt: number, atLeastMs = 0): number {
  const cap = Math.min(MAX_BACKOFF_MS[reason], 500 * 2 ** Math.min(attempt, 10));
  return Math.ceil(Math.max(atLeastMs, cap / 2 + Math.random() * (cap / 2)));
}

function retryAfterMs(err: unknown): number {
  const headers = (err as { headers?: Record<string, unknown> } | null)?.headers;
  const seconds = Number(headers?.['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** Rate limits (including lock_timeout), unreachable Stripe and Stripe's own 5xx are retried; nothing else is. */
function retryReason(err: unknown): RetryReason | null {
  const error = toConsoleError(err);
  if (error.code === 'rate_limited' || (err as { statusCode?: number } | null)?.statusCode === 429)
    return 'rate_limited';
  if (error.code === 'offline') return 'offline';
  if (error.code === 'stripe_error' && error.retryable) return 'stripe_error';
  return null;
}

/**
 * Settles as `work` does, or rejects with Aborted as soon as the signal aborts: a stopping sync doesn't wait for
 * a request queued in the rate budget or in flight, and its answer is never read.
 */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Runs a Stripe request until it succeeds: a page is retried, never skipped. Gives up only on errors that
 * retrying cannot fix (bad key, missing permission, invalid request), or when aborted.
 */
export async function untilSuccess<T>(request: () => Promise<T>, hooks: RetryHooks): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (hooks.signal.aborted) throw new Aborted();
    try {
      const result = await unlessAborted(request(), hooks.signal);
      // An answer that raced the abort is dropped too: a stopped sync writes nothing more.
      if (hooks.signal.aborted) throw new Aborted();
      hooks.onSuccess?.();
      return result;
    } catch (err) {
      const reason = retryReason(err);
      if (!reason || hooks.signal.aborted) throw hooks.signal.aborted ? new Aborted() : err;
      const delay = backoffMs(reason, attempt, retryAfterMs(err));
      hooks.onRetry?.(reason, attempt, delay);
      // Offline waits end early when connectivity returns; rate-limit waits always run out.
      await sleep(hooks.clock, delay, hooks.signal, reason === 'offline' ? hooks.wake : undefined);
    }
  }
}
