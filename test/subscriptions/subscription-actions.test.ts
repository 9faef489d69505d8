import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActivityEntry,
  ConsoleErrorShape,
  Page,
  SubscriptionDetail,
  SubscriptionRow,
  SubscriptionStatus,
} from '../../src-preload/contract';
import { startSubscriptionsHarness, type SubscriptionsHarness } from './harness';

let h: SubscriptionsHarness;

beforeAll(async () => {
  h = await startSubscriptionsHarness();
}, 60_000);
afterAll(() => h?.stop());

/** Takes a different cached subscription of a status for each test, so tests don't see each other's changes. */
const taken = new Set<string>();
function cachedSubscription(
  status: SubscriptionStatus,
  where: (s: Stripe.Subscription) => boolean = () => true,
): Stripe.Subscription {
  const sub = h.store.subscriptions
    .page({ statuses: [status], limit: 10_000 })
    .items.sort((a, b) => (a.id < b.id ? -1 : 1))
    .find((s) => !taken.has(s.id) && where(s));
  if (!sub) throw new Error(`the emulator seeded no spare ${status} subscription`);
  taken.add(sub.id);
  return sub;
}
const billing = (s: Stripe.Subscription) => !s.cancel_at_period_end && !s.pause_collection;

function act(id: string, action: object, intentId: string = randomUUID()) {
  return h.call<SubscriptionDetail>('subscriptions.act', { scope: h.scope, id, intentId, action });
}

async function actError(id: string, action: object): Promise<ConsoleErrorShape> {
  const result = await h.dispatch('subscriptions.act', { scope: h.scope, id, intentId: randomUUID(), action });
  if (result.ok) throw new Error('expected the action to be refused');
  return result.error;
}

function activityFor(objectId: string): ActivityEntry[] {
  return h.activity.list(h.scope, { objectId }, { limit: 50 }).items;
}

