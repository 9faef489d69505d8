import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_TEXT_LIMIT } from '../../src-preload/contract/disputes';
import { startDisputesHarness, type DisputesHarness } from './harness';

let h: DisputesHarness;

beforeAll(async () => {
  h = await startDisputesHarness({ customers: 300 });
}, 60_000);
afterAll(() => h?.stop());

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('evidence drafts', () => {
  it('keeps a draft locally across a restart without any request to Stripe', async () => {
    const dispute = await h.openDispute({ reason: 'product_not_received' });
    const saved = await h.call('disputes.draft.save', {
      scope: h.scope,
      disputeId: dispute.id,
      evidence: { shipping_carrier: 'DHL', shipping_tracking_number: 'JD0146000012345', product_description: '' },
    });
    expect(saved.evidence).toEqual({ shipping_carrier: 'DHL', shipping_tracking_number: 'JD0146000012345' });
    expect(saved.textLength).toBe(3 + 15);

    h.restart();
    const detail = await h.call('disputes.get', { scope: h.scope, disputeId: dispute.id });
    expect(detail.draft.evidence).toEqual({ shipping_carrier: 'DHL', shipping_tracking_number: 'JD0146000012345' });
    expect(detail.row.drafted).toBe(true);
    expect((await h.sdk.disputes.retrieve(dispute.id)).evidence_details.has_evidence).toBe(false);
  });

  it('keeps text over 150,000 characters in the draft but refuses to send it, naming the count', async () => {
    const dispute = await h.openDispute();
    const long = 'x'.repeat(EVIDENCE_TEXT_LIMIT - 10);
    const draft = await h.call('disputes.draft.save', {
      scope: h.scope,
      disputeId: dispute.id,
      evidence: { uncategorized_text: long, customer_name: 'Jenny Rosen' },
    });
    expect(draft.textLength).toBe(EVIDENCE_TEXT_LIMIT + 1);

    const intentId = randomUUID();
    const error = await h.fail('disputes.evidence.send', {
      scope: h.scope,
      disputeId: dispute.id,
      submit: false,
      intentId,
    });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('150,001 characters');
    expect(error.details).toMatchObject({ length: EVIDENCE_TEXT_LIMIT + 1, limit: EVIDENCE_TEXT_LIMIT });
    expect(h.core.ledger.find(intentId)).toBeNull();
    expect(
      (await h.call('disputes.get', { scope: h.scope, disputeId: dispute.id })).draft.evidence.uncategorized_text,
    ).toBe(long);
  });
});

