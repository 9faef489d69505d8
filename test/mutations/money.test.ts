import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalAmount, formatMoney, minorUnitDigits, parseMoney } from '../../src-preload/contract/money';

/**
 * Money as text on the money path (what Activity, dialogs and CSVs show): every currency of Stripe's lists by
 * name, the exact decimal placement, and parse ∘ format as a property. test/money/format.test.ts covers locales.
 */
const ZERO = [
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
];
const THREE = ['bhd', 'jod', 'kwd', 'omr', 'tnd'];

describe('minor units per currency', () => {
  it.each(ZERO)('%s is zero-decimal', (c) => {
    expect(minorUnitDigits(c)).toBe(0);
    expect(minorUnitDigits(c.toUpperCase())).toBe(0);
  });
  it.each(THREE)('%s is three-decimal', (c) => {
    expect(minorUnitDigits(c)).toBe(3);
    expect(minorUnitDigits(c.toUpperCase())).toBe(3);
  });
  it.each(['usd', 'eur', 'gbp', 'USD'])('%s is two-decimal', (c) => expect(minorUnitDigits(c)).toBe(2));
});

describe('decimalAmount: digits placed as text', () => {
  it('places the point by the currency and keeps the sign', () => {
    expect(decimalAmount(1999, 'usd')).toBe('19.99');
    expect(decimalAmount(5, 'usd')).toBe('0.05');
    expect(decimalAmount(0, 'usd')).toBe('0.00');
    expect(decimalAmount(-1234, 'usd')).toBe('-12.34');
    expect(decimalAmount(500, 'jpy')).toBe('500');
    expect(decimalAmount(-100, 'jpy')).toBe('-100');
    expect(decimalAmount(0, 'jpy')).toBe('0');
    expect(decimalAmount(1500, 'kwd')).toBe('1.500');
    expect(decimalAmount(-5, 'kwd')).toBe('-0.005');
  });

  it('refuses what isn’t an integer of minor units, saying so', () => {
    expect(() => decimalAmount(19.99, 'usd')).toThrow('amount must be an integer of minor units, got 19.99');
    expect(() => decimalAmount(Number.MAX_SAFE_INTEGER + 1, 'usd')).toThrow(RangeError);
    expect(() => decimalAmount(Number.NaN, 'usd')).toThrow(RangeError);
  });
});

describe('formatMoney keeps one formatter per currency and locale', () => {
  it('never answers one currency’s or locale’s format for another', () => {
    const plain = (amount: number, currency: string, locale?: string) =>
      formatMoney(amount, currency, locale).replace(/\s/g, ' ');
    expect(plain(1234, 'usd', 'en-US')).toBe('$12.34');
    expect(plain(1234, 'jpy', 'en-US')).toBe('¥1,234');
    expect(plain(1234, 'eur', 'en-US')).toBe('€12.34');
    expect(plain(1234, 'eur', 'de-DE')).toBe('12,34 €');
    expect(plain(1234, 'usd', 'en-US')).toBe('$12.34');
  });
});

describe('parseMoney: what an agent typed', () => {
  it('whole and fractional amounts, separators ignored', () => {
    expect(parseMoney('12', 'usd')).toBe(1200);
    expect(parseMoney('12.50', 'usd')).toBe(1250);
    expect(parseMoney('0', 'usd')).toBe(0);
    expect(parseMoney('1,234.5', 'usd')).toBe(123450);
    expect(parseMoney('500', 'jpy')).toBe(500);
    expect(parseMoney('1.5', 'kwd')).toBe(1500);
    expect(parseMoney('1.5', 'KWD')).toBe(1500);
  });

  it('refuses what isn’t one amount in the currency’s precision', () => {
    for (const [text, currency] of [
      ['12.', 'usd'],
      ['.5', 'usd'],
      ['x12', 'usd'],
      ['12x', 'usd'],
      ['1.2.3', 'usd'],
      ['500.0', 'jpy'],
      ['5x', 'jpy'],
      ['x5', 'jpy'],
      ['12.505', 'usd'],
    ] as const)
      expect(parseMoney(text, currency), `${text} ${currency}`).toBeNull();
  });

  it('parse(decimal(amount)) is the amount, in every precision (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('usd', 'jpy', 'kwd'),
        (amount, c) => {
          expect(parseMoney(decimalAmount(amount, c), c)).toBe(amount);
        },
      ),
      { seed: 20261202, numRuns: 300 },
    );
  });
});