describe('subscriptions list and detail', () => {
  it('filters by status and finds by subscription id, customer id and customer email prefix', async () => {
    const page = await h.call<Page<SubscriptionRow>>('subscriptions.list', {
      scope: h.scope,
      statuses: ['active', 'trialing'],
      limit: 500,
    });
    expect(page.items.length).toBeGreaterThan(0);
    expect(new Set(page.items.map((r) => r.status))).toEqual(new Set(['active', 'trialing']));
    expect(page.total).toBe(page.items.length);

    const sub = cachedSubscription('active', billing);
    const row = page.items.find((r) => r.id === sub.id)!;
    expect(row.items[0]).toMatchObject({
      priceId: sub.items.data[0]!.price.id,
      unitAmount: sub.items.data[0]!.price.unit_amount,
    });
    expect(row.items[0]!.productName).toEqual(expect.any(String));
    expect(row.currentPeriodEnd).toBe(sub.items.data[0]!.current_period_end);
    expect(row.actions).toMatchObject({
      cancel_at_period_end: null,
      cancel_now: null,
      resume: expect.any(String),
      undo_cancel_at_period_end: expect.any(String),
    });
    expect(row.nextInvoice).toMatchObject({ currency: sub.currency, date: sub.items.data[0]!.current_period_end });

    const search = async (text: string) =>
      (
        await h.call<Page<SubscriptionRow>>('subscriptions.list', { scope: h.scope, search: text, limit: 500 })
      ).items.map((r) => r.id);
    expect(await search(sub.id)).toEqual([sub.id]);
    expect(await search(sub.id.slice(0, -3))).toContain(sub.id);
    expect(await search(sub.customer as string)).toContain(sub.id);
    expect(row.customerEmail).toEqual(expect.any(String));
    expect(await search(row.customerEmail!.slice(0, 6))).toContain(sub.id);
    expect(await search('zzzz-nobody')).toEqual([]);
  });

  it('pages newest first without repeating a row', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<SubscriptionRow> = await h.call('subscriptions.list', { scope: h.scope, limit: 7, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(h.store.count('subscriptions'));
  });

  it('computes the next invoice from price × quantity, or takes the cached draft invoice', async () => {
    const sub = cachedSubscription('active', billing);
    const detail = await h.call<SubscriptionDetail>('subscriptions.get', { scope: h.scope, id: sub.id });
    const expected = sub.items.data.reduce((sum, i) => sum + (i.price.unit_amount ?? 0) * (i.quantity ?? 1), 0);
    expect(detail.nextInvoice).toEqual({
      amount: expected,
      currency: sub.currency,
      date: detail.currentPeriodEnd,
      source: 'computed',
    });
    expect(detail.latestInvoices.every((i) => i.id.startsWith('in_'))).toBe(true);

    const draft = h.store.invoices
      .page({ statuses: ['draft'], limit: 10_000 })
      .items.find((i) => i.subscriptionId !== null);
    if (draft) {
      const withDraft = await h.call<SubscriptionDetail>('subscriptions.get', {
        scope: h.scope,
        id: draft.subscriptionId!,
      });
      if (withDraft.nextInvoice)
        expect(withDraft.nextInvoice).toMatchObject({ amount: draft.amountDue, source: 'draft_invoice' });
    }
  });

  it('says when a subscription is not cached', async () => {
    const result = await h.dispatch('subscriptions.get', { scope: h.scope, id: 'sub_NotInTheCache' });
    expect(!result.ok && result.error.code).toBe('not_found');
  });
});

describe('subscription actions', () => {
  it('cancels at period end and undoes it: Stripe, the cache and the Activity log agree', async () => {
    const sub = cachedSubscription('active', billing);
    const canceling = await act(sub.id, { kind: 'cancel_at_period_end' });
    expect(canceling).toMatchObject({ id: sub.id, cancelAtPeriodEnd: true, nextInvoice: null });
    expect(canceling.actions).toMatchObject({
      cancel_at_period_end: expect.any(String),
      undo_cancel_at_period_end: null,
    });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(true);
    const cachedNow = h.store.get<Stripe.Subscription & { lastResponse?: unknown }>('subscriptions', sub.id)!;
    expect(cachedNow.cancel_at_period_end).toBe(true);
    expect(cachedNow.lastResponse).toBeUndefined(); // the SDK's response headers stay out of the cache

    const undone = await act(sub.id, { kind: 'undo_cancel_at_period_end' });
    expect(undone.cancelAtPeriodEnd).toBe(false);
    expect(h.store.get<Stripe.Subscription>('subscriptions', sub.id)!.cancel_at_period_end).toBe(false);

    const entries = activityFor(sub.id);
    expect(entries.map((e) => e.action)).toEqual([
      'subscription.undo_cancel_at_period_end',
      'subscription.cancel_at_period_end',
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        outcome: 'succeeded',
        agent: 'Test Agent',
        resultId: sub.id,
        currency: sub.currency,
        detail: 'active',
      });
      expect(entry.requestId).toMatch(/^req_/);
      expect(entry.amount).toBe(
        sub.items.data.reduce((sum, i) => sum + (i.price.unit_amount ?? 0) * (i.quantity ?? 1), 0),
      );
    }
    expect(new Set(entries.map((e) => e.requestId)).size).toBe(2);
  });

  it('sends a double submit and a resend of one confirmation to Stripe once', async () => {
    const sub = cachedSubscription('active', billing);
    const intentId = randomUUID();
    const [a, b] = await Promise.all([
      act(sub.id, { kind: 'cancel_at_period_end' }, intentId),
      act(sub.id, { kind: 'cancel_at_period_end' }, intentId),
    ]);
    // The resend comes after the cache already shows the effect: it must replay, not be refused.
    const c = await act(sub.id, { kind: 'cancel_at_period_end' }, intentId);
    expect([a, b, c].map((d) => d.cancelAtPeriodEnd)).toEqual([true, true, true]);
    expect(await h.eventsFor(sub.id, 'customer.subscription.updated')).toHaveLength(1);
    expect(activityFor(sub.id)).toHaveLength(1);
  });

  it('retries with the same key after the connection drops once Stripe committed: one change', async () => {
    const sub = cachedSubscription('active', billing);
    const intentId = randomUUID();
    // Every attempt loses its answer: the ledger's three, and the SDK's one resend after each closed connection.
    h.emulator.faults.dropAfterCommit({ method: 'POST', path: new RegExp(`/v1/subscriptions/${sub.id}$`) }, 6);
    // …and the look-up that would find the change at Stripe fails too.
    h.emulator.faults.fail500(6, { method: 'GET', path: new RegExp(`/v1/subscriptions/${sub.id}$`) });
    const lost = await h.dispatch('subscriptions.act', {
      scope: h.scope,
      id: sub.id,
      intentId,
      action: { kind: 'pause_collection', behavior: 'void' },
    });
    h.emulator.faults.clear();
    expect(!lost.ok && lost.error.details?.outcome).toBe('unknown');
    // Without an answer the outcome is unknown; the agent's retry finds the change at Stripe (not sent again).
    expect(h.ledger.find(intentId)?.state).toBe('unknown');
    const detail = await act(sub.id, { kind: 'pause_collection', behavior: 'void' }, intentId);
    expect(detail.pause).toEqual({ behavior: 'void', resumesAt: null });
    expect(await h.eventsFor(sub.id, 'customer.subscription.updated')).toHaveLength(1);
    expect(h.ledger.find(intentId)?.state).toBe('succeeded');
    expect(activityFor(sub.id).filter((e) => e.outcome === 'succeeded')).toHaveLength(1);
  });

  it('cancels now with Stripe’s invoice_now, prorate and comment options', async () => {
    const sub = cachedSubscription('past_due');
    const detail = await act(sub.id, {
      kind: 'cancel_now',
      invoiceNow: true,
      prorate: false,
      comment: 'Customer asked by phone',
    });
    expect(detail).toMatchObject({ status: 'canceled', nextInvoice: null });
    expect(Object.values(detail.actions).every((reason) => reason !== null)).toBe(true);
    expect(h.store.get<Stripe.Subscription>('subscriptions', sub.id)!.status).toBe('canceled');
    const intentId = h.intentFor(sub.id);
    expect(h.ledger.find(intentId)?.params).toEqual({
      subscriptionId: sub.id,
      method: 'cancel',
      body: { invoice_now: true, prorate: false, cancellation_details: { comment: 'Customer asked by phone' } },
    });
    expect(activityFor(sub.id)[0]).toMatchObject({
      action: 'subscription.cancel_now',
      outcome: 'succeeded',
      detail: 'canceled',
    });
  });

  it('pauses collection with a resume date and resumes it', async () => {
    const sub = cachedSubscription('active', billing);
    const resumesAt = Math.floor(Date.now() / 1000) + 30 * 86400;
    const paused = await act(sub.id, { kind: 'pause_collection', behavior: 'keep_as_draft', resumesAt });
    expect(paused.pause).toEqual({ behavior: 'keep_as_draft', resumesAt });
    expect(paused.nextInvoiceNote).toMatch(/stay drafts/);
    expect(paused.actions).toMatchObject({
      pause_collection: expect.stringContaining('already paused'),
      resume_collection: null,
    });
    const resumed = await act(sub.id, { kind: 'resume_collection' });
    expect(resumed.pause).toBeNull();
    expect((await h.stripe.subscriptions.retrieve(sub.id)).pause_collection).toBeNull();
  });

  it('resumes a paused subscription', async () => {
    const sub = cachedSubscription('paused');
    const resumed = await act(sub.id, { kind: 'resume' });
    expect(resumed.status).toBe('active');
    expect(h.store.get<Stripe.Subscription>('subscriptions', sub.id)!.status).toBe('active');
    expect(activityFor(sub.id)[0]).toMatchObject({ action: 'subscription.resume', outcome: 'succeeded' });
  });

  it('refuses transitions the state rules out, with the reason, before asking Stripe', async () => {
    const canceled = cachedSubscription('canceled');
    const active = cachedSubscription('active', billing);
    const paused = cachedSubscription('paused');
    const before = (await h.stripe.events.list({ limit: 1 })).data[0]?.id;

    expect(await actError(canceled.id, { kind: 'cancel_now', invoiceNow: false, prorate: false })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('has ended'),
    });
    expect(await actError(active.id, { kind: 'undo_cancel_at_period_end' })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('not set to cancel'),
    });
    expect(await actError(active.id, { kind: 'resume' })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('status is paused'),
    });
    expect(await actError(active.id, { kind: 'resume_collection' })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('not paused'),
    });
    expect(await actError(paused.id, { kind: 'cancel_at_period_end' })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('resume it'),
    });
    expect(
      await actError(active.id, { kind: 'pause_collection', behavior: 'void', resumesAt: 1_000_000 }),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('future'),
    });
    expect(await actError(active.id, { kind: 'pause_collection', behavior: 'skip' })).toMatchObject({
      code: 'invalid_input',
    });
    expect(await actError(active.id, { kind: 'explode' })).toMatchObject({ code: 'invalid_input' });

    expect((await h.stripe.events.list({ limit: 1 })).data[0]?.id).toBe(before);
    expect(activityFor(canceled.id)).toEqual([]);
  });

  it('reports Stripe’s refusal for a subscription the cache does not know yet, and logs it with the request id', async () => {
    const sub = h.uncachedSubscription;
    const refused = await actError(sub.id, { kind: 'resume' });
    expect(refused).toMatchObject({ code: 'stripe_error', message: expect.stringContaining('not paused') });
    const [entry] = h.activity.list(h.scope, { objectId: sub.id }, { limit: 5 }).items;
    expect(entry).toMatchObject({
      action: 'subscription.resume',
      outcome: 'failed',
      detail: expect.stringContaining('not paused'),
      amount: null,
    });
    expect(entry!.requestId).toMatch(/^req_/);
  });

  it('names the missing permission when the key may not write subscriptions', async () => {
    const sub = cachedSubscription('active', billing);
    const error = await h.withRestrictedKey(() => actError(sub.id, { kind: 'cancel_at_period_end' }));
    expect(error).toMatchObject({
      code: 'permission_denied',
      details: expect.objectContaining({ permission: 'rak_subscription_write' }),
    });
    expect(error.message).toContain('rak_subscription_write');
    expect((await h.stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(false);
  });
});
