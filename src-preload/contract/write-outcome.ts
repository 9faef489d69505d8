import type { ConsoleErrorShape } from './errors';

/**
 * What a failed write left behind, carried in `error.details.outcome` of every error the mutation ledger throws:
 * - `refused`: Stripe answered that nothing was carried out. Only now may the agent make a new request.
 * - `not_sent`: nothing left (or Stripe turned it away unexecuted, e.g. 429): sending the same intent again is safe.
 * - `unknown`: the request may have been carried out. Only the same intent may be sent again; the ledger checks
 *   Stripe first and never carries it out twice.
 * Errors without it were raised before the intent was recorded (local checks): nothing exists at Stripe.
 */
export type WriteOutcome = 'refused' | 'not_sent' | 'unknown';

export function writeOutcomeOf(error: Pick<ConsoleErrorShape, 'details'>): WriteOutcome | null {
  const outcome = error.details?.['outcome'];
  return outcome === 'refused' || outcome === 'not_sent' || outcome === 'unknown' ? outcome : null;
}

/** Whether a confirmation may turn into a new request (a new intent id) after this error. */
export function allowsNewRequest(error: Pick<ConsoleErrorShape, 'details'>): boolean {
  return writeOutcomeOf(error) === 'refused';
}

/** Whether Stripe may hold the effect of the failed write: the UI must then offer only "try again" (same intent). */
export function mayHaveExecuted(error: Pick<ConsoleErrorShape, 'details'>): boolean {
  return writeOutcomeOf(error) === 'unknown';
}
