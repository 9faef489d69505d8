import { z } from 'zod';

export const modeSchema = z.enum(['test', 'live']);
export type Mode = z.infer<typeof modeSchema>;

/** Stripe account ids; main checks every id against this before it reaches a file path or a query. */
export const ACCOUNT_ID_PATTERN = /^acct_[A-Za-z0-9]{1,64}$/;
export const accountIdSchema = z.string().regex(ACCOUNT_ID_PATTERN, 'not an account id');

/** Every data call names the account and mode it reads: a live view can only ever ask for live data. */
export const scopeSchema = z.object({ accountId: accountIdSchema, mode: modeSchema }).strict();
export type Scope = z.infer<typeof scopeSchema>;

/** Stripe object ids: a prefix and a body. */
export const stripeIdSchema = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9_]{1,255}$`), `not a ${prefix}_ id`);

/** Opaque keyset cursor handed back by main; the renderer never interprets it. */
export const cursorSchema = z.string().max(512).nullable().optional();

export const pageSizeSchema = z.number().int().min(1).max(500).default(100);

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** Total rows matching the query, when cheap to know. */
  total: number | null;
}

/** Money is always an integer in the currency's minor unit plus an ISO currency code (lower case, as Stripe). */
export interface Money {
  amount: number;
  currency: string;
}

export const moneyAmountSchema = z.number().int().safe();
export const currencySchema = z.string().regex(/^[a-z]{3}$/, 'a three-letter ISO currency code');
