import Stripe from 'stripe';
import { ConsoleError } from '../../src-preload/contract';
import { redactSecrets } from '../platform/redact';

/** Stripe names the missing permission in its 403 message: "Having the 'rak_x' permission would allow…". */
export function missingPermission(message: string): string | null {
  return /'(rak_[a-z_]+)'/.exec(message)?.[1] ?? null;
}

/**
 * Maps anything thrown while talking to Stripe (or inside a service) to the typed error shape the renderer shows.
 * Messages are redacted: Stripe echoes the key in 401 messages.
 */
export function toConsoleError(err: unknown): ConsoleError {
  if (err instanceof ConsoleError) return err;
  if (err instanceof Stripe.errors.StripeError) return fromStripeError(err);
  return new ConsoleError('internal', 'Something went wrong inside Stripe Console. The details are in the log.');
}

function fromStripeError(err: InstanceType<typeof Stripe.errors.StripeError>): ConsoleError {
  const message = redactSecrets(err.message);
  const details = {
    stripeCode: err.code ?? null,
    param: err.param ?? null,
    requestId: err.requestId ?? null,
    statusCode: err.statusCode ?? null,
  };
  switch (err.type) {
    case 'StripeConnectionError':
      return new ConsoleError(
        'offline',
        'Stripe can’t be reached. Cached data stays available; try again when online.',
        {
          retryable: true,
          details,
        },
      );
    case 'StripeAuthenticationError':
      return new ConsoleError('unauthorized', `Stripe rejected the key: ${message}`, { details });
    case 'StripePermissionError': {
      const permission = missingPermission(err.message);
      return new ConsoleError(
        'permission_denied',
        permission
          ? `This restricted key lacks the '${permission}' permission.`
          : `This key lacks a permission: ${message}`,
        { details: { ...details, permission } },
      );
    }
    case 'StripeRateLimitError':
      return new ConsoleError('rate_limited', 'Stripe is rate limiting this account. Retrying shortly.', {
        retryable: true,
        details,
      });
    case 'StripeCardError':
      return new ConsoleError('card_error', message, {
        details: { ...details, declineCode: err.decline_code ?? null },
      });
    case 'StripeIdempotencyError':
      return new ConsoleError('idempotency_error', message, { details });
    case 'StripeAPIError':
      return new ConsoleError('stripe_error', `Stripe had a problem: ${message}`, { retryable: true, details });
    default:
      return new ConsoleError('stripe_error', message, { details });
  }
}
