import { z } from 'zod';
import { call } from './define';
import {
  currencySchema,
  cursorSchema,
  moneyAmountSchema,
  pageSizeSchema,
  scopeSchema,
  stripeIdSchema,
  type Page,
} from './common';
import type { ListCsvExport } from './exports';
import type { InvoiceDetail } from './invoices';
import type { PaymentRow, RefundRow } from './payments';
import type { SubscriptionDetail } from './subscriptions';

/**
 * Owned by the support-writes feature (issue 14): a failed payment retried with another saved card, receipts
 * resent, the Refunds list, an invoice sent when a card can't be charged, and discounts on subscriptions.
 */

const intentIdSchema = z.string().uuid('a confirmation id (UUID)');
/** Stripe's `email_invalid` rule, loosely: something@something.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const emailSchema = z
  .string()
  .trim()
  .max(512, 'at most 512 characters')
  .refine((v) => EMAIL.test(v), 'not an email address, e.g. name@example.com');

export const REFUND_STATUSES = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** A refund in the Refunds list: the refund and whose payment it gave money back on. */
export interface RefundListRow extends RefundRow {
  customerId: string | null;
  email: string | null;
}

const refundListFilters = {
  scope: scopeSchema,
  statuses: z.array(z.enum(REFUND_STATUSES)).max(REFUND_STATUSES.length).optional(),
  /** A refund, payment or charge id, or the customer's email, as typed (prefix). */
  query: z.string().trim().max(200).optional(),
  /** Unix seconds, inclusive. */
  createdFrom: z.number().int().nonnegative().optional(),
  /** Unix seconds, exclusive. */
  createdTo: z.number().int().nonnegative().optional(),
};
export const refundListSchema = z
  .object({ ...refundListFilters, cursor: cursorSchema, limit: pageSizeSchema })
  .strict();
export type RefundListQuery = z.output<typeof refundListSchema>;

/** Days the customer has to pay an invoice sent instead of a charge. */
export const INVOICE_DUE_DAYS = { min: 1, max: 90, default: 7 } as const;

export const sendInvoiceSchema = z
  .object({
    scope: scopeSchema,
    customerId: stripeIdSchema('cus'),
    /** Three steps, each exactly once: create the invoice (with its one line), finalize it, email it. */
    intentIds: z.object({ create: intentIdSchema, finalize: intentIdSchema, send: intentIdSchema }).strict(),
    amount: moneyAmountSchema.positive('an amount above zero'),
    currency: currencySchema,
    description: z.string().trim().min(1, 'say what the invoice is for').max(500, 'at most 500 characters'),
    daysUntilDue: z.number().int().min(INVOICE_DUE_DAYS.min).max(INVOICE_DUE_DAYS.max),
  })
  .strict();
export type SendInvoiceRequest = z.output<typeof sendInvoiceSchema>;

/** A coupon id or a promotion code as the customer would type it. */
export const discountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coupon'), coupon: z.string().trim().min(1).max(200) }).strict(),
  z
    .object({
      kind: z.literal('promotion_code'),
      code: z
        .string()
        .trim()
        .min(1, 'type the code')
        .max(200)
        .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
    })
    .strict(),
]);
export type DiscountInput = z.output<typeof discountSchema>;

/** A coupon as the agent reads it: what it takes off, for how long. */
export interface DiscountSummary {
  /** `di_…` on the subscription, when applied. */
  id: string | null;
  couponId: string;
  name: string | null;
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  /** Stripe's `forever`, `once` or `repeating` (words in the view). */
  duration: string;
  durationInMonths: number | null;
  promotionCode: string | null;
  /** Unix seconds when it stops applying (repeating coupons), or null. */
  end: number | null;
}

export interface SubscriptionDiscounts {
  subscription: SubscriptionDetail;
  discounts: DiscountSummary[];
}

export const supportWritesCalls = {
  /** Confirms a failed payment again, off-session, with another of the customer's saved cards. */
  'payments.retryWithCard': call<PaymentRow>()(
    z
      .object({
        scope: scopeSchema,
        paymentIntentId: stripeIdSchema('pi'),
        paymentMethodId: stripeIdSchema('pm'),
        intentId: intentIdSchema,
      })
      .strict(),
  ),
  /** Emails the payment's receipt again, to the customer's address or another one. */
  'payments.resendReceipt': call<{ chargeId: string; email: string; receiptNumber: string | null }>()(
    z
      .object({ scope: scopeSchema, chargeId: stripeIdSchema('ch'), email: emailSchema, intentId: intentIdSchema })
      .strict(),
  ),
  /** Every refund, newest first: pending and failed ones included, filtered and keyset-paged. */
  'refunds.list': call<Page<RefundListRow>>()(refundListSchema),
  /** The Refunds list as filtered, as CSV. */
  'refunds.exportCsv': call<ListCsvExport>()(z.object(refundListFilters).strict()),
  /** An invoice for an amount, finalized and emailed to the customer to pay themselves (when a card can't be charged). */
  'invoices.sendForAmount': call<InvoiceDetail>()(sendInvoiceSchema),
  /** The discounts on a subscription, read from Stripe (coupons aren't cached). */
  'subscriptions.discounts': call<SubscriptionDiscounts>()(
    z.object({ scope: scopeSchema, id: stripeIdSchema('sub') }).strict(),
  ),
  /** Applies a coupon or a promotion code to a subscription (replacing its discount). */
  'subscriptions.applyDiscount': call<SubscriptionDiscounts>()(
    z
      .object({ scope: scopeSchema, id: stripeIdSchema('sub'), intentId: intentIdSchema, discount: discountSchema })
      .strict(),
  ),
  /** Removes every discount from a subscription. */
  'subscriptions.removeDiscount': call<SubscriptionDiscounts>()(
    z.object({ scope: scopeSchema, id: stripeIdSchema('sub'), intentId: intentIdSchema }).strict(),
  ),
};
