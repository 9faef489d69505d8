/** What goes into the full-text indexes, and how a typed search becomes an FTS5 query. */
import { minorUnitDigits } from '../../src-preload/contract/money';

/** "1999 19.99": searchable both as minor units and as the amount a person reads. */
export function amountText(amount: number | null, currency: string | null): string {
  if (amount === null) return '';
  const digits = currency ? minorUnitDigits(currency) : 2;
  return digits === 0 ? String(amount) : `${amount} ${(amount / 10 ** digits).toFixed(digits)}`;
}

/**
 * "+1 (415) 555-0123" is found by its groups and by its digits run together, with or without the
 * country code (which may be one to three digits): "4155550" and "14155550" both match.
 */
export function phoneText(phone: string | null): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  const runs = digits.length > 7 ? [0, 1, 2, 3].map((cut) => digits.slice(cut)) : [digits];
  return [phone, ...runs.filter((run) => run && run !== phone)].join(' ');
}

export function metadataText(metadata: unknown): string {
  if (!metadata || typeof metadata !== 'object') return '';
  return Object.values(metadata as Record<string, unknown>)
    .filter((v): v is string => typeof v === 'string')
    .join(' ');
}

export type CustomerSearchField = 'id' | 'email' | 'name' | 'phone' | 'last4' | 'meta';
export type PaymentSearchField = 'ids' | 'email' | 'last4' | 'amount';

/**
 * What may reach an FTS5 query string: NUL ends SQLite's string early ("unterminated string"), so it and every
 * other control character and unpaired surrogate become a space. Quotes are doubled and operators (`OR`, `NEAR`,
 * `*`, `^`, `:`) stay inside the phrase, where they are plain text.
 */
export function searchableText(input: string): string {
  return input.replace(/[\p{Cc}\p{Cs}\p{Cf}]/gu, ' ');
}

/**
 * The user's text as one phrase whose last word is a prefix: `jane.do` finds `jane.doe@example.com`,
 * `4242` finds a card ending 4242, `cus_Q3` finds that id. The tokenizer splits the phrase as it split the
 * documents, so punctuation needs no handling here. Returns null when nothing searchable is left.
 */
export function prefixPhrase(input: string, field?: string): string | null {
  const trimmed = searchableText(input).trim().slice(0, 200);
  if (!/[\p{L}\p{N}_]/u.test(trimmed)) return null;
  const phrase = `"${trimmed.replace(/"/g, '""')}"*`;
  return field ? `{${field}} : ${phrase}` : phrase;
}
