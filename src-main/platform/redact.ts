/**
 * Anything that looks like a Stripe secret: secret/restricted keys and webhook signing secrets, wherever they
 * start — after a newline, a tab, an underscore or a letter too (no word boundary: over-masking is the safe side).
 */
const SECRET_PATTERN = /(?:sk|rk)_(?:test|live)_[A-Za-z0-9_]+|whsec_[A-Za-z0-9_]+/g;
const MAX_DEPTH = 8;

/** `sk_live_…abcd` — the only form of a key that is ever shown or logged. */
export function maskKey(key: string): string {
  const match = /^((?:sk|rk|pk)_(?:test|live)_)/.exec(key);
  const prefix = match?.[1] ?? key.slice(0, 3);
  return `${prefix}…${key.slice(-4)}`;
}

/** Replaces every secret in a string with its masked form. Used on logs and error messages. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, (whole: string) => maskKey(whole));
}

/**
 * Redacts a value before it is serialised: every string (object keys too) at any depth, and Errors by their
 * message — after JSON.stringify a key right after an escaped `\n` reads `nsk_…` and hides in the escaping.
 */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  seen.add(value);
  if (value instanceof Error) {
    const error: Record<string, unknown> = { name: value.name, message: redactSecrets(value.message) };
    if (value.cause !== undefined) error.cause = redactValue(value.cause, depth + 1, seen);
    return error;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[redactSecrets(key)] = redactValue(item, depth + 1, seen);
  return out;
}
