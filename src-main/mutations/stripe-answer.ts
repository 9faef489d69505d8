import Stripe from 'stripe';
import { ConsoleError } from '../../src-preload/contract';
import type { WriteOutcome } from '../../src-preload/contract/write-outcome';

/** Statuses with which Stripe answers before executing anything (docs/reliability.md, "Which answers are definite"). */
const REFUSED_STATUSES = new Set([400, 401, 402, 403, 404]);

/**
 * What a failed attempt tells us about Stripe's side. Only a definite answer that nothing executed is `refused`;
 * a 429 executed nothing and may be resent as is; everything else after the request may have left is `unknown`.
 */
export function classifyFailure(err: unknown): WriteOutcome {
  // Executors throw ConsoleError only before any request leaves (e.g. the local copy of a file is gone).
  if (err instanceof ConsoleError) return 'refused';
  if (!(err instanceof Stripe.errors.StripeError)) return 'unknown';
  const status = err.statusCode;
  if (status === 429) return 'not_sent';
  // A reused key with other parameters means an earlier request with it exists: it may have executed.
  if (err.type === 'StripeIdempotencyError') return 'unknown';
  // Connection errors and timeouts carry no status.
  return REFUSED_STATUSES.has(status ?? 0) ? 'refused' : 'unknown';
}
