import { z } from 'zod';
import { call } from './define';
import { cursorSchema, pageSizeSchema, scopeSchema, stripeIdSchema, type Page } from './common';

/** Owned by the support-writes feature (issue 14): invoices, their actions and credit notes. */

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const INVOICE_ACTIONS = ['pay', 'send', 'finalize', 'void', 'mark_uncollectible', 'credit_note'] as const;
export type InvoiceActionKind = (typeof INVOICE_ACTIONS)[number];

export interface InvoiceRow {
  id: string;
  number: string | null;
  status: InvoiceStatus;
  customerId: string | null;
  customerName: string | null;
  customerEmail: string | null;
  subscriptionId: string | null;
  /** Minor units of `currency`. */
  total: number;
  amountDue: number;
  amountPaid: number;
  amountRemaining: number;
  currency: string;
  created: number;
  dueDate: number | null;
  attemptCount: number;
  nextPaymentAttempt: number | null;
}

export interface InvoiceLine {
  id: string;
  description: string | null;
  amount: number;
  quantity: number | null;
  periodStart: number | null;
  periodEnd: number | null;
  proration: boolean;
}

export interface CreditNoteRow {
  id: string;
  number: string;
  amount: number;
  currency: string;
  type: string;
  reason: string | null;
  refunded: number;
  credited: number;
  created: number;
}

export interface InvoiceDetail extends InvoiceRow {
  lines: InvoiceLine[];
  subtotal: number;
  /** Credited so far: before payment (lowered what is due) and after (refunds, balance credit). */
  prePaymentCredit: number;
  postPaymentCredit: number;
  hostedUrl: string | null;
  pdfUrl: string | null;
  dashboardUrl: string;
  creditNotes: CreditNoteRow[];
  /** Each action and why it isn't possible now (null = allowed). */
  actions: Record<InvoiceActionKind, string | null>;
}

const invoiceId = stripeIdSchema('in');
const intentIdSchema = z.string().uuid('a confirmation id (UUID)');

export const invoiceActionSchema = z.discriminatedUnion('kind', [
  /** Pays what remains now, with the given saved card or else the customer's default. */
  z.object({ kind: z.literal('pay'), paymentMethodId: stripeIdSchema('pm').optional() }).strict(),
  z.object({ kind: z.literal('send') }).strict(),
  z.object({ kind: z.literal('finalize') }).strict(),
  z.object({ kind: z.literal('void') }).strict(),
  z.object({ kind: z.literal('mark_uncollectible') }).strict(),
]);
export type InvoiceAction = z.infer<typeof invoiceActionSchema>;

export const CREDIT_NOTE_REASONS = ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory'] as const;

/**
 * A credit note as the agent describes it. `reduce_due` lowers what an open invoice still asks for; on a paid
 * invoice `refund` returns money to the card and `balance` credits the customer's balance for later invoices.
 */
export const creditNoteSchema = z
  .object({
    amount: z.number().int().positive('an amount above zero'),
    method: z.enum(['reduce_due', 'refund', 'balance']),
    reason: z.enum(CREDIT_NOTE_REASONS).optional(),
    memo: z.string().trim().max(500).optional(),
  })
  .strict();
export type CreditNoteInput = z.infer<typeof creditNoteSchema>;

export interface CreditNotePreview {
  amount: number;
  currency: string;
  method: CreditNoteInput['method'];
  /** What the invoice still asks for after it (open invoices). */
  remainingAfter: number;
  /** Money back to the card, and credit to the customer's balance. */
  refund: number;
  balanceCredit: number;
}

export const invoicesCalls = {
  /** Newest first over the cache; one customer's when `customerId` is given. */
  'invoices.list': call<Page<InvoiceRow>>()(
    z
      .object({
        scope: scopeSchema,
        customerId: stripeIdSchema('cus').optional(),
        statuses: z.array(z.enum(INVOICE_STATUSES)).max(INVOICE_STATUSES.length).optional(),
        cursor: cursorSchema,
        limit: pageSizeSchema,
      })
      .strict(),
  ),
  'invoices.get': call<InvoiceDetail>()(z.object({ scope: scopeSchema, id: invoiceId }).strict()),
  /** Confirmed actions; a resend with the same intentId replays instead of acting twice. */
  'invoices.act': call<InvoiceDetail>()(
    z.object({ scope: scopeSchema, id: invoiceId, intentId: intentIdSchema, action: invoiceActionSchema }).strict(),
  ),
  /** Stripe's own preview of the credit note (nothing is created). */
  'invoices.previewCreditNote': call<CreditNotePreview>()(
    z.object({ scope: scopeSchema, id: invoiceId, creditNote: creditNoteSchema }).strict(),
  ),
  'invoices.createCreditNote': call<InvoiceDetail>()(
    z.object({ scope: scopeSchema, id: invoiceId, intentId: intentIdSchema, creditNote: creditNoteSchema }).strict(),
  ),
};
