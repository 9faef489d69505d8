/** Anything that looks like a Stripe secret: secret/restricted keys, webhook secrets, bearer headers. */
const SECRET_PATTERN = /\b((?:sk|rk)_(?:test|live)_)[A-Za-z0-9_]+|\b(whsec_)[A-Za-z0-9_]+/g;

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
