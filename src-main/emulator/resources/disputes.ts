import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import type { Params } from '../http/params';
import { buildDispute, DISPUTE_REASONS, FILE_EVIDENCE_FIELDS, TEXT_EVIDENCE_FIELDS } from '../objects/dispute';
import { radarAfterDispute } from './radar';
import { columnFilters, listObjects } from './shared/list';
import { emitEvent, loadObject, saveObject } from './shared/objects';

const read = { resource: 'dispute', access: 'read' } as const;
const write = { resource: 'dispute', access: 'write' } as const;

const MAX_TEXT_EVIDENCE = 150_000;
const RESPONDABLE: readonly string[] = ['needs_response', 'warning_needs_response'];
const CLOSED: readonly string[] = ['won', 'lost', 'warning_closed', 'prevented'];

function assertRespondable(ctx: RequestContext, dispute: Stripe.Dispute): void {
  if (CLOSED.includes(dispute.status))
    throw invalidRequest(`This dispute is already closed (status: ${dispute.status}).`, 'evidence');
  if (!RESPONDABLE.includes(dispute.status)) {
    throw invalidRequest(
      `This dispute has status ${dispute.status}; evidence can only be updated while a dispute has status needs_response or warning_needs_response.`,
      'evidence',
    );
  }
  const dueBy = dispute.evidence_details.due_by;
  if (dueBy !== null && dueBy < ctx.env.clock.nowSeconds()) {
    throw invalidRequest(
      `The deadline to submit evidence for this dispute has passed (due_by ${new Date(dueBy * 1000).toISOString()}). Evidence can no longer be updated or submitted.`,
      'evidence',
    );
  }
}

function mergeEvidence(ctx: RequestContext, current: Stripe.Dispute.Evidence, input: Params): Stripe.Dispute.Evidence {
  const next: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(input)) {
    const param = `evidence[${field}]`;
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${param}`, param);
    if ((FILE_EVIDENCE_FIELDS as readonly string[]).includes(field)) {
      if (value === '') {
        next[field] = null;
        continue;
      }
      const file = ctx.env.store.get(ctx.mode, 'file', value) as Stripe.File | undefined;
      if (!file) throw invalidRequest(`No such file upload: '${value}'`, param, 'resource_missing');
      if (file.purpose !== 'dispute_evidence') {
        throw invalidRequest(`The file ${value} was not uploaded with purpose 'dispute_evidence'.`, param);
      }
      next[field] = value;
    } else if ((TEXT_EVIDENCE_FIELDS as readonly string[]).includes(field)) {
      next[field] = value === '' ? null : value;
    } else {
      throw invalidRequest(`Received unknown parameter: ${param}`, param);
    }
  }
  const textLength = TEXT_EVIDENCE_FIELDS.reduce((sum, field) => sum + String(next[field] ?? '').length, 0);
  if (textLength > MAX_TEXT_EVIDENCE) {
    throw invalidRequest(
      `The combined length of all text evidence fields must be at most 150,000 characters; this dispute's evidence has ${textLength.toLocaleString('en-US')}.`,
      'evidence',
    );
  }
  // eslint-disable-next-line no-restricted-syntax -- built field by field from the checked evidence field lists
  return next as unknown as Stripe.Dispute.Evidence;
}

