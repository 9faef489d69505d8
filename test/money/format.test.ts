import { describe, expect, it } from 'vitest';
import { formatMoney, minorUnitDigits, parseMoney } from '../../src-preload/contract/money';

/** Intl separates code and number with a no-break space; compare with plain spaces. */
const fmt = (amount: number, currency: string, locale = 'en-US') =>
  formatMoney(amount, currency, locale).replace(/\s/g, ' ');

describe('formatMoney: integer minor units in each currency’s own precision', () => {
  it('JPY is zero-decimal: the amount is whole yen', () => {
    expect(minorUnitDigits('jpy')).toBe(0);
    expect(fmt(123456, 'jpy')).toBe('¥123,456');
    expect(fmt(-100, 'jpy')).toBe('-¥100');
    expect(fmt(0, 'jpy')).toBe('¥0');
  });

  it('KWD is three-decimal: the amount is fils', () => {
    expect(minorUnitDigits('kwd')).toBe(3);
    expect(fmt(1234, 'kwd')).toBe('KWD 1.234');
    expect(fmt(-5, 'kwd')).toBe('-KWD 0.005');
    expect(fmt(1_000_000_001, 'kwd')).toBe('KWD 1,000,000.001');
  });

  it('USD is two-decimal, negative amounts keep their sign and large amounts stay exact', () => {
    expect(minorUnitDigits('usd')).toBe(2);
    expect(fmt(5, 'usd')).toBe('$0.05');
    expect(fmt(-1234, 'usd')).toBe('-$12.34');
    // Beyond float precision for a major-unit value: placed as a decimal string, never divided.
    expect(fmt(Number.MAX_SAFE_INTEGER, 'usd')).toBe('$90,071,992,547,409.91');
  });

  it('EUR follows the locale for symbol placement and separators', () => {
    expect(fmt(1234, 'eur')).toBe('€12.34');
    expect(fmt(123456789, 'eur', 'de-DE')).toBe('1.234.567,89 €');
    expect(fmt(-1234, 'eur', 'de-DE')).toBe('-12,34 €');
  });

  it('accepts upper-case codes and refuses amounts that are not integers of minor units', () => {
    expect(fmt(1999, 'USD')).toBe('$19.99');
    expect(() => formatMoney(19.99, 'usd')).toThrow(RangeError);
    expect(() => formatMoney(Number.MAX_SAFE_INTEGER + 1, 'usd')).toThrow(RangeError);
  });
});

describe('parseMoney: what an agent types, to minor units', () => {
  it('parses each currency to its minor units', () => {
    expect(parseMoney('1,234', 'jpy')).toBe(1234);
    expect(parseMoney('1.234', 'kwd')).toBe(1234);
    expect(parseMoney('0.001', 'kwd')).toBe(1);
    expect(parseMoney('12.5', 'usd')).toBe(1250);
    expect(parseMoney(' 1 234.56 ', 'eur')).toBe(123456);
  });

  it('refuses more decimals than the currency has, signs and junk', () => {
    expect(parseMoney('12.5', 'jpy')).toBeNull();
    expect(parseMoney('1.2345', 'kwd')).toBeNull();
    expect(parseMoney('1.234', 'usd')).toBeNull();
    expect(parseMoney('-5', 'usd')).toBeNull();
    expect(parseMoney('12abc', 'eur')).toBeNull();
    expect(parseMoney('', 'usd')).toBeNull();
  });

  it('keeps large amounts exact and refuses ones past safe integers', () => {
    expect(parseMoney('90071992547409.91', 'usd')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseMoney('90071992547409.92', 'usd')).toBeNull();
  });

  it('round-trips with formatMoney’s digits', () => {
    for (const [amount, currency] of [
      [123456, 'jpy'],
      [1234, 'kwd'],
      [1999, 'usd'],
      [1, 'eur'],
    ] as const) {
      const text = formatMoney(amount, currency, 'en-US').replace(/[^\d.,]/g, '');
      expect(parseMoney(text, currency)).toBe(amount);
    }
  });
});
