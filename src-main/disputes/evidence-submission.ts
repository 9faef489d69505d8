import type Stripe from 'stripe';
import { ConsoleError, type Scope } from '../../src-preload/contract';
import {
  EVIDENCE_TEXT_LIMIT,
  FILE_EVIDENCE_FIELDS,
  TEXT_EVIDENCE_FIELDS,
  evidenceTextLength,
  type EvidenceDraft,
} from '../../src-preload/contract/disputes';
import type { MutationLedger, MutationOutcome, ParamsOf, SendContext } from '../mutations/mutation-ledger';
import { toConsoleError } from '../stripe/errors';
import { assertAcceptable, assertEvidenceOpen, withFeatureContext } from './dispute-rules';
import { findEvidenceWrite } from './evidence-lookups';

export const EVIDENCE_STAGE_KIND = 'dispute.evidence_stage';
export const EVIDENCE_SUBMIT_KIND = 'dispute.evidence_submit';
export const ACCEPT_KIND = 'dispute.close';

interface EvidenceParams {
  disputeId: string;
  evidence: Stripe.DisputeUpdateParams.Evidence;
  submit: boolean;
}

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    [EVIDENCE_STAGE_KIND]: { params: EvidenceParams; result: Stripe.Dispute };
    [EVIDENCE_SUBMIT_KIND]: { params: EvidenceParams; result: Stripe.Dispute };
    [ACCEPT_KIND]: { params: { disputeId: string }; result: Stripe.Dispute };
  }
}

type DisputeKind = typeof EVIDENCE_STAGE_KIND | typeof EVIDENCE_SUBMIT_KIND | typeof ACCEPT_KIND;

export interface SubmissionDeps {
  ledger: MutationLedger;
  /** Whether Stripe answered this scope's last request (the connectivity monitor). */
  online(scope: Scope): boolean;
  client(scope: Scope): Promise<Stripe>;
  now(): number;
}

const outcomeOf = (dispute: Stripe.Response<Stripe.Dispute>): MutationOutcome<Stripe.Dispute> => ({
  id: dispute.id,
  status: dispute.status,
  requestId: dispute.lastResponse?.requestId ?? null,
  object: dispute,
});

/**
 * Staging, submitting and accepting, each exactly once through the ledger. Everything that can be judged
 * locally (status, deadline, text limit, unfinished uploads, offline) is refused before a request leaves;
 * what only Stripe can judge comes back as Stripe's own message.
 */
export class EvidenceSubmission {
  constructor(private readonly deps: SubmissionDeps) {
    const update = {
      send: async (stripe: Stripe, params: EvidenceParams, context: SendContext) =>
        outcomeOf(
          await stripe.disputes.update(
            params.disputeId,
            { evidence: params.evidence, submit: params.submit },
            context.requestOptions,
          ),
        ),
      find: findEvidenceWrite,
    };
    deps.ledger.register(EVIDENCE_STAGE_KIND, update);
    deps.ledger.register(EVIDENCE_SUBMIT_KIND, update);
    deps.ledger.register(ACCEPT_KIND, {
      send: async (stripe, params, context) =>
        outcomeOf(await stripe.disputes.close(params.disputeId, {}, context.requestOptions)),
      // Accepting closes the dispute as lost, once: a lost dispute is the effect.
      find: async (stripe, params) => {
        const dispute = await stripe.disputes.retrieve(params.disputeId);
        return dispute.status === 'lost' ? outcomeOf(dispute) : null;
      },
    });
  }

  /** `submit=false` stages the draft on Stripe; `submit=true` submits it (usually final). */
  async send(
    scope: Scope,
    dispute: Stripe.Dispute,
    draft: EvidenceDraft,
    submit: boolean,
    intentId: string,
    agent: string,
  ): Promise<Stripe.Dispute> {
    const kind = submit ? EVIDENCE_SUBMIT_KIND : EVIDENCE_STAGE_KIND;
    if (this.deps.ledger.find(intentId)) return this.resend(scope, dispute, kind, intentId);
    const current = await this.fresh(scope, dispute);
    assertEvidenceOpen(current, Math.floor(this.deps.now() / 1000));
    const evidence = evidenceParams(draft, current.evidence);
    return this.run(scope, current, kind, { disputeId: current.id, evidence, submit }, intentId, agent);
  }