function update(ctx: RequestContext): Stripe.Dispute {
  const before = loadObject<Stripe.Dispute>(ctx, 'dispute', ctx.pathParams.id as string);
  const evidenceInput = ctx.params.object('evidence');
  const submitParam = ctx.params.boolean('submit');
  let after: Stripe.Dispute = { ...before };
  const metadata = ctx.params.metadata(before.metadata);
  if (metadata) after.metadata = metadata;
  if (evidenceInput || submitParam !== undefined) {
    assertRespondable(ctx, before);
    const evidence = evidenceInput ? mergeEvidence(ctx, before.evidence, evidenceInput) : before.evidence;
    // Stripe submits by default; submit=false only stages the evidence.
    const submit = submitParam ?? true;
    after = {
      ...after,
      evidence,
      evidence_details: {
        ...before.evidence_details,
        has_evidence: true,
        submission_count: before.evidence_details.submission_count + (submit ? 1 : 0),
        submission_method: submit ? 'manual' : before.evidence_details.submission_method,
      },
      status: submit
        ? before.status === 'warning_needs_response'
          ? 'warning_under_review'
          : 'under_review'
        : before.status,
      // Submitted evidence means the charge can no longer be refunded.
      is_charge_refundable: submit ? false : before.is_charge_refundable,
    };
  }
  saveObject(ctx, 'dispute', after);
  if (JSON.stringify(after) !== JSON.stringify(before)) emitEvent(ctx, 'charge.dispute.updated', after, before);
  return after;
}

function close(ctx: RequestContext): Stripe.Dispute {
  const before = loadObject<Stripe.Dispute>(ctx, 'dispute', ctx.pathParams.id as string);
  if (CLOSED.includes(before.status))
    throw invalidRequest(`This dispute is already closed (status: ${before.status}).`);
  if (!RESPONDABLE.includes(before.status)) {
    throw invalidRequest(
      `This dispute has status ${before.status} and can no longer be closed: evidence has already been submitted.`,
    );
  }
  const after: Stripe.Dispute = {
    ...before,
    status: before.status === 'warning_needs_response' ? 'warning_closed' : 'lost',
    is_charge_refundable: false,
  };
  saveObject(ctx, 'dispute', after);
  emitEvent(ctx, 'charge.dispute.closed', after, before);
  return after;
}

export const disputeRoutes = [
  route('GET', '/v1/disputes', read, (ctx) =>
    listObjects(ctx, 'dispute', '/v1/disputes', {
      filters: columnFilters(ctx.params, { charge: 'ref1', payment_intent: 'ref2' }),
    }),
  ),
  route('GET', '/v1/disputes/:id', read, (ctx) => loadObject(ctx, 'dispute', ctx.pathParams.id as string)),
  route('POST', '/v1/disputes/:id', write, update, { accepts: ['evidence', 'submit', 'metadata'] }),
  route('POST', '/v1/disputes/:id/close', write, close, { accepts: [] }),
];

export interface OpenDisputeOptions {
  reason?: (typeof DISPUTE_REASONS)[number];
  status?: 'needs_response' | 'warning_needs_response';
  /** Unix seconds; defaults to 7 days from now. */
  dueBy?: number;
}

/** A cardholder disputes a charge (Stripe-initiated; exposed through the admin helpers). */
export function openDispute(ctx: RequestContext, chargeId: string, options: OpenDisputeOptions = {}): Stripe.Dispute {
  const charge = loadObject<Stripe.Charge>(ctx, 'charge', chargeId, 'charge');
  const created = ctx.env.clock.nowSeconds();
  const dueBy = options.dueBy ?? created + 7 * 86400;
  const dispute = buildDispute({
    id: ctx.env.ids.make('dp', created),
    created,
    livemode: ctx.livemode,
    amount: charge.amount - charge.amount_refunded,
    currency: charge.currency,
    charge: charge.id,
    paymentIntent: typeof charge.payment_intent === 'string' ? charge.payment_intent : null,
    cardBrand: charge.payment_method_details?.card?.brand ?? 'visa',
    reason: options.reason ?? 'fraudulent',
    status: options.status ?? 'needs_response',
    dueBy,
    pastDue: dueBy < created,
    hasEvidence: false,
    submissionCount: 0,
    balanceTransactions: [],
    chargeRefundable: true,
    metadata: {},
  });
  saveObject(ctx, 'dispute', dispute);
  const disputedCharge: Stripe.Charge = { ...charge, disputed: true };
  saveObject(ctx, 'charge', disputedCharge);
  emitEvent(ctx, 'charge.dispute.created', dispute);
  radarAfterDispute(ctx, charge.id);
  return dispute;
}
