import type Stripe from 'stripe';
import { ConsoleError, type Scope } from '../../src-preload/contract';
import {
  FILE_EVIDENCE_FIELDS,
  TEXT_EVIDENCE_FIELDS,
  evidenceTextLength,
  type DisputeDetail,
  type EvidenceDraft,
  type PaymentLine,
  type TextEvidence,
} from '../../src-preload/contract/disputes';
import type { CacheStore } from '../cache/cache-store';
import { acceptBlockedReason, evidenceLockedReason } from './dispute-rules';
import { disputeGuidance } from './dispute-guidance';
import type { DisputeQueue } from './dispute-queue';
import { disputeMoneyMovements } from './dispute-money';
import { evidencePrefill, withPrefill } from './evidence-prefill';
import type { Review } from './dispute-reviews';

const RELATED_LIMIT = 25;

export interface DetailSources {
  scope: Scope;
  cache: CacheStore;
  queue: DisputeQueue;
  draft: EvidenceDraft | null;
  review: Review;
  nowSeconds: number;
}

/** A dispute from the cache, or a clear error when sync has not brought it in yet. */
export function cachedDispute(cache: CacheStore, disputeId: string): Stripe.Dispute {
  const dispute = cache.get<Stripe.Dispute>('disputes', disputeId);
  if (!dispute || (dispute as { deleted?: boolean }).deleted) {
    throw new ConsoleError(
      'not_found',
      `Dispute ${disputeId} is not in this computer’s copy of the account yet. Let sync finish, then open it again.`,
    );
  }
  return dispute;
}

/** Everything finance needs to work one dispute, read from the cache and the local draft and review. */
export function disputeDetail(sources: DetailSources, disputeId: string): DisputeDetail {
  const { cache, queue, scope } = sources;
  const dispute = cachedDispute(cache, disputeId);
  const row = queue.byIds([disputeId])[0]!;
  const charge = row.charge ? cache.get<Stripe.Charge>('charges', row.charge) : null;
  const customerId = row.customer?.id ?? null;
  const customer = customerId ? cache.get<Stripe.Customer>('customers', customerId) : null;
  const customerCharges = customerId ? cache.disputes.customerCharges(customerId, RELATED_LIMIT) : [];
  const details = dispute.evidence_details;
  const prefill = evidencePrefill(charge ?? null, customer ?? null);
  return {
    row,
    evidenceDetails: {
      dueBy: details?.due_by || null,
      hasEvidence: details?.has_evidence ?? false,
      pastDue: details?.past_due ?? false,
      submissionCount: details?.submission_count ?? 0,
    },
    lockedReason: evidenceLockedReason(dispute, sources.nowSeconds),
    acceptBlockedReason: acceptBlockedReason(dispute),
    fee: disputeFee(dispute),
    moneyMovements: disputeMoneyMovements(dispute),
    payment: charge ? paymentOf(charge) : null,
    customer: customer
      ? {
          id: customer.id,
          name: customer.name ?? null,
          email: customer.email ?? null,
          created: customer.created ?? null,
        }
      : null,
    otherPayments: customerCharges.filter((c) => c.id !== row.charge).map(paymentLine),
    refunds: cache.disputes
      .refundsOf(
        [...new Set([...customerCharges.map((c) => c.id), ...(row.charge ? [row.charge] : [])])],
        RELATED_LIMIT,
      )
      .map(refundLine),
    otherDisputes: customerId
      ? queue.byIds(cache.disputes.otherDisputeIdsOf(customerId, disputeId, RELATED_LIMIT))
      : [],
    guidance: disputeGuidance(row.reason),
    draft: sources.draft ?? prefilledDraft(seededDraft(dispute.evidence), prefill),
    prefill,
    stripeEvidence: stripeEvidence(dispute.evidence),
    review: sources.review,
    dashboardUrl: `https://dashboard.stripe.com/${scope.mode === 'test' ? 'test/' : ''}disputes/${disputeId}`,
  };
}

function refundLine(r: Stripe.Refund): DisputeDetail['refunds'][number] {
  return {
    id: r.id,
    charge: typeof r.charge === 'string' ? r.charge : (r.charge?.id ?? null),
    amount: r.amount,
    currency: r.currency,
    status: r.status ?? 'unknown',
    reason: r.reason ?? null,
    created: r.created,
  };
}

function paymentLine(c: Stripe.Charge): PaymentLine {
  return {
    id: c.id,
    amount: c.amount,
    amountRefunded: c.amount_refunded,
    currency: c.currency,
    status: c.status,
    created: c.created,
    disputed: c.disputed,
  };
}

function paymentOf(c: Stripe.Charge): NonNullable<DisputeDetail['payment']> {
  const card = c.payment_method_details?.card;
  return {
    id: c.id,
    amount: c.amount,
    amountRefunded: c.amount_refunded,
    currency: c.currency,
    created: c.created,
    description: c.description ?? null,
    receiptEmail: c.receipt_email ?? c.billing_details?.email ?? null,
    card: card
      ? {
          brand: card.brand ?? null,
          last4: card.last4 ?? null,
          country: card.country ?? null,
          funding: card.funding ?? null,
          checks: {
            cvc: card.checks?.cvc_check ?? null,
            addressLine1: card.checks?.address_line1_check ?? null,
            postalCode: card.checks?.address_postal_code_check ?? null,
          },
          threeDSecure: card.three_d_secure?.result ?? null,
        }
      : null,
  };
}

/** Stripe's dispute fee, from the dispute's balance transactions (the first currency they are in). */
function disputeFee(dispute: Stripe.Dispute): DisputeDetail['fee'] {
  const transactions = (dispute.balance_transactions ?? []).filter((t) => typeof t === 'object' && t.fee > 0);
  const currency = transactions[0]?.currency;
  if (!currency) return null;
  const amount = transactions.filter((t) => t.currency === currency).reduce((sum, t) => sum + t.fee, 0);
  return { amount, currency };
}

function stripeEvidence(evidence: Stripe.Dispute.Evidence | null | undefined): DisputeDetail['stripeEvidence'] {
  const held: Record<string, unknown> = { ...evidence };
  const text: TextEvidence = {};
  for (const field of TEXT_EVIDENCE_FIELDS)
    if (typeof held[field] === 'string' && held[field]) text[field] = held[field];
  const files: DisputeDetail['stripeEvidence']['files'] = {};
  for (const field of FILE_EVIDENCE_FIELDS) {
    const value = held[field];
    const id = typeof value === 'string' ? value : (value as { id?: string } | null)?.id;
    if (id) files[field] = id;
  }
  return { text, files };
}

/** With no local draft yet, the editor starts from what Stripe already holds (staged earlier, elsewhere). */
export function seededDraft(evidence: Stripe.Dispute.Evidence | null | undefined): EvidenceDraft {
  const { text } = stripeEvidence(evidence);
  return { evidence: text, files: {}, updatedAt: null, textLength: evidenceTextLength(text) };
}

function prefilledDraft(draft: EvidenceDraft, prefill: TextEvidence): EvidenceDraft {
  const evidence = withPrefill(draft.evidence, prefill);
  return { ...draft, evidence, textLength: evidenceTextLength(evidence) };
}
