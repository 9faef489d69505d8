/* Money as Stripe represents it: integer minor units per currency. Shared by main (CSV, messages) and the renderer. */

/** Stripe's zero-decimal currencies: amounts are whole units. */
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
/** Three-decimal currencies: amounts are thousandths. */
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** How many minor units make one major unit in Stripe's API for this currency. */
export function minorUnitDigits(currency: string): 0 | 2 | 3 {
  const c = currency.toLowerCase();
  if (ZERO_DECIMAL.has(c)) return 0;
  if (THREE_DECIMAL.has(c)) return 3;
  return 2;
}

/** "1999" usd → "19.99", "500" jpy → "500", "1500" kwd → "1.500": digits placed as text, never through floating point. */
export function decimalAmount(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be an integer of minor units, got ${amount}`);
  const digits = minorUnitDigits(currency);
  const units = Math.abs(amount)
    .toString()
    .padStart(digits + 1, '0');
  const major = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return amount < 0 ? `-${major}` : major;
}

/** Building an Intl.NumberFormat costs far more than using one: one per currency and locale, kept. */
const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = minorUnitDigits(currency);
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats an integer amount of minor units exactly: the decimal string is handed to Intl for the symbol and
 * grouping (Intl formats decimal strings without rounding through a float).
 */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  const formatter = currencyFormatter(currency, locale);
  // Intl formats a decimal numeral string exactly (no float rounding); decimalAmount only makes numerals.
  return formatter.format(decimalAmount(amount, currency) as Intl.StringNumericLiteral);
}

/** Parses what an agent typed ("12.50", "1,234") into minor units, or null when it isn't a valid amount. */
export function parseMoney(text: string, currency: string): number | null {
  const digits = minorUnitDigits(currency);
  const cleaned = text.replace(/[\s,]/g, '');
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(?:\\.\\d{1,${digits}})?$`);
  if (!pattern.test(cleaned)) return null;
  const [whole = '0', fraction = ''] = cleaned.split('.');
  const value = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(value) ? value : null;
}
