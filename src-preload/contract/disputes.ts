import { z } from 'zod';
import { call, event } from './define';
import { currencySchema, cursorSchema, moneyAmountSchema, pageSizeSchema, scopeSchema, type Page } from './common';

/** Owned by the finance feature (issue 7). */

export const DISPUTE_STATUSES = [
  'warning_needs_response',
  'needs_response',
  'under_review',
  'warning_under_review',
  'won',
  'lost',
  'warning_closed',
  'prevented',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** Statuses in which Stripe still takes evidence (and the dispute can be accepted). */
export const RESPONDABLE_STATUSES: readonly DisputeStatus[] = ['needs_response', 'warning_needs_response'];

export const DISPUTE_REASONS = [
  'fraudulent',
  'product_not_received',
  'subscription_canceled',
  'duplicate',
  'credit_not_processed',
  'product_unacceptable',
  'unrecognized',
  'general',
  'bank_cannot_process',
  'check_returned',
  'customer_initiated',
  'debit_not_authorized',
  'incorrect_account_details',
  'insufficient_funds',
  'noncompliant',
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** The finance team's own review state, kept locally (never sent to Stripe). */
export const REVIEW_STATES = ['unreviewed', 'reviewed', 'flagged', 'needs_info'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** Text evidence fields Stripe accepts (Stripe.DisputeUpdateParams.Evidence). */
export const TEXT_EVIDENCE_FIELDS = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'duplicate_charge_explanation',
  'duplicate_charge_id',
  'product_description',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_tracking_number',
  'uncategorized_text',
] as const;
export type TextEvidenceField = (typeof TEXT_EVIDENCE_FIELDS)[number];

/** Evidence fields that take the id of a file uploaded with purpose `dispute_evidence`. */
export const FILE_EVIDENCE_FIELDS = [
  'cancellation_policy',
  'customer_communication',
  'customer_signature',
  'duplicate_charge_documentation',
  'receipt',
  'refund_policy',
  'service_documentation',
  'shipping_documentation',
  'uncategorized_file',
] as const;
export type FileEvidenceField = (typeof FILE_EVIDENCE_FIELDS)[number];
export type EvidenceField = TextEvidenceField | FileEvidenceField;

/** Stripe's cap on all text evidence of one dispute together. */
export const EVIDENCE_TEXT_LIMIT = 150_000;
/** Stripe's cap per evidence file. */
export const EVIDENCE_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type EvidenceFileType = (typeof EVIDENCE_FILE_TYPES)[number];

export type TextEvidence = Partial<Record<TextEvidenceField, string>>;

/** Characters counted against EVIDENCE_TEXT_LIMIT — the same count in the editor and in main. */
export function evidenceTextLength(evidence: TextEvidence): number {
  let total = 0;
  for (const field of TEXT_EVIDENCE_FIELDS) total += evidence[field]?.length ?? 0;
  return total;
}

/** The truthful state of one evidence file: what the user chose and how far its upload got. */
export type EvidenceFileRef = {
  name: string;
  size: number;
  type: EvidenceFileType;
  /** The upload's confirmation id: a retry reuses it, so Stripe never stores the file twice. */
  intentId: string;
  updatedAt: number;
} & ({ state: 'uploading' } | { state: 'uploaded'; fileId: string } | { state: 'failed'; error: string });

export interface EvidenceDraft {
  evidence: TextEvidence;
  files: Partial<Record<FileEvidenceField, EvidenceFileRef>>;
  /** Unix ms of the last local save; null = nothing saved locally yet (seeded from Stripe's evidence). */
  updatedAt: number | null;
  textLength: number;
}

export type Urgency = 'overdue' | 'within_48h' | 'within_7d' | 'later' | 'none';

/** One row of the dispute queue. */
export interface DisputeRow {
  id: string;
  status: DisputeStatus;
  reason: string;
  amount: number;
  currency: string;
  /** Unix seconds; null when the bank allows no response. */
  dueBy: number | null;
  created: number;
  charge: string | null;
  customer: { id: string; name: string | null; email: string | null } | null;
  hasEvidence: boolean;
  submissionCount: number;
  review: ReviewState;
  /** A local draft exists. */
  drafted: boolean;
}

export const disputeFilterSchema = z
  .object({
    statuses: z.array(z.enum(DISPUTE_STATUSES)).max(DISPUTE_STATUSES.length).optional(),
    reasons: z
      .array(z.string().regex(/^[a-z_]{1,64}$/))
      .max(32)
      .optional(),
    currency: currencySchema.optional(),
    /** Minor units of `currency` (or of each dispute's own currency when none is chosen). */
    amountMin: moneyAmountSchema.nonnegative().optional(),
    amountMax: moneyAmountSchema.nonnegative().optional(),
    reviews: z.array(z.enum(REVIEW_STATES)).max(REVIEW_STATES.length).optional(),
  })
  .strict();
export type DisputeFilter = z.infer<typeof disputeFilterSchema>;

/** Amount at stake per status, per currency: different currencies are never added together. */
export interface DisputeTotal {
  status: DisputeStatus;
  currency: string;
  count: number;
  amount: number;
}

export interface DisputeCharts {
  /** Disputes opened per month (YYYY-MM), per currency. */
  overTime: { month: string; currency: string; count: number; amount: number }[];
  /** Per reason and current status (the outcome so far), per currency. */
  byReason: { reason: string; status: DisputeStatus; currency: string; count: number; amount: number }[];
}

export interface ReasonGuidance {
  reason: string;
  summary: string;
  /** The evidence that matters most for this reason, most important first. */
  fields: { field: EvidenceField; why: string }[];
}

export interface PaymentLine {
  id: string;
  amount: number;
  amountRefunded: number;
  currency: string;
  status: string;
  created: number;
  disputed: boolean;
}

export interface DisputeDetail {
  row: DisputeRow;
  evidenceDetails: { dueBy: number | null; hasEvidence: boolean; pastDue: boolean; submissionCount: number };
  /** Why evidence can't be changed any more (closed, submitted, past due); null = editable. */
  lockedReason: string | null;
  /** Why the dispute can't be accepted; null = it can. */
  acceptBlockedReason: string | null;
  /** Stripe's dispute fee on this dispute, when its balance transactions say so. */
  fee: { amount: number; currency: string } | null;
  /** What the dispute took from and gave back to the balance (debit with fee, reversal if won). */
  moneyMovements: DisputeMoneyMovement[];
  payment: {
    id: string;
    amount: number;
    amountRefunded: number;
    currency: string;
    created: number;
    description: string | null;
    receiptEmail: string | null;
    card: {
      brand: string | null;
      last4: string | null;
      country: string | null;
      funding: string | null;
      checks: { cvc: string | null; addressLine1: string | null; postalCode: string | null };
      threeDSecure: string | null;
    } | null;
  } | null;
  customer: { id: string; name: string | null; email: string | null; created: number | null } | null;
  otherPayments: PaymentLine[];
  refunds: {
    id: string;
    charge: string | null;
    amount: number;
    currency: string;
    status: string;
    reason: string | null;
    created: number;
  }[];
  otherDisputes: DisputeRow[];
  guidance: ReasonGuidance;
  draft: EvidenceDraft;
  /** Evidence known from the cache (customer, billing, dates, shipping): a new draft starts with it; marked in the editor. */
  prefill: TextEvidence;
  /** What Stripe holds now (staged or submitted). */
  stripeEvidence: { text: TextEvidence; files: Partial<Record<FileEvidenceField, string>> };
  review: { state: ReviewState; note: string; updatedAt: number | null };
  dashboardUrl: string;
}

/** One balance transaction of a dispute: minor units, `net` = amount − fee. */
export interface DisputeMoneyMovement {
  id: string;
  kind: 'debit' | 'reversal';
  amount: number;
  fee: number;
  net: number;
  currency: string;
  created: number;
}

export interface UrgentDisputes {
  /** Disputes needing a response due within 48 hours (not yet overdue). */
  count: number;
  /** Disputes still needing a response whose deadline has passed. */
  overdue: number;
  mostUrgent: { id: string; dueBy: number; amount: number; currency: string } | null;
}

/** Stripe dispute ids: `dp_` (and `du_` for some test-mode disputes). */
const disputeIdSchema = z.string().regex(/^(dp|du)_[A-Za-z0-9_]{1,255}$/, 'not a dispute id');
const intentIdSchema = z.string().uuid();
/** 5 MB of bytes is 6,990,508 base64 characters; a little more is let through so main can say "too large" itself. */
const MAX_BASE64 = 8_000_000;
const textEvidenceSchema = z
  .object(
    Object.fromEntries(TEXT_EVIDENCE_FIELDS.map((f) => [f, z.string().max(EVIDENCE_TEXT_LIMIT * 2)])) as Record<
      TextEvidenceField,
      z.ZodString
    >,
  )
  .partial()
  .strict();
const target = { scope: scopeSchema, disputeId: disputeIdSchema };

export const disputesCalls = {
  /** The queue, ordered by response deadline (soonest first, no deadline last), keyset-paginated. */
  'disputes.list': call<Page<DisputeRow>>()(
    z
      .object({
        scope: scopeSchema,
        filter: disputeFilterSchema.default({}),
        cursor: cursorSchema,
        limit: pageSizeSchema,
      })
      .strict(),
  ),
  'disputes.totals': call<DisputeTotal[]>()(
    z.object({ scope: scopeSchema, filter: disputeFilterSchema.default({}) }).strict(),
  ),
  'disputes.charts': call<DisputeCharts>()(
    z.object({ scope: scopeSchema, filter: disputeFilterSchema.default({}) }).strict(),
  ),
  /** The current view as CSV text (the renderer saves it). */
  'disputes.exportCsv': call<{ filename: string; csv: string; rows: number }>()(
    z.object({ scope: scopeSchema, filter: disputeFilterSchema.default({}) }).strict(),
  ),
  'disputes.urgent': call<UrgentDisputes>()(z.object({ scope: scopeSchema }).strict()),
  'disputes.get': call<DisputeDetail>()(z.object(target).strict()),
  /** Saves the text evidence locally (works offline). Over-limit text is kept; it is refused only when sent. */
  'disputes.draft.save': call<EvidenceDraft>()(z.object({ ...target, evidence: textEvidenceSchema }).strict()),
  /** Checks a chosen file (type by content, size) and uploads it to Stripe's Files API. */
  'disputes.file.upload': call<EvidenceDraft>()(
    z
      .object({
        ...target,
        field: z.enum(FILE_EVIDENCE_FIELDS),
        name: z.string().trim().min(1).max(255),
        dataBase64: z.string().max(MAX_BASE64),
        intentId: intentIdSchema,
      })
      .strict(),
  ),
  /** Several documents for one field, combined into one PDF in main (Stripe takes one file per field), then uploaded. */
  'disputes.file.uploadCombined': call<EvidenceDraft>()(
    z
      .object({
        ...target,
        field: z.enum(FILE_EVIDENCE_FIELDS),
        parts: z
          .array(z.object({ name: z.string().trim().min(1).max(255), dataBase64: z.string().max(MAX_BASE64) }).strict())
          .min(2)
          .max(10)
          .refine((parts) => parts.reduce((sum, p) => sum + p.dataBase64.length, 0) <= MAX_BASE64 * 2, {
            message: 'the documents together are too large to combine (Stripe takes 5 MB per field)',
          }),
        intentId: intentIdSchema,
      })
      .strict(),
  ),
  /** Retries a failed upload from the locally kept copy, with the same idempotency key. */
  'disputes.file.retry': call<EvidenceDraft>()(z.object({ ...target, field: z.enum(FILE_EVIDENCE_FIELDS) }).strict()),
  'disputes.file.remove': call<EvidenceDraft>()(z.object({ ...target, field: z.enum(FILE_EVIDENCE_FIELDS) }).strict()),
  /** The locally kept copy of a chosen file, for preview. */
  'disputes.file.content': call<{ type: EvidenceFileType; name: string; dataBase64: string }>()(
    z.object({ ...target, field: z.enum(FILE_EVIDENCE_FIELDS) }).strict(),
  ),
  /** Sends the draft: `submit=false` stages it on Stripe, `submit=true` submits it (usually final). */
  'disputes.evidence.send': call<DisputeDetail>()(
    z.object({ ...target, submit: z.boolean(), intentId: intentIdSchema }).strict(),
  ),
  /** Accepts the dispute (Stripe `close`): irreversible, the disputed amount is lost. */
  'disputes.accept': call<DisputeDetail>()(z.object({ ...target, intentId: intentIdSchema }).strict()),
  'disputes.review.set': call<DisputeDetail['review']>()(
    z.object({ ...target, state: z.enum(REVIEW_STATES), note: z.string().max(4000) }).strict(),
  ),
};

export const disputesEvents = {
  /** A dispute changed through this app (evidence sent, accepted, reviewed): queues refresh. */
  'disputes.changed': event<{ accountId: string; mode: 'test' | 'live'; disputeId: string }>(),
};
