import { z } from 'zod';
import { call } from './define';
import { scopeSchema } from './common';

export const SEARCH_KINDS = ['customer', 'payment', 'invoice', 'subscription', 'dispute'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One thing the header search found. */
export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** What a person recognises it by: an email or name, an amount, an invoice number. */
  title: string;
  /** A second line: the customer, the card, the id. */
  detail: string | null;
  amount: number | null;
  currency: string | null;
  status: string | null;
  created: number;
  /** The customer it belongs to (for opening a payment in its customer's context). */
  customerId: string | null;
  /** `cache`: the local copy; `stripe`: Stripe's Search API answered it because sync hasn't reached it yet. */
  source: 'cache' | 'stripe';
}

export interface LiveSearchAnswer {
  hits: SearchHit[];
  /** Whether Stripe was asked: only while the local copy is incomplete. */
  asked: boolean;
  /** Why it wasn't asked, or what went wrong, in words. */
  note: string | null;
}

const searchInput = z
  .object({
    scope: scopeSchema,
    query: z.string().trim().min(1).max(200),
    kinds: z.array(z.enum(SEARCH_KINDS)).min(1).max(SEARCH_KINDS.length).optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();

export const searchCalls = {
  /** Customers, payments, invoices, subscriptions and disputes in the local copy: ids, emails, amounts, last4. */
  'search.everything': call<SearchHit[]>()(searchInput),
  /**
   * Stripe's Search API for what sync hasn't fetched yet (within the rate budget); what it finds is written to
   * the local copy, so opening it works at once. Asks nothing once the local copy is complete.
   */
  'search.live': call<LiveSearchAnswer>()(searchInput),
};
