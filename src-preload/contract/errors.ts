/**
 * Errors cross the IPC boundary as this plain, serialisable shape — never as raw exceptions or stacks.
 */
export const ERROR_CODES = [
  'invalid_input', // the payload failed the contract's schema
  'invalid_key', // a pasted key is malformed or the wrong kind (pk_)
  'unauthorized', // Stripe answered 401: the key is revoked or unknown
  'permission_denied', // a restricted key lacks a permission (details.permission)
  'account_mismatch', // a key belongs to another Stripe account than the one being updated
  'duplicate', // e.g. an account name already in use
  'not_found',
  'rate_limited',
  'offline', // Stripe can't be reached; cached data stays available
  'stripe_error', // Stripe refused the request (details carry Stripe's code/param)
  'card_error',
  'idempotency_error',
  'conflict', // state forbids the action (closed dispute, already refunded, …)
  'keychain_unavailable', // no Secret Service / locked keychain: nothing is stored in plaintext
  'file_rejected', // wrong type, too large, unreadable
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ConsoleErrorShape {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  details?: Record<string, string | number | boolean | null>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ConsoleErrorShape };

/** Thrown inside main (and re-thrown in the renderer) — carries only the serialisable shape. */
export class ConsoleError extends Error implements ConsoleErrorShape {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details?: ConsoleErrorShape['details'];

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; details?: ConsoleErrorShape['details'] } = {},
  ) {
    super(message);
    this.name = 'ConsoleError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    if (options.details) this.details = options.details;
  }

  toShape(): ConsoleErrorShape {
    const shape: ConsoleErrorShape = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.details) shape.details = this.details;
    return shape;
  }

  static fromShape(shape: ConsoleErrorShape): ConsoleError {
    return new ConsoleError(shape.code, shape.message, { retryable: shape.retryable, details: shape.details });
  }
}
