/**
 * The only places the app will open in the system browser: Stripe's Dashboard and docs, over https.
 * Everything else a page tries to open or navigate to is denied.
 */
// invoice.stripe.com and pay.stripe.com: an invoice's hosted page and PDF, a credit note's PDF.
const ALLOWED_HOSTS = new Set([
  'dashboard.stripe.com',
  'docs.stripe.com',
  'stripe.com',
  'support.stripe.com',
  'invoice.stripe.com',
  'pay.stripe.com',
]);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    ALLOWED_HOSTS.has(parsed.hostname) &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}
