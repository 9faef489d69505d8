import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeObjectLike } from '../../src-main/cache';
import { ActivityQueries } from '../../src-main/activity/activity-queries';
import { RadarService, REVIEW_APPROVE, WARNING_REFUND } from '../../src-main/radar/radar-service';
import { rejection, startSupport, type Support } from '../payments/support-harness';

let support: Support;
let radar: RadarService;
const activity = (objectId: string) =>
  new ActivityQueries(support.app.appDb).list(support.scope, { objectId }, { limit: 10 }).items;

/** What backfill does for Radar: list the warnings and reviews into the cache. */
async function cacheRadar() {
  const sentAt = Date.now();
  const warnings = await support.admin.radar.earlyFraudWarnings.list({ limit: 100 });
  const reviews = await support.admin.reviews.list({ limit: 100 });
  for (const o of [...warnings.data, ...reviews.data])
    support.deps.applyObject(support.scope, o as unknown as StripeObjectLike, sentAt);
}

beforeAll(async () => {
  support = await startSupport({ customers: 60 });
  await support.fillCache();
  await cacheRadar();
  radar = new RadarService(
    { ledger: support.app.ledger, gateway: support.gateway, agent: () => 'Test Agent', now: Date.now },
    support.deps,
  );
}, 60_000);
afterAll(() => support?.stop());

describe('early fraud warnings', () => {
  it('lists actionable warnings first, each with its charge and customer', () => {
    const page = radar.queries(support.scope).warnings({ actionableOnly: false, limit: 100 });
    expect(page.total).toBe(page.items.length);
    const flags = page.items.map((w) => w.actionable);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    expect(flags.filter(Boolean).length).toBeGreaterThanOrEqual(4);
    expect(flags).toContain(false);
    for (const w of page.items.filter((x) => x.actionable)) {
      expect(w.charge?.amount).toBeGreaterThan(0);
      expect(w.customer?.id).toMatch(/^cus_/);
    }
    const onlyActionable = radar.queries(support.scope).warnings({ actionableOnly: true, limit: 2 });
    expect(onlyActionable.items.every((w) => w.actionable)).toBe(true);
    expect(onlyActionable.nextCursor).not.toBeNull();
  });

  it('refunds an actionable warning once: one refund at Stripe, the warning settles, Activity records it', async () => {
    const warning = radar.queries(support.scope).warnings({ actionableOnly: true, limit: 1 }).items[0]!;
    const intentId = randomUUID();
    const [first, again] = await Promise.all([
      radar.refundWarning(support.scope, warning.id, intentId),
      radar.refundWarning(support.scope, warning.id, intentId),
    ]);
    expect(first.actionable).toBe(false);
    expect(again.actionable).toBe(false);
    const refunds = await support.refundsAtStripe(warning.charge!.id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amount: warning.charge!.amount, reason: 'fraudulent' });
    // A resend of the same confirmation replays; a new confirmation is refused with a plain reason.
    await radar.refundWarning(support.scope, warning.id, intentId);
    expect(await support.refundsAtStripe(warning.charge!.id)).toHaveLength(1);
    const refused = await rejection(radar.refundWarning(support.scope, warning.id, randomUUID()));
    expect(refused.code).toBe('conflict');
    expect(activity(warning.id).map((a) => [a.action, a.outcome, a.amount])).toEqual([
      [WARNING_REFUND, 'succeeded', warning.charge!.amount],
    ]);
  });
});

describe('reviews', () => {
  const openReviews = () => radar.queries(support.scope).reviews({ open: true, limit: 100 }).items;

  it('lists open reviews with reason and risk', () => {
    const reviews = openReviews();
    expect(reviews.length).toBeGreaterThanOrEqual(3);
    for (const r of reviews) {
      expect(r.open).toBe(true);
      expect(['rule', 'manual']).toContain(r.reason);
      expect(r.charge?.riskLevel).toBe('elevated');
      expect(r.charge?.riskScore).toBeGreaterThan(65);
    }
  });

  it('approves a review exactly once; a closed review refuses a new approval', async () => {
    const review = openReviews()[0]!;
    const intentId = randomUUID();
    const approved = await radar.approveReview(support.scope, review.id, intentId);
    expect(approved).toMatchObject({ open: false, closedReason: 'approved' });
    expect(await support.admin.reviews.retrieve(review.id)).toMatchObject({ open: false, closed_reason: 'approved' });
    await radar.approveReview(support.scope, review.id, intentId);
    expect((await rejection(radar.approveReview(support.scope, review.id, randomUUID()))).code).toBe('conflict');
    expect(activity(review.id).map((a) => a.action)).toEqual([REVIEW_APPROVE]);
    // Stripe itself refuses to approve a closed review.
    await expect(support.admin.reviews.approve(review.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('refunds as fraudulent: the review closes as refunded_as_fraud and the payment is fully refunded', async () => {
    const review = openReviews()[0]!;
    const closed = await radar.refundReview(support.scope, review.id, randomUUID(), true);
    expect(closed).toMatchObject({ open: false, closedReason: 'refunded_as_fraud' });
    expect(closed.charge?.refunded).toBe(true);
    const refunds = await support.refundsAtStripe(review.charge!.id);
    expect(refunds.map((r) => [r.amount, r.reason])).toEqual([[review.charge!.amount, 'fraudulent']]);
  });

  it('a plain refund closes the review as refunded', async () => {
    const review = openReviews()[0]!;
    const closed = await radar.refundReview(support.scope, review.id, randomUUID(), false);
    expect(closed.closedReason).toBe('refunded');
    expect((await support.refundsAtStripe(review.charge!.id))[0]?.reason).toBeNull();
  });
});
