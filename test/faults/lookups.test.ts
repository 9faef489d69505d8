import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestMatch } from '../../src-main/emulator';
import { eventFor } from '../../src-main/mutations/event-lookup';
import { allowsNewRequest } from '../../src-preload/contract/write-outcome';
import { tinyPdf } from '../disputes/harness';
import { startFaultRig, type FaultRig, type Settled } from './fault-rig';

/**
 * Look-ups before a resend, for the writes that set state (subscriptions, dispute evidence) and evidence files:
 * through createConsoleApp and the real SDK against the emulator. Stripe applies the write and every answer is
 * lost; the look-up must find the effect at Stripe (its state, or the event its request caused) so the intent
 * succeeds without a second request — also past the idempotency key's 24 h, when a resend would act again.
 */
let rig: FaultRig;
beforeAll(async () => {
  rig = await startFaultRig({ customers: 160 });
}, 120_000);
afterAll(() => rig.stop());

const HOUR = 60 * 60 * 1000;
const DAY = 24 * 60 * 60;
const SUBSCRIPTION_WRITES: RequestMatch = { method: 'POST', path: /^\/v1\/subscriptions\/[^/]+(\/resume)?$/ };
const SUBSCRIPTION_CANCEL: RequestMatch = { method: 'DELETE', path: /^\/v1\/subscriptions\/[^/]+$/ };
const DISPUTE_WRITES: RequestMatch = { method: 'POST', path: /^\/v1\/disputes\/[^/]+$/ };
const FILE_UPLOADS: RequestMatch = { method: 'POST', path: /^\/v1\/files$/ };
/** Every look-up (a retrieve or an events list) fails: the call can't learn what happened. */
const LOOK_UPS: RequestMatch = { method: 'GET' };

const taken = new Set<string>();
/** A subscription of the emulator's seed no other test touched, put into the cache as sync would. */
async function subscription(where: (s: Stripe.Subscription) => boolean): Promise<Stripe.Subscription> {
  for await (const sub of rig.admin.subscriptions.list({ limit: 100 })) {
    if (taken.has(sub.id) || !where(sub)) continue;
    taken.add(sub.id);
    rig.t.app.services.sync.applyObject(rig.scope, sub as never, rig.clock.now());
    return sub;
  }
  throw new Error('the emulator seeded no spare subscription of that kind');
}
const billing = (s: Stripe.Subscription) =>
  s.status === 'active' && !s.cancel_at_period_end && !s.pause_collection && s.items.data.length === 1;

function act(id: string, intentId: string, action: object): Promise<Settled<unknown>> {
  return rig.settle(rig.t.call('subscriptions.act', { scope: rig.scope, id, intentId, action } as never));
}

/** Stripe applies every attempt of the write, and every answer is lost; look-ups fail too when asked. */
async function lost<T>(write: RequestMatch, call: () => Promise<Settled<T>>, lookUps = false): Promise<Settled<T>> {
  rig.stripe.faults.dropAfterCommit(write, 20);
  if (lookUps) rig.stripe.faults.fail500(100, LOOK_UPS);
  const result = await call();
  rig.stripe.faults.clear();
  return result;
}

async function eventsWithKey(type: string, key: string): Promise<Stripe.Event[]> {
  const events = await rig.admin.events.list({ type, limit: 100 });
  return events.data.filter((e) => e.request?.idempotency_key === key);
}

function record(intentId: string) {
  const found = rig.ledger.find(intentId);
  if (!found) throw new Error(`no intent ${intentId}`);
  return found;
}

