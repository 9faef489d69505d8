import { decimalAmount } from '../../../src-preload/contract/money';
import { invalidRequest } from '../http/errors';
import type { ParamValue, Params } from '../http/params';
import { MINIMUM_CHARGE, STRIPE_CURRENCIES } from './currencies';

/** Stripe's metadata limits. */
export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Endpoints that move money now, where Stripe refuses amounts below the currency's minimum. */
const CHARGING_ENDPOINTS = new Set(['POST /v1/payment_intents', 'POST /v1/charges']);

const join = (path: string, key: string): string => (path ? `${path}[${key}]` : key);

export function checkMetadata(metadata: Record<string, ParamValue> | ParamValue[], param: string): void {
  const entries = Object.entries(metadata);
  if (entries.length > METADATA_LIMITS.keys) {
    throw invalidRequest(`Invalid ${param}: metadata can have a maximum of ${METADATA_LIMITS.keys} keys.`, param);
  }
  for (const [key, value] of entries) {
    if (key.length > METADATA_LIMITS.keyLength) {
      throw invalidRequest(
        `Invalid ${param}: metadata keys can be at most ${METADATA_LIMITS.keyLength} characters long; '${key}' has ${key.length}.`,
        join(param, key),
      );
    }
    if (typeof value === 'string' && value.length > METADATA_LIMITS.valueLength) {
      throw invalidRequest(
        `Invalid ${param}: metadata values can be at most ${METADATA_LIMITS.valueLength} characters long; '${key}' has ${value.length}.`,
        join(param, key),
      );
    }
  }
}

/**
 * Rules Stripe applies to a parameter wherever it appears, by name: emails, metadata limits, currencies
 * (lower-cased in place, as Stripe accepts `USD`). Runs with the table's validation, before execution.
 */
function checkByName(params: Params, path: string): void {
  for (const [key, value] of Object.entries(params)) {
    const param = join(path, key);
    if (typeof value === 'string') {
      if (value === '') continue;
      if ((key === 'email' || key.endsWith('_email')) && !EMAIL.test(value)) {
        throw invalidRequest(`Invalid email address: ${value}`, param, 'email_invalid');
      }
      if (key === 'currency') {
        const currency = value.toLowerCase();
        if (!STRIPE_CURRENCIES.has(currency)) {
          throw invalidRequest(
            `Invalid currency: ${value}. Stripe currently supports these currencies: ${[...STRIPE_CURRENCIES].join(', ')}`,
            param,
          );
        }
        params[key] = currency;
      }
    } else if (key === 'metadata') {
      checkMetadata(value, param);
    } else if (!Array.isArray(value)) {
      checkByName(value, param);
    } else {
      value.forEach(
        (item, index) =>
          typeof item === 'object' && !Array.isArray(item) && checkByName(item, join(param, String(index))),
      );
    }
  }
}

function checkMinimumAmount(params: Params): void {
  const { amount, currency } = params;
  if (typeof amount !== 'string' || typeof currency !== 'string') return;
  const minimum = MINIMUM_CHARGE[currency];
  if (minimum === undefined || Number(amount) >= minimum) return;
  throw invalidRequest(
    `Amount must be at least ${decimalAmount(minimum, currency)} ${currency}`,
    'amount',
    'amount_too_small',
  );
}

export function businessRules(endpoint: string): (params: Params) => void {
  const charging = CHARGING_ENDPOINTS.has(endpoint);
  return (params) => {
    checkByName(params, '');
    if (charging) checkMinimumAmount(params);
  };
}
