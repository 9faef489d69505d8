import type Stripe from 'stripe';
import type { LookupContext, MutationOutcome } from '../mutations/mutation-ledger';
import { eventFor, outcomeOfEvent } from '../mutations/event-lookup';

/** The evidence request the ledger persisted. */
export interface EvidenceWrite {
  disputeId: string;
  evidence: Stripe.DisputeUpdateParams.Evidence;
  submit: boolean;
}

/** Statuses a dispute leaves `needs_response` for once evidence is submitted (or the dispute is decided). */
const PAST_RESPONSE: readonly Stripe.Dispute.Status[] = [
  'under_review',
  'warning_under_review',
  'won',
  'lost',
  'warning_closed',
];

/**
 * Whether an earlier attempt to stage or submit this evidence took effect, decided at Stripe before any resend:
 * the dispute holds exactly this evidence (and, for a submission, has left `needs_response`), or Stripe recorded
 * a dispute event caused by the request with this intent's idempotency key.
 */
export async function findEvidenceWrite(
  stripe: Stripe,
  write: EvidenceWrite,
  context: LookupContext,
): Promise<MutationOutcome<Stripe.Dispute> | null> {
  const dispute = await stripe.disputes.retrieve(write.disputeId);
  if (evidenceShows(dispute, write))
    return { id: dispute.id, status: dispute.status, requestId: null, object: dispute };
  const event = await eventFor(stripe, 'charge.dispute.*', context);
  return event ? outcomeOfEvent<Stripe.Dispute>(event) : null;
}

export function evidenceShows(dispute: Stripe.Dispute, write: EvidenceWrite): boolean {
  if (write.submit && !PAST_RESPONSE.includes(dispute.status)) return false;
  const held: Record<string, unknown> = { ...dispute.evidence };
  return Object.entries(write.evidence).every(([field, value]) => sameEvidence(held[field], value));
}

/** A text field or a file id; '' (cleared) is what Stripe shows as null. */
function sameEvidence(held: unknown, sent: unknown): boolean {
  const id = typeof held === 'object' && held !== null ? (held as { id: string }).id : held;
  return (id ?? '') === sent;
}

/**
 * Whether an earlier attempt of an evidence file upload took effect: files take no metadata, so the request's
 * own trace at Stripe decides — the `file.created` event caused by the request with this intent's key.
 */
export async function findUpload(stripe: Stripe, context: LookupContext): Promise<MutationOutcome<Stripe.File> | null> {
  const event = await eventFor(stripe, 'file.created', context);
  return event ? { ...outcomeOfEvent<Stripe.File>(event), status: 'uploaded' } : null;
}
