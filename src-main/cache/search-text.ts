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

/** customers_fts's columns, in its order (schema.ts). */
export const CUSTOMER_SEARCH_COLUMNS = ['id', 'email', 'name', 'phone', 'last4', 'meta'] as const;
export type CustomerSearchField = (typeof CUSTOMER_SEARCH_COLUMNS)[number];

/** A stored field as indexed text: anything but a string indexes as nothing. */
export const asText = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What customers_fts holds for a customer, column by column; `cards`: the last4s seen on them (`cardsText`). */
export function customerSearchText(customer: Record<string, unknown>, cards: string): unknown[] {
  return [
    customer.id,
    asText(customer.email),
    asText(customer.name),
    phoneText(asText(customer.phone) || null),
    cards,
    metadataText(customer.metadata),
  ];
}
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
  const text = phraseText(input);
  return text === null ? null : phrase(text, field);
}

/** The longest last word FTS5 answers from its prefix index (`prefix='1 2 3'`, schema.ts). */
export const PREFIX_INDEX_CHARS = 3;
/** What unicode61 keeps inside a word (letters, digits, private use, the marks it folds away) and our `_`. */
const WORD_CHAR = /[\p{L}\p{N}\p{Co}\p{Mn}_]/u;
/** Word characters in every Unicode version SQLite's tokenizer may know. */
const SURE_WORD_CHAR = /[0-9A-Za-z_]/;

/**
 * `prefixPhrase` with its last word cut to the prefix index's length, or null when that word is short already.
 * FTS5 answers a last word of up to three letters from its prefix index in well under a millisecond; a longer one
 * makes it merge the whole doclist of every term that starts with it (`…@inbox.test`: every customer with `test`,
 * 20–35 ms at a million). Any text cut from its end finds every row the whole text finds (its words are the same
 * but for the last, cut to a prefix of itself), as long as a word is left: each row it finds must then be checked
 * against the whole phrase.
 */
export function narrowedPhrase(input: string, field?: string): string | null {
  const text = phraseText(input);
  if (text === null) return null;
  const chars = [...text];
  let end = chars.length;
  while (end > 0 && !WORD_CHAR.test(chars[end - 1]!)) end--;
  let start = end;
  while (start > 0 && WORD_CHAR.test(chars[start - 1]!)) start--;
  if (end - start <= PREFIX_INDEX_CHARS) return null;
  const cut = chars.slice(0, start + PREFIX_INDEX_CHARS).join('');
  return SURE_WORD_CHAR.test(cut) ? phrase(cut, field) : null;
}

/** The text FTS5 may read, or null when it has nothing to search. */
function phraseText(input: string): string | null {
  const trimmed = searchableText(input).trim().slice(0, 200);
  return /[\p{L}\p{N}_]/u.test(trimmed) ? trimmed : null;
}

function phrase(text: string, field: string | undefined): string {
  const quoted = `"${text.replace(/"/g, '""')}"*`;
  return field ? `{${field}} : ${quoted}` : quoted;
}
