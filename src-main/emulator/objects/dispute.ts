import type Stripe from 'stripe';
import { FILE_EVIDENCE_FIELDS, TEXT_EVIDENCE_FIELDS } from '../../../src-preload/contract/disputes';

// Stripe's evidence fields: one list, shared with the console's evidence editor.
export { FILE_EVIDENCE_FIELDS, TEXT_EVIDENCE_FIELDS };

export const DISPUTE_STATUSES = [
  'warning_needs_response',
  'warning_under_review',
  'warning_closed',
  'needs_response',
  'under_review',
  'won',
  'lost',
] as const satisfies readonly Stripe.Dispute.Status[];

export const DISPUTE_REASONS = [
  'fraudulent',
  'product_not_received',
  'subscription_canceled',
  'duplicate',
  'credit_not_processed',
  'product_unacceptable',
  'unrecognized',
  'general',
] as const;

const NETWORK_REASON_CODES: Record<string, string> = {
  fraudulent: '10.4',
  product_not_received: '13.1',
  subscription_canceled: '13.2',
  duplicate: '12.6.1',
  credit_not_processed: '13.6',
  product_unacceptable: '13.3',
  unrecognized: '10.4',
  general: '13.7',
};

export function emptyEvidence(): Stripe.Dispute.Evidence {
  const evidence: Record<string, null> = {};
  for (const field of [...FILE_EVIDENCE_FIELDS, ...TEXT_EVIDENCE_FIELDS]) evidence[field] = null;
  // eslint-disable-next-line no-restricted-syntax -- every evidence field, built by name from the field lists, starts null
  return { ...(evidence as unknown as Stripe.Dispute.Evidence), enhanced_evidence: {} };
}

export interface DisputeInput {
  id: string;
  created: number;
  livemode: boolean;
  amount: number;
  currency: string;
  charge: string;
  paymentIntent: string | null;
  cardBrand: string;
  reason: (typeof DISPUTE_REASONS)[number];
  status: Stripe.Dispute.Status;
  dueBy: number | null;
  pastDue: boolean;
  hasEvidence: boolean;
  submissionCount: number;
  balanceTransactions: Stripe.BalanceTransaction[];
  chargeRefundable: boolean;
  metadata: Record<string, string>;
}

export function buildDispute(d: DisputeInput): Stripe.Dispute {
  const inquiry = d.status.startsWith('warning_');
  return {
    id: d.id,
    object: 'dispute',
    amount: d.amount,
    balance_transactions: d.balanceTransactions,
    charge: d.charge,
    created: d.created,
    currency: d.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: d.dueBy,
      enhanced_eligibility: {},
      has_evidence: d.hasEvidence,
      past_due: d.pastDue,
      submission_count: d.submissionCount,
      submission_method: d.submissionCount > 0 ? 'manual' : 'not_submitted',
    },
    intended_submission_method: null,
    is_charge_refundable: d.chargeRefundable,
    livemode: d.livemode,
    metadata: d.metadata,
    network_reason_code: NETWORK_REASON_CODES[d.reason] ?? null,
    payment_intent: d.paymentIntent,
    payment_method_details: {
      card: {
        brand: d.cardBrand,
        case_type: inquiry ? 'inquiry' : 'chargeback',
        network: d.cardBrand,
        network_reason_code: NETWORK_REASON_CODES[d.reason] ?? null,
      },
      type: 'card',
    },
    reason: d.reason,
    status: d.status,
  } satisfies Stripe.Dispute;
}
