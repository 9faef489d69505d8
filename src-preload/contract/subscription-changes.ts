import { z } from 'zod';
import { call } from './define';
import { scopeSchema, stripeIdSchema } from './common';
import type { SubscriptionDetail } from './subscriptions';
import type { RefundRow } from './payments';

/** Owned by the support-writes feature (issue 14): plan changes with a proration preview, trials, default card. */

/**
 * `create_prorations`: the difference for the rest of this period goes on the next invoice; `always_invoice`: it is
 * invoiced and charged now; `none`: no adjustment.
 */
export const PRORATION_CHOICES = ['create_prorations', 'always_invoice', 'none'] as const;
export type ProrationChoice = (typeof PRORATION_CHOICES)[number];

const intentIdSchema = z.string().uuid('a confirmation id (UUID)');
const subscriptionId = stripeIdSchema('sub');

export const planChangeSchema = z
  .object({
    /** The new price; omitted keeps the current one. */
    priceId: stripeIdSchema('price').optional(),
    quantity: z.number().int().min(1, 'at least 1').max(10_000, 'at most 10,000'),
    proration: z.enum(PRORATION_CHOICES),
  })
  .strict();
export type PlanChange = z.infer<typeof planChangeSchema>;

export const subscriptionChangeSchema = z.discriminatedUnion('kind', [
  /** `prorationDate` is the preview's: the same moment gives the same amounts the agent read. */
  planChangeSchema.extend({ kind: z.literal('plan'), prorationDate: z.number().int().positive() }).strict(),
  z
    .object({
      kind: z.literal('trial'),
      /** 'now' ends the trial (billing starts now); a unix time extends it to then. */
      trialEnd: z.union([z.literal('now'), z.number().int().positive()]),
    })
    .strict(),
  z.object({ kind: z.literal('default_payment_method'), paymentMethodId: stripeIdSchema('pm') }).strict(),
]);
export type SubscriptionChange = z.infer<typeof subscriptionChangeSchema>;

export interface PriceOption {
  id: string;
  label: string;
  unitAmount: number | null;
  currency: string;
  interval: string | null;
}

export interface ChangePreviewLine {
  description: string | null;
  amount: number;
  proration: boolean;
}

export interface ChangePreview {
  /** Pass back with the change: Stripe computes the same amounts for the same moment. */
  prorationDate: number;
  currency: string;
  lines: ChangePreviewLine[];
  /** Sum of the proration lines: positive is charged, negative credited, on the next invoice. */
  prorationTotal: number;
  /** The next invoice's total with the change. */
  nextInvoiceTotal: number;
  /** When the next invoice is made (unix seconds). */
  nextInvoiceDate: number | null;
}

export interface ChangeOptions {
  prices: PriceOption[];
  /** The customer's saved cards, for the default payment method. */
  cards: { id: string; label: string; isDefault: boolean }[];
  /** The payment that "cancel and refund" would refund: the customer's latest refundable one. */
  lastPayment: { chargeId: string; amount: number; refundable: number; currency: string; created: number } | null;
}

export interface CancelAndRefundResult {
  subscription: SubscriptionDetail;
  refund: RefundRow | null;
}

export const subscriptionChangesCalls = {
  /** Prices the subscription can move to (same currency, recurring), its customer's cards and last payment. */
  'subscriptions.changeOptions': call<ChangeOptions>()(z.object({ scope: scopeSchema, id: subscriptionId }).strict()),
  /** Stripe's preview of the next invoice after a price/quantity change (nothing changes). */
  'subscriptions.previewChange': call<ChangePreview>()(
    z.object({ scope: scopeSchema, id: subscriptionId, change: planChangeSchema }).strict(),
  ),
  'subscriptions.change': call<SubscriptionDetail>()(
    z
      .object({ scope: scopeSchema, id: subscriptionId, intentId: intentIdSchema, change: subscriptionChangeSchema })
      .strict(),
  ),
  /**
   * Cancels now, then refunds the customer's last payment: two intents, each exactly once. A resend with the same ids
   * finishes what is left (e.g. the refund after the cancellation went through).
   */
  'subscriptions.cancelAndRefund': call<CancelAndRefundResult>()(
    z
      .object({
        scope: scopeSchema,
        id: subscriptionId,
        cancelIntentId: intentIdSchema,
        refundIntentId: intentIdSchema,
        chargeId: stripeIdSchema('ch'),
        /** Minor units; at most what is refundable. */
        amount: z.number().int().positive(),
      })
      .strict()
      .refine((v) => v.cancelIntentId !== v.refundIntentId, {
        message: 'two different confirmation ids',
        path: ['refundIntentId'],
      }),
  ),
};
