import type Stripe from 'stripe';
import { ConsoleError } from '../../src-preload/contract';
import { RESPONDABLE_STATUSES, type DisputeStatus } from '../../src-preload/contract/disputes';

type DisputeLike = Pick<Stripe.Dispute, 'status' | 'evidence_details'>;

const isRespondable = (d: DisputeLike) => RESPONDABLE_STATUSES.includes(d.status as DisputeStatus);

/** Why evidence can no longer be changed, judged from the cached dispute; null while Stripe still takes it. */
export function evidenceLockedReason(dispute: DisputeLike, nowSeconds: number): string | null {
  if (!isRespondable(dispute)) {
    return dispute.status === 'under_review' || dispute.status === 'warning_under_review'
      ? 'Evidence has been submitted and the bank is reviewing it: it can no longer be changed.'
      : `This dispute is closed (${dispute.status.replace(/_/g, ' ')}): evidence can no longer be sent.`;
  }
  const dueBy = dispute.evidence_details?.due_by;
  if (!dueBy) return 'The card network allows no response to this dispute.';
  if (dueBy < nowSeconds)
    return `The deadline to respond passed on ${new Date(dueBy * 1000).toUTCString()}: Stripe no longer accepts evidence.`;
  return null;
}

/** Why the dispute can't be accepted; null when it can. */
export function acceptBlockedReason(dispute: DisputeLike): string | null {
  return isRespondable(dispute)
    ? null
    : `Only a dispute that needs a response can be accepted; this one is ${dispute.status.replace(/_/g, ' ')}.`;
}

export function assertEvidenceOpen(dispute: DisputeLike, nowSeconds: number): void {
  const reason = evidenceLockedReason(dispute, nowSeconds);
  if (reason)
    throw new ConsoleError('conflict', reason, {
      details: { status: dispute.status, dueBy: dispute.evidence_details?.due_by ?? null },
    });
}

export function assertAcceptable(dispute: DisputeLike): void {
  const reason = acceptBlockedReason(dispute);
  if (reason) throw new ConsoleError('conflict', reason, { details: { status: dispute.status } });
}

/** A 403 on a dispute call names the permission and what it disables. */
export function withFeatureContext(error: ConsoleError): ConsoleError {
  if (error.code !== 'permission_denied') return error;
  const permission = (error.details?.permission as string | null) ?? 'rak_dispute_write';
  return new ConsoleError(
    'permission_denied',
    `This restricted key lacks the '${permission}' permission, so it can't upload evidence, stage, submit or accept disputes. Use a key with '${permission}'.`,
    { details: { ...error.details, permission } },
  );
}