describe('subscription writes: a lost answer is found at Stripe, never sent twice', () => {
  const cases: {
    name: string;
    pick: (s: Stripe.Subscription) => boolean;
    action: object;
    shows: (s: Stripe.Subscription) => boolean;
    match?: RequestMatch;
    prepare?: (s: Stripe.Subscription) => Promise<void>;
  }[] = [
    {
      name: 'cancel at period end',
      pick: billing,
      action: { kind: 'cancel_at_period_end' },
      shows: (s) => s.cancel_at_period_end,
    },
    {
      name: 'pause collection',
      pick: billing,
      action: { kind: 'pause_collection', behavior: 'void' },
      shows: (s) => s.pause_collection?.behavior === 'void',
    },
    {
      name: 'resume collection',
      pick: billing,
      prepare: async (s) => {
        const paused = await rig.admin.subscriptions.update(s.id, { pause_collection: { behavior: 'keep_as_draft' } });
        rig.jump(1000);
        rig.t.app.services.sync.applyObject(rig.scope, paused as never, rig.clock.now());
      },
      action: { kind: 'resume_collection' },
      shows: (s) => s.pause_collection === null,
    },
    {
      name: 'cancel now',
      pick: billing,
      action: { kind: 'cancel_now', invoiceNow: false, prorate: false },
      shows: (s) => s.status === 'canceled',
      match: SUBSCRIPTION_CANCEL,
    },
    {
      name: 'resume a paused subscription',
      pick: billing,
      prepare: async (s) => {
        const paused = rig.stripe.admin.setSubscriptionStatus(s.id, 'paused');
        rig.jump(1000);
        rig.t.app.services.sync.applyObject(rig.scope, paused as never, rig.clock.now());
      },
      action: { kind: 'resume' },
      shows: (s) => s.status === 'active',
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const sub = await subscription(c.pick);
      await c.prepare?.(sub);
      const intentId = randomUUID();
      const result = await lost(c.match ?? SUBSCRIPTION_WRITES, () => act(sub.id, intentId, c.action));
      expect(result.ok ? null : result.error.message).toBeNull();
      // One request went out; the retry after the lost answer found the change instead of sending it again.
      expect(record(intentId)).toMatchObject({ state: 'succeeded', attempts: 1, resultId: sub.id });
      expect(c.shows(await rig.admin.subscriptions.retrieve(sub.id))).toBe(true);
    });
  }

  it('a plan change (quantity): found by the quantity Stripe now holds', async () => {
    const sub = await subscription(billing);
    const item = sub.items.data[0]!;
    const quantity = (item.quantity ?? 1) + 2;
    const intentId = randomUUID();
    const change = { kind: 'plan', quantity, proration: 'none', prorationDate: Math.floor(rig.clock.now() / 1000) };
    const result = await lost(SUBSCRIPTION_WRITES, () =>
      rig.settle(rig.t.call('subscriptions.change', { scope: rig.scope, id: sub.id, intentId, change } as never)),
    );
    expect(result.ok).toBe(true);
    expect(record(intentId)).toMatchObject({ state: 'succeeded', attempts: 1 });
    const now = await rig.admin.subscriptions.retrieve(sub.id);
    expect(now.items.data[0]!.quantity).toBe(quantity);
    expect(await eventsWithKey('customer.subscription.updated', record(intentId).idempotencyKey)).toHaveLength(1);
  });

  it('past the key’s 24 h, after someone changed it back: found by the event its request caused, not resent', async () => {
    const sub = await subscription(billing);
    const intentId = randomUUID();
    const first = await lost(SUBSCRIPTION_WRITES, () => act(sub.id, intentId, { kind: 'cancel_at_period_end' }), true);
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.error.details?.['outcome']).toBe('unknown');
    expect(record(intentId).state).toBe('unknown');
    // Someone undoes it in the Dashboard; a day passes, and Stripe forgets the idempotency key.
    await rig.admin.subscriptions.update(sub.id, { cancel_at_period_end: false });
    rig.jump(25 * HOUR);
    const retry = await act(sub.id, intentId, { kind: 'cancel_at_period_end' });
    expect(retry.ok).toBe(true);
    expect(record(intentId)).toMatchObject({ state: 'succeeded', attempts: 1 });
    // Not sent again: Stripe still shows the Dashboard's undo.
    expect((await rig.admin.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(false);
  });

  it('past 24 h, never applied: refused as never carried out, and only then a new request is offered', async () => {
    const sub = await subscription(billing);
    const intentId = randomUUID();
    rig.stripe.faults.offline();
    const first = await act(sub.id, intentId, { kind: 'pause_collection', behavior: 'void' });
    rig.stripe.faults.clear();
    expect(first.ok).toBe(false);
    if (!first.ok) expect(allowsNewRequest(first.error)).toBe(false);
    rig.jump(25 * HOUR);
    const retry = await act(sub.id, intentId, { kind: 'pause_collection', behavior: 'void' });
    expect(retry.ok).toBe(false);
    if (!retry.ok) expect(allowsNewRequest(retry.error)).toBe(true);
    expect(record(intentId)).toMatchObject({ state: 'refused', attempts: 1 });
    expect((await rig.admin.subscriptions.retrieve(sub.id)).pause_collection).toBeNull();
  });

  it('past Stripe’s 30 days of events, no event proves anything: the search says it can’t tell (the intent stays unknown)', async () => {
    const now = Math.floor(rig.clock.now() / 1000);
    const context = { idempotencyKey: `sc-x-${randomUUID()}`, now };
    await expect(
      eventFor(rig.admin, 'customer.subscription.*', { ...context, firstSentAt: now - 31 * DAY }),
    ).rejects.toThrow(/can no longer be searched/);
    await expect(
      eventFor(rig.admin, 'customer.subscription.*', { ...context, firstSentAt: now - 29 * DAY }),
    ).resolves.toBeNull();
  });
});