describe('staging and submitting', () => {
  it('stages with submit=false, then submits once; a resend of the same confirmation does not submit twice', async () => {
    const dispute = await h.openDispute({ reason: 'fraudulent' });
    const scope = h.scope;
    await h.call('disputes.draft.save', {
      scope,
      disputeId: dispute.id,
      evidence: { customer_name: 'Jenny Rosen', customer_purchase_ip: '203.0.113.7' },
    });

    const staged = await h.call('disputes.evidence.send', {
      scope,
      disputeId: dispute.id,
      submit: false,
      intentId: randomUUID(),
    });
    expect(staged.row.status).toBe('needs_response');
    expect(staged.evidenceDetails).toMatchObject({ hasEvidence: true, submissionCount: 0 });
    expect(staged.lockedReason).toBeNull();
    const onStripe = await h.sdk.disputes.retrieve(dispute.id);
    expect(onStripe.evidence.customer_name).toBe('Jenny Rosen');
    expect(onStripe.evidence_details.submission_count).toBe(0);

    // Clearing a staged field in the draft clears it on Stripe too.
    await h.call('disputes.draft.save', { scope, disputeId: dispute.id, evidence: { customer_name: 'Jenny Rosen' } });
    const intentId = randomUUID();
    const submitted = await h.call('disputes.evidence.send', { scope, disputeId: dispute.id, submit: true, intentId });
    expect(submitted.row.status).toBe('under_review');
    expect(submitted.lockedReason).toMatch(/submitted/);
    const after = await h.sdk.disputes.retrieve(dispute.id);
    expect(after.evidence.customer_purchase_ip).toBeNull();
    expect(after.evidence_details.submission_count).toBe(1);

    // The queue reads the cache, which already holds Stripe's answer.
    const underReview = await h.call('disputes.list', { scope, filter: { statuses: ['under_review'] }, limit: 500 });
    expect(underReview.items.map((r) => r.id)).toContain(dispute.id);

    const resent = await h.call('disputes.evidence.send', { scope, disputeId: dispute.id, submit: true, intentId });
    expect(resent.row.status).toBe('under_review');
    expect((await h.sdk.disputes.retrieve(dispute.id)).evidence_details.submission_count).toBe(1);

    expect(h.activity(dispute.id).map((a) => [a.action, a.outcome, a.detail])).toEqual([
      ['dispute.evidence_stage', 'succeeded', 'needs_response'],
      ['dispute.evidence_submit', 'succeeded', 'under_review'],
    ]);
    const refused = await h.fail('disputes.evidence.send', {
      scope,
      disputeId: dispute.id,
      submit: true,
      intentId: randomUUID(),
    });
    expect(refused.code).toBe('conflict');
  });

  it('refuses evidence after the deadline locally, before any request', async () => {
    const dispute = await h.openDispute({ dueBy: nowSeconds() - 3600 });
    await h.call('disputes.draft.save', {
      scope: h.scope,
      disputeId: dispute.id,
      evidence: { uncategorized_text: 'Too late?' },
    });
    const intentId = randomUUID();
    const error = await h.fail('disputes.evidence.send', {
      scope: h.scope,
      disputeId: dispute.id,
      submit: true,
      intentId,
    });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/deadline to respond passed/);
    expect(h.core.ledger.find(intentId)).toBeNull();
    expect((await h.call('disputes.get', { scope: h.scope, disputeId: dispute.id })).lockedReason).toMatch(/deadline/);
    expect(
      (await h.call('disputes.get', { scope: h.scope, disputeId: dispute.id })).draft.evidence.uncategorized_text,
    ).toBe('Too late?');
  });

  it('surfaces Stripe’s refusal when the deadline passed after the cache last saw the dispute', async () => {
    const dispute = await h.openDispute({ dueBy: nowSeconds() + 600 });
    await h.call('disputes.draft.save', {
      scope: h.scope,
      disputeId: dispute.id,
      evidence: { uncategorized_text: 'Just in time' },
    });
    h.emulator.admin.advanceTime(3600 * 1000);
    try {
      const error = await h.fail('disputes.evidence.send', {
        scope: h.scope,
        disputeId: dispute.id,
        submit: true,
        intentId: randomUUID(),
      });
      expect(error.code).toBe('stripe_error');
      expect(error.message).toMatch(/deadline to submit evidence for this dispute has passed/);
      expect(error.details).toMatchObject({ statusCode: 400, param: 'evidence' });
      expect(h.activity(dispute.id).at(-1)).toMatchObject({ action: 'dispute.evidence_submit', outcome: 'failed' });
    } finally {
      h.emulator.admin.advanceTime(-3600 * 1000);
    }
  });

  it('refuses a closed dispute locally', async () => {
    const closed = h.cache.disputes.queueAll({ statuses: ['won', 'lost', 'warning_closed'] }, 0)[0];
    expect(closed).toBeDefined();
    const error = await h.fail('disputes.evidence.send', {
      scope: h.scope,
      disputeId: closed!.id,
      submit: false,
      intentId: randomUUID(),
    });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(`closed (${closed!.status.replace(/_/g, ' ')})`);
  });
});

