import { minorUnitDigits } from '../../src-preload/contract/money';

/** Minor units as the digits an agent types, without symbol or grouping: 1234 USD → "12.34", 1234 JPY → "1234". */
export function plainAmount(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const units = Math.abs(amount)
    .toString()
    .padStart(digits + 1, '0');
  const text = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return amount < 0 ? `-${text}` : text;
}
