import { z } from 'zod';
import { call } from './define';
import { currencySchema, cursorSchema, pageSizeSchema, scopeSchema, stripeIdSchema, type Page } from './common';
import type { PaymentRow, RefundRow } from './payments';

/** One line of the customers table. */
export interface CustomerRow {
  id: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  created: number;
  currency: string | null;
  /** Minor units of `currency`; negative is credit. */
  balance: number | null;
  delinquent: boolean;
  /** Card last4s seen on the customer's payment methods and charges. */
  cardLast4s: string[];
}

export interface CardSummary {
  id: string;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  isDefault: boolean;
}

export interface InvoiceSummary {
  id: string;
  number: string | null;
  status: string | null;
  created: number;
  amountDue: number;
  amountPaid: number;
  amountRemaining: number;
  currency: string;
  dueDate: number | null;
}

export interface DisputeSummary {
  id: string;
  charge: string | null;
  paymentIntent: string | null;
  status: string;
  reason: string | null;
  amount: number;
  currency: string;
  dueBy: number | null;
}

export interface CustomerDetail {
  customer: CustomerRow & {
    description: string | null;
    address: string | null;
    metadata: Record<string, string>;
  };
  paymentMethods: CardSummary[];
  payments: PaymentRow[];
  refunds: RefundRow[];
  invoices: InvoiceSummary[];
  disputes: DisputeSummary[];
  /** The customer in Stripe's Dashboard (test or live). */
  dashboardUrl: string;
}

/** One event touching the customer or one of their objects. */
export interface TimelineEntry {
  id: string;
  type: string;
  created: number;
  objectId: string | null;
  objectType: string | null;
  /** e.g. the amount and status of the object at that moment. */
  amount: number | null;
  currency: string | null;
  status: string | null;
  requestId: string | null;
}

export const CUSTOMER_SORT_FIELDS = ['created', 'email', 'name'] as const;
export type CustomerSortField = (typeof CUSTOMER_SORT_FIELDS)[number];

export const customerFiltersSchema = z
  .object({
    delinquent: z.boolean().optional(),
    currency: currencySchema.optional(),
    /** Unix seconds, inclusive. */
    createdFrom: z.number().int().nonnegative().optional(),
    /** Unix seconds, exclusive. */
    createdTo: z.number().int().nonnegative().optional(),
    hasActiveSubscription: z.boolean().optional(),
    hasOpenDispute: z.boolean().optional(),
  })
  .strict();
export type CustomerFilters = z.infer<typeof customerFiltersSchema>;

export const customersCalls = {
  /**
   * Keyset-paged customers from the cache. With `query` (email prefix, name word, id, phone, card last4) the
   * order is the search index's; without it, `sort` applies.
   */
  'customers.search': call<Page<CustomerRow>>()(
    z
      .object({
        scope: scopeSchema,
        query: z.string().max(200).optional(),
        filters: customerFiltersSchema.default({}),
        sort: z
          .object({ field: z.enum(CUSTOMER_SORT_FIELDS), direction: z.enum(['asc', 'desc']) })
          .strict()
          .default({ field: 'created', direction: 'desc' }),
        cursor: cursorSchema,
        limit: pageSizeSchema,
      })
      .strict(),
  ),
  /** Every customer in the cache (not deleted): exact. Apart from the list's pages, so the first one comes sooner. */
  'customers.count': call<{ total: number }>()(z.object({ scope: scopeSchema }).strict()),
  'customers.get': call<CustomerDetail>()(z.object({ scope: scopeSchema, customerId: stripeIdSchema('cus') }).strict()),
  /** The customer's events, newest first. */
  'customers.timeline': call<Page<TimelineEntry>>()(
    z
      .object({ scope: scopeSchema, customerId: stripeIdSchema('cus'), cursor: cursorSchema, limit: pageSizeSchema })
      .strict(),
  ),
};