describe('dispute evidence and files: a lost answer is found at Stripe, never sent twice', () => {
  async function openDispute(): Promise<Stripe.Dispute> {
    const { chargeId } = await rig.payment(5_000, 'usd');
    const dispute = rig.stripe.admin.createDispute(chargeId);
    rig.t.app.services.sync.applyObject(rig.scope, dispute as never, rig.clock.now());
    return dispute;
  }
  const send = (disputeId: string, submit: boolean, intentId: string) =>
    rig.settle(rig.t.call('disputes.evidence.send', { scope: rig.scope, disputeId, submit, intentId }));

  for (const submit of [false, true]) {
    it(submit ? 'submitting evidence' : 'staging evidence', async () => {
      const dispute = await openDispute();
      const text = `Shipped on time (${randomUUID()})`;
      await rig.t.call('disputes.draft.save', {
        scope: rig.scope,
        disputeId: dispute.id,
        evidence: { product_description: text },
      });
      const intentId = randomUUID();
      const result = await lost(DISPUTE_WRITES, () => send(dispute.id, submit, intentId));
      expect(result.ok).toBe(true);
      expect(record(intentId)).toMatchObject({ state: 'succeeded', attempts: 1, resultId: dispute.id });
      const now = await rig.admin.disputes.retrieve(dispute.id);
      expect(now.evidence.product_description).toBe(text);
      expect(now.evidence_details.submission_count).toBe(submit ? 1 : 0);
    });
  }

  it('submitted, then past 24 h with the look-ups failing at first: found once they answer, not submitted twice', async () => {
    const dispute = await openDispute();
    await rig.t.call('disputes.draft.save', {
      scope: rig.scope,
      disputeId: dispute.id,
      evidence: { product_description: 'Delivered' },
    });
    const intentId = randomUUID();
    const first = await lost(DISPUTE_WRITES, () => send(dispute.id, true, intentId), true);
    expect(first.ok).toBe(false);
    rig.jump(25 * HOUR);
    expect((await send(dispute.id, true, intentId)).ok).toBe(true);
    expect(record(intentId)).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect((await rig.admin.disputes.retrieve(dispute.id)).evidence_details.submission_count).toBe(1);
  });

  const upload = (disputeId: string, intentId: string) =>
    rig.settle(
      rig.t.call('disputes.file.upload', {
        scope: rig.scope,
        disputeId,
        field: 'receipt',
        name: 'receipt.pdf',
        dataBase64: tinyPdf().toString('base64'),
        intentId,
      }),
    );

  it('an evidence file: found by the file.created event its request caused, uploaded once', async () => {
    const dispute = await openDispute();
    const intentId = randomUUID();
    const result = await lost(FILE_UPLOADS, () => upload(dispute.id, intentId));
    expect(result.ok).toBe(true);
    const { idempotencyKey, resultId } = record(intentId);
    expect(record(intentId)).toMatchObject({ state: 'succeeded', attempts: 1 });
    const created = await eventsWithKey('file.created', idempotencyKey);
    expect(created.map((e) => (e.data.object as Stripe.File).id)).toEqual([resultId]);
  });

  it('an evidence file never received, past 24 h: refused as never carried out, so it may be chosen again', async () => {
    const dispute = await openDispute();
    const intentId = randomUUID();
    rig.stripe.faults.offline();
    await upload(dispute.id, intentId);
    rig.stripe.faults.clear();
    expect(record(intentId).state).toBe('unknown');
    rig.jump(25 * HOUR);
    await rig.settle(rig.t.call('disputes.file.retry', { scope: rig.scope, disputeId: dispute.id, field: 'receipt' }));
    expect(record(intentId)).toMatchObject({ state: 'refused', attempts: 1 });
    expect(await eventsWithKey('file.created', record(intentId).idempotencyKey)).toEqual([]);
  });
});

describe('invoice actions: a lost answer is found at Stripe, never sent twice', () => {
  const INVOICE_WRITES: RequestMatch = { method: 'POST', path: /^\/v1\/invoices\/[^/]+\/[a-z_]+$/ };
  const used = new Set<string>();
  async function openInvoice(): Promise<Stripe.Invoice> {
    for await (const invoice of rig.admin.invoices.list({ status: 'open', limit: 100 })) {
      if (used.has(invoice.id)) continue;
      used.add(invoice.id);
      rig.t.app.services.sync.applyObject(rig.scope, invoice as never, rig.clock.now());
      return invoice;
    }
    throw new Error('the emulator seeded no spare open invoice');
  }
  const act = (id: string, intentId: string, action: object) =>
    rig.settle(rig.t.call('invoices.act', { scope: rig.scope, id, intentId, action } as never));

  it('void: found by the invoice’s status', async () => {
    const invoice = await openInvoice();
    const intentId = randomUUID();
    const result = await lost(INVOICE_WRITES, () => act(invoice.id, intentId, { kind: 'void' }));
    expect(result.ok ? null : result.error.message).toBeNull();
    expect(record(intentId)).toMatchObject({ state: 'succeeded', attempts: 1, resultId: invoice.id });
    expect((await rig.admin.invoices.retrieve(invoice.id)).status).toBe('void');
  });

  it('send: leaves no state, found by the invoice.sent event its request caused', async () => {
    const invoice = await openInvoice();
    const intentId = randomUUID();
    const first = await lost(INVOICE_WRITES, () => act(invoice.id, intentId, { kind: 'send' }), true);
    expect(first.ok).toBe(false);
    rig.jump(25 * HOUR);
    const retry = await act(invoice.id, intentId, { kind: 'send' });
    expect(retry.ok ? null : retry.error.message).toBeNull();
    expect(record(intentId)).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(await eventsWithKey('invoice.sent', record(intentId).idempotencyKey)).toHaveLength(1);
  });
});