describe('accepting a dispute', () => {
  it('closes it as lost exactly once and records it with the amount', async () => {
    const dispute = await h.openDispute();
    const before = await h.call('disputes.get', { scope: h.scope, disputeId: dispute.id });
    expect(before.acceptBlockedReason).toBeNull();
    const intentId = randomUUID();
    const [first, second] = await Promise.all([
      h.call('disputes.accept', { scope: h.scope, disputeId: dispute.id, intentId }),
      h.call('disputes.accept', { scope: h.scope, disputeId: dispute.id, intentId }),
    ]);
    expect(first.row.status).toBe('lost');
    expect(second.row.status).toBe('lost');
    expect(first.acceptBlockedReason).toMatch(/lost/);
    expect((await h.sdk.disputes.retrieve(dispute.id)).status).toBe('lost');
    expect(h.activity(dispute.id)).toEqual([
      {
        action: 'dispute.close',
        outcome: 'succeeded',
        detail: 'lost',
        amount: dispute.amount,
        currency: dispute.currency,
      },
    ]);
    const again = await h.fail('disputes.accept', { scope: h.scope, disputeId: dispute.id, intentId: randomUUID() });
    expect(again.code).toBe('conflict');
  });
});

describe('a restricted key without dispute write permission', () => {
  it('names the missing permission and keeps the draft', async () => {
    const dispute = await h.openDispute();
    await h.call('disputes.draft.save', {
      scope: h.scope,
      disputeId: dispute.id,
      evidence: { customer_name: 'Jenny Rosen' },
    });
    await h.useKey(h.emulator.keys.restrictedTest);
    try {
      const staged = await h.fail('disputes.evidence.send', {
        scope: h.scope,
        disputeId: dispute.id,
        submit: false,
        intentId: randomUUID(),
      });
      expect(staged.code).toBe('permission_denied');
      expect(staged.details?.permission).toBe('rak_dispute_write');
      expect(staged.message).toContain("'rak_dispute_write'");
      expect(staged.message).toMatch(/stage, submit or accept/);
      const accepted = await h.fail('disputes.accept', {
        scope: h.scope,
        disputeId: dispute.id,
        intentId: randomUUID(),
      });
      expect(accepted.details?.permission).toBe('rak_dispute_write');
      expect((await h.call('disputes.get', { scope: h.scope, disputeId: dispute.id })).draft.evidence).toEqual({
        customer_name: 'Jenny Rosen',
      });
      expect((await h.sdk.disputes.retrieve(dispute.id)).status).toBe('needs_response');
    } finally {
      await h.useKey(h.emulator.keys.test);
    }
  });
});

describe('offline at submit time', () => {
  it('refuses clearly without recording an intent; the draft stays and sends once Stripe is back', async () => {
    const dispute = await h.openDispute();
    await h.call('disputes.draft.save', {
      scope: h.scope,
      disputeId: dispute.id,
      evidence: { uncategorized_text: 'Written on a plane' },
    });
    h.emulator.faults.offline();
    const intentId = randomUUID();
    try {
      // The first attempt finds Stripe unreachable; the monitor now knows, so the next is refused before an intent.
      await h.fail('disputes.evidence.send', {
        scope: h.scope,
        disputeId: dispute.id,
        submit: false,
        intentId: randomUUID(),
      });
      const error = await h.fail('disputes.evidence.send', {
        scope: h.scope,
        disputeId: dispute.id,
        submit: true,
        intentId,
      });
      expect(error.code).toBe('offline');
      expect(error.message).toMatch(/draft is saved/);
      expect(h.core.ledger.find(intentId)).toBeNull();
    } finally {
      h.emulator.faults.online();
    }
    expect(
      (await h.call('disputes.get', { scope: h.scope, disputeId: dispute.id })).draft.evidence.uncategorized_text,
    ).toBe('Written on a plane');
    const sent = await h.call('disputes.evidence.send', {
      scope: h.scope,
      disputeId: dispute.id,
      submit: true,
      intentId,
    });
    expect(sent.row.status).toBe('under_review');
  });
});
