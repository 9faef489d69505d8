import { formatMoney } from '../../src-preload/contract/money';

/** Formats a minor-unit amount the way Stripe's error messages do, e.g. "$1.00", "¥100", "KWD 1.000". */
export function formatAmount(amount: number, currency: string): string {
  // Intl separates codes with a no-break space; Stripe's messages use a plain one.
  return formatMoney(amount, currency, 'en-US').replace(/\u00a0/g, ' ');
}
