export type ErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface ErrorBody {
  type: ErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
}

/** An error answered in Stripe's `{error: {...}}` shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

const docUrl = (code: string): string => `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;

export function invalidRequest(message: string, param?: string, code?: string): ApiError {
  return new ApiError(400, {
    type: 'invalid_request_error',
    message,
    ...(code ? { code, doc_url: docUrl(code) } : {}),
    ...(param ? { param } : {}),
  });
}

export function resourceMissing(label: string, id: string, param = 'id', hint = ''): ApiError {
  return new ApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    doc_url: docUrl('resource_missing'),
    message: `No such ${label}: '${id}'${hint}`,
    param,
  });
}

export function unknownRoute(method: string, path: string): ApiError {
  return new ApiError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}

export function authenticationError(message: string): ApiError {
  return new ApiError(401, { type: 'invalid_request_error', message });
}

export function permissionError(message: string): ApiError {
  return new ApiError(403, { type: 'invalid_request_error', message });
}

export function rateLimitError(code: 'rate_limit' | 'lock_timeout', retryAfterSeconds?: number): ApiError {
  const message =
    code === 'rate_limit'
      ? 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.'
      : 'This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. If you see this error frequently and are making multiple concurrent requests to a single object, make your requests serially or at a lower rate. See https://stripe.com/docs/rate-limits for more details.';
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  // Stripe tells SDKs to retry lock timeouts.
  if (code === 'lock_timeout') headers['Stripe-Should-Retry'] = 'true';
  return new ApiError(429, { type: 'invalid_request_error', code, doc_url: docUrl(code), message }, headers);
}

export function internalError(): ApiError {
  return new ApiError(500, {
    type: 'api_error',
    message: "Something went wrong on Stripe's end. Please try again or contact support if the problem persists.",
  });
}

export function cardError(
  message: string,
  code: string,
  declineCode: string | undefined,
  extra: Partial<ErrorBody>,
): ApiError {
  return new ApiError(402, {
    type: 'card_error',
    code,
    doc_url: docUrl(code),
    message,
    ...(declineCode ? { decline_code: declineCode } : {}),
    ...extra,
  });
}

export function idempotencyMismatch(key: string): ApiError {
  return new ApiError(400, {
    type: 'idempotency_error',
    message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  });
}

export function idempotencyInFlight(key: string): ApiError {
  return new ApiError(409, {
    type: 'idempotency_error',
    message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
  });
}