  /** Accepts the dispute (Stripe `close`): the disputed amount is lost for good. */
  async accept(scope: Scope, dispute: Stripe.Dispute, intentId: string, agent: string): Promise<Stripe.Dispute> {
    if (this.deps.ledger.find(intentId)) return this.resend(scope, dispute, ACCEPT_KIND, intentId);
    const current = await this.fresh(scope, dispute);
    assertAcceptable(current);
    return this.run(scope, current, ACCEPT_KIND, { disputeId: current.id }, intentId, agent);
  }

  private async run(
    scope: Scope,
    dispute: Stripe.Dispute,
    kind: DisputeKind,
    params: ParamsOf<DisputeKind>,
    intentId: string,
    agent: string,
  ): Promise<Stripe.Dispute> {
    return this.answer(
      this.deps.ledger.run({
        scope,
        kind,
        targetId: dispute.id,
        params,
        intentId,
        amount: dispute.amount,
        currency: dispute.currency,
        agent,
      }),
    );
  }

  /**
   * A confirmation already in the ledger (a retry after a lost answer, or a double click) is sent again with
   * its original parameters and key, so Stripe replays its answer instead of acting twice: no fresh checks.
   */
  private resend(scope: Scope, dispute: Stripe.Dispute, kind: DisputeKind, intentId: string): Promise<Stripe.Dispute> {
    return this.answer(this.deps.ledger.resend({ scope, kind, targetId: dispute.id, intentId }));
  }

  private async answer(outcome: Promise<MutationOutcome<Stripe.Dispute>>): Promise<Stripe.Dispute> {
    try {
      return (await outcome).object;
    } catch (err) {
      throw withFeatureContext(toConsoleError(err));
    }
  }

  /**
   * When the last request found Stripe unreachable, ask again before recording an intent: offline, the user
   * gets a clear refusal and the draft stays; back online, the fresh dispute replaces the cached one.
   */
  private async fresh(scope: Scope, cached: Stripe.Dispute): Promise<Stripe.Dispute> {
    if (this.deps.online(scope)) return cached;
    try {
      return await (await this.deps.client(scope)).disputes.retrieve(cached.id);
    } catch (err) {
      const error = toConsoleError(err);
      if (error.code !== 'offline') throw withFeatureContext(error);
      throw new ConsoleError(
        'offline',
        'Stripe can’t be reached, so nothing was sent. The draft is saved on this computer; send it when you are back online.',
        {
          retryable: true,
        },
      );
    }
  }
}

/**
 * What to send: every drafted text field and uploaded file; text Stripe holds but the draft no longer has is
 * cleared with '' (files Stripe holds stay attached). Refuses text over Stripe's limit and files that have not finished uploading.
 */
export function evidenceParams(
  draft: EvidenceDraft,
  onStripe: Stripe.Dispute.Evidence | null | undefined,
): Stripe.DisputeUpdateParams.Evidence {
  const length = evidenceTextLength(draft.evidence);
  if (length > EVIDENCE_TEXT_LIMIT) {
    throw new ConsoleError(
      'invalid_input',
      `The text evidence has ${length.toLocaleString('en-US')} characters; Stripe accepts at most ${EVIDENCE_TEXT_LIMIT.toLocaleString('en-US')} in total. Shorten it by ${(length - EVIDENCE_TEXT_LIMIT).toLocaleString('en-US')}.`,
      { details: { length, limit: EVIDENCE_TEXT_LIMIT } },
    );
  }
  const held: Record<string, unknown> = { ...onStripe };
  const out: Record<string, string> = {};
  for (const field of TEXT_EVIDENCE_FIELDS) {
    const value = draft.evidence[field];
    if (value) out[field] = value;
    else if (held[field]) out[field] = '';
  }
  for (const field of FILE_EVIDENCE_FIELDS) {
    const ref = draft.files[field];
    if (ref?.state === 'uploaded') out[field] = ref.fileId;
    else if (ref) {
      throw new ConsoleError(
        'conflict',
        `The file for “${field.replace(/_/g, ' ')}” (${ref.name}) ${ref.state === 'failed' ? 'failed to upload' : 'is still uploading'}: retry or remove it first.`,
        { details: { field, state: ref.state } },
      );
    }
  }
  return out as Stripe.DisputeUpdateParams.Evidence;
}
