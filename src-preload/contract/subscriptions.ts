import { z } from 'zod';
import { call } from './define';
import { cursorSchema, pageSizeSchema, scopeSchema, stripeIdSchema, type Page } from './common';

/** Owned by the support feature (issue 6). */

export const SUBSCRIPTION_STATUSES = [
  'active',
  'trialing',
  'past_due',
  'unpaid',
  'paused',
  'canceled',
  'incomplete',
  'incomplete_expired',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const PAUSE_BEHAVIORS = ['keep_as_draft', 'mark_uncollectible', 'void'] as const;
export type PauseBehavior = (typeof PAUSE_BEHAVIORS)[number];

export interface SubscriptionItemView {
  id: string;
  priceId: string;
  productId: string | null;
  /** From the cached product; null when the product isn't cached yet. */
  productName: string | null;
  /** Minor units of `currency`; null for tiered or metered prices. */
  unitAmount: number | null;
  currency: string;
  quantity: number;
  interval: 'day' | 'week' | 'month' | 'year' | null;
  intervalCount: number;
}

export interface NextInvoice {
  amount: number;
  currency: string;
  /** Unix seconds. */
  date: number;
  /** `draft_invoice`: the cached draft Stripe will finalize; `computed`: price × quantity at period end. */
  source: 'draft_invoice' | 'computed';
}

/** An action on a subscription and whether it is possible now (null reason = allowed). */
export const SUBSCRIPTION_ACTIONS = [
  'cancel_at_period_end',
  'undo_cancel_at_period_end',
  'cancel_now',
  'pause_collection',
  'resume_collection',
  'resume',
] as const;
export type SubscriptionActionKind = (typeof SUBSCRIPTION_ACTIONS)[number];

export interface SubscriptionRow {
  id: string;
  customerId: string | null;
  customerName: string | null;
  customerEmail: string | null;
  status: SubscriptionStatus;
  items: SubscriptionItemView[];
  currency: string;
  currentPeriodStart: number | null;
  currentPeriodEnd: number | null;
  cancelAtPeriodEnd: boolean;
  /** When a scheduled cancellation takes effect (unix seconds). */
  cancelAt: number | null;
  canceledAt: number | null;
  pause: { behavior: PauseBehavior; resumesAt: number | null } | null;
  nextInvoice: NextInvoice | null;
  /** Why there is no next invoice (canceled, ends at period end, …) when nextInvoice is null. */
  nextInvoiceNote: string | null;
  created: number;
  /** Which actions make sense for this subscription's state; a reason when not. */
  actions: Record<SubscriptionActionKind, string | null>;
}

export interface SubscriptionInvoiceSummary {
  id: string;
  number: string | null;
  status: string | null;
  amountDue: number;
  amountPaid: number;
  currency: string;
  created: number;
}

export interface SubscriptionDetail extends SubscriptionRow {
  startDate: number | null;
  trialEnd: number | null;
  endedAt: number | null;
  collectionMethod: string | null;
  cancellationComment: string | null;
  cancellationReason: string | null;
  latestInvoices: SubscriptionInvoiceSummary[];
}

const subscriptionId = stripeIdSchema('sub');
const intentIdSchema = z.string().uuid('a confirmation id (UUID)');

/** What the agent confirmed. Each maps to one idempotent Stripe request through the mutation ledger. */
export const subscriptionActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cancel_at_period_end') }).strict(),
  z.object({ kind: z.literal('undo_cancel_at_period_end') }).strict(),
  z
    .object({
      kind: z.literal('cancel_now'),
      /** Invoice now for pending usage and proration items instead of dropping them. */
      invoiceNow: z.boolean(),
      /** Credit the unused time of the current period (a proration item). */
      prorate: z.boolean(),
      comment: z.string().trim().max(500).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('pause_collection'),
      behavior: z.enum(PAUSE_BEHAVIORS),
      /** Unix seconds; collection resumes on its own then. */
      resumesAt: z.number().int().positive().nullable().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('resume_collection') }).strict(),
  z.object({ kind: z.literal('resume') }).strict(),
]);
export type SubscriptionAction = z.infer<typeof subscriptionActionSchema>;

export const subscriptionsCalls = {
  /** Newest first over the cache; `search` matches a subscription id, a customer id, or a customer's email/name prefix. */
  'subscriptions.list': call<Page<SubscriptionRow>>()(
    z
      .object({
        scope: scopeSchema,
        statuses: z.array(z.enum(SUBSCRIPTION_STATUSES)).max(SUBSCRIPTION_STATUSES.length).optional(),
        search: z.string().trim().max(200).optional(),
        customerId: stripeIdSchema('cus').optional(),
        cursor: cursorSchema,
        limit: pageSizeSchema,
      })
      .strict(),
  ),
  'subscriptions.get': call<SubscriptionDetail>()(z.object({ scope: scopeSchema, id: subscriptionId }).strict()),
  /** Confirmed actions; a resend with the same intentId replays instead of acting twice. */
  'subscriptions.act': call<SubscriptionDetail>()(
    z
      .object({ scope: scopeSchema, id: subscriptionId, intentId: intentIdSchema, action: subscriptionActionSchema })
      .strict(),
  ),
};
