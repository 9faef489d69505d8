import { minorUnitDigits } from '../../../src-preload/contract/money';
import type { Prng } from './prng';

/** Rough rates from USD, to price the catalog and payments sensibly in every currency. */
const PER_USD: Record<string, number> = { usd: 1, eur: 0.92, gbp: 0.79, cad: 1.36, aud: 1.52, jpy: 150, kwd: 0.31 };

/** Converts a USD-cent amount to the currency's minor unit, keeping its rounding rules (KWD ends in 0). */
export function fromUsdCents(usdCents: number, currency: string): number {
  const major = (usdCents / 100) * (PER_USD[currency] ?? 1);
  const decimals = minorUnitDigits(currency);
  const minor = Math.round(major * 10 ** decimals);
  if (decimals === 0) return Math.max(50, Math.round(minor / 10) * 10);
  if (decimals === 3) return Math.max(100, Math.round(minor / 10) * 10);
  return Math.max(50, minor);
}

/** A plausible one-off payment: mostly $10–$300, a long tail up to ~$5,000. */
export function paymentAmount(prng: Prng, currency: string): number {
  const usdCents = prng.chance(0.9) ? prng.int(1000, 30000) : prng.int(30000, 500000);
  return fromUsdCents(usdCents, currency);
}
