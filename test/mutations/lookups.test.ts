import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { findCustomerWrite } from '../../src-main/customers/customer-lookups';
import { evidenceShows, findEvidenceWrite, findUpload } from '../../src-main/disputes/evidence-lookups';
import { findCreditNote, findInvoiceAction } from '../../src-main/invoices/invoice-lookups';
import { EVENT_RETENTION_SECONDS, eventFor, outcomeOfEvent } from '../../src-main/mutations/event-lookup';
import type { LookupContext } from '../../src-main/mutations/mutation-ledger';
import {
  findSubscriptionWrite,
  shows,
  type SubscriptionWrite,
} from '../../src-main/subscriptions/subscription-lookups';

/**
 * The executors' look-ups against scripted Stripe answers (no HTTP): which state proves a write took effect, and
 * how the event search reads Stripe's event list. test/faults/lookups.test.ts runs them through the real SDK and
 * the emulator under dropped answers.
 */
const NOW = 1_800_000_000;
const KEY = 'sc-kind-intent-1';
const context: LookupContext = {
  idempotencyKey: KEY,
  intentId: 'intent-1',
  requestOptions: { idempotencyKey: KEY, maxNetworkRetries: 0 },
  firstSentAt: NOW - 3600,
  now: NOW,
};

let eventCount = 0;
function event(key: string | null, object: object = { id: `obj_${eventCount}`, status: 'active' }): Stripe.Event {
  eventCount++;
  return {
    id: `evt_${eventCount}`,
    request: key === null ? null : { id: `req_${eventCount}`, idempotency_key: key },
    data: { object },
  } as unknown as Stripe.Event;
}

/** Stripe as scripted: the objects it holds, and its events list served in pages. */
function scripted(held: { subscription?: object; dispute?: object; invoice?: object; events?: Stripe.Event[] }) {
  const listed: Stripe.EventListParams[] = [];
  const retrieved: string[] = [];
  const events = held.events ?? [];
  const retrieve = (what: object | undefined) => async (id: string) => {
    retrieved.push(id);
    return what;
  };
  const stripe = {
    subscriptions: { retrieve: retrieve(held.subscription) },
    disputes: { retrieve: retrieve(held.dispute) },
    invoices: { retrieve: retrieve(held.invoice) },
    events: {
      list: async (params: Stripe.EventListParams) => {
        listed.push(params);
        const from = params.starting_after ? events.findIndex((e) => e.id === params.starting_after) + 1 : 0;
        const data = events.slice(from, from + (params.limit ?? 10));
        return { data, has_more: from + data.length < events.length };
      },
    },
  } as unknown as Stripe;
  return { stripe, listed, retrieved };
}

const others = (n: number) => Array.from({ length: n }, () => event('sc-other'));

describe('eventFor: the event caused by the intent’s request', () => {
  it('searches the type since the first send (less the clock skew), 100 at a time, and returns the event with the key', async () => {
    const mine = event(KEY);
    const { stripe, listed } = scripted({ events: [event(null), event('sc-other'), mine] });
    await expect(eventFor(stripe, 'customer.subscription.*', context)).resolves.toBe(mine);
    expect(listed).toEqual([{ type: 'customer.subscription.*', created: { gte: NOW - 3600 - 300 }, limit: 100 }]);
  });

  it('none with the key: null, after reading every page', async () => {
    const { stripe, listed } = scripted({ events: others(250) });
    await expect(eventFor(stripe, 'file.created', context)).resolves.toBeNull();
    expect(listed.map((p) => p.starting_after)).toEqual([
      undefined,
      'evt_' + (eventCount - 150),
      'evt_' + (eventCount - 50),
    ]);
  });

  it('pages on after the last event of each page', async () => {
    const first = others(100);
    const mine = event(KEY);
    const { stripe, listed } = scripted({ events: [...first, mine] });
    await expect(eventFor(stripe, 'invoice.*', context)).resolves.toBe(mine);
    expect(listed).toHaveLength(2);
    expect(listed[1]).toEqual({
      type: 'invoice.*',
      created: { gte: NOW - 3900 },
      limit: 100,
      starting_after: first[99]!.id,
    });
  });

  it('an empty page that says there is more ends the search', async () => {
    const stripe = {
      events: { list: async () => ({ data: [], has_more: true }) },
    } as unknown as Stripe;
    await expect(eventFor(stripe, 'invoice.*', context)).resolves.toBeNull();
  });

  it('reads 20 pages at most: found on the 20th, and "can’t tell" when it isn’t there either', async () => {
    const mine = event(KEY);
    const found = scripted({ events: [...others(1900), mine, ...others(100)] });
    await expect(eventFor(found.stripe, 'invoice.*', context)).resolves.toBe(mine);
    expect(found.listed).toHaveLength(20);
    const busy = scripted({ events: others(2001) });
    await expect(eventFor(busy.stripe, 'invoice.*', context)).rejects.toMatchObject({
      code: 'conflict',
      retryable: false,
    });
    expect(busy.listed).toHaveLength(20);
  });

  it('past Stripe’s 30 days of events (less the skew) it can’t tell, and doesn’t ask', async () => {
    const limit = EVENT_RETENTION_SECONDS - 300;
    expect(EVENT_RETENTION_SECONDS).toBe(30 * 24 * 60 * 60);
    const old = scripted({ events: [event(KEY)] });
    await expect(eventFor(old.stripe, 'invoice.*', { ...context, firstSentAt: NOW - limit - 1 })).rejects.toThrow(
      /can no longer be searched/,
    );
    expect(old.listed).toEqual([]);
    const edge = scripted({ events: [event(KEY)] });
    await expect(eventFor(edge.stripe, 'invoice.*', { ...context, firstSentAt: NOW - limit })).resolves.not.toBeNull();
  });

  it('outcomeOfEvent: the object the write produced, with the request that caused it', () => {
    const withStatus = event(KEY, { id: 'sub_1', status: 'canceled' });
    expect(outcomeOfEvent(withStatus)).toEqual({
      id: 'sub_1',
      status: 'canceled',
      requestId: `req_${eventCount}`,
      object: withStatus.data.object,
    });
    expect(outcomeOfEvent(event(null, { id: 'file_1' }))).toMatchObject({
      id: 'file_1',
      status: null,
      requestId: null,
    });
  });
});

const subscription = (overrides: Record<string, unknown> = {}) =>
  ({
    id: 'sub_1',
    status: 'active',
    cancel_at_period_end: false,
    pause_collection: null,
    trial_end: null,
    default_payment_method: null,
    items: { data: [{ id: 'si_1', quantity: 2, price: { id: 'price_1' } }] },
    ...overrides,
  }) as unknown as Stripe.Subscription;
const update = (body: object): SubscriptionWrite => ({ subscriptionId: 'sub_1', method: 'update', body });

describe('subscription look-up: the subscription shows what the write asked for', () => {
  it('a cancellation shows as canceled; a resume as neither paused nor canceled', () => {
    const cancel: SubscriptionWrite = { subscriptionId: 'sub_1', method: 'cancel', body: {} };
    expect(shows(subscription({ status: 'canceled' }), cancel, NOW)).toBe(true);
    expect(shows(subscription(), cancel, NOW)).toBe(false);
    const resume: SubscriptionWrite = { subscriptionId: 'sub_1', method: 'resume', body: {} };
    expect(shows(subscription(), resume, NOW)).toBe(true);
    expect(shows(subscription({ status: 'paused' }), resume, NOW)).toBe(false);
    expect(shows(subscription({ status: 'canceled' }), resume, NOW)).toBe(false);
  });

  it('cancel at period end, either way', () => {
    expect(shows(subscription({ cancel_at_period_end: true }), update({ cancel_at_period_end: true }), NOW)).toBe(true);
    expect(shows(subscription(), update({ cancel_at_period_end: true }), NOW)).toBe(false);
    expect(shows(subscription(), update({ cancel_at_period_end: false }), NOW)).toBe(true);
  });

  it('pause collection: behaviour and resume date; unset ("") shows as none', () => {
    const paused = subscription({ pause_collection: { behavior: 'void', resumes_at: 1_900_000_000 } });
    expect(shows(paused, update({ pause_collection: { behavior: 'void' } }), NOW)).toBe(true);
    expect(shows(paused, update({ pause_collection: { behavior: 'void', resumes_at: 1_900_000_000 } }), NOW)).toBe(
      true,
    );
    expect(shows(paused, update({ pause_collection: { behavior: 'void', resumes_at: 1_900_000_001 } }), NOW)).toBe(
      false,
    );
    expect(shows(paused, update({ pause_collection: { behavior: 'keep_as_draft' } }), NOW)).toBe(false);
    expect(shows(subscription(), update({ pause_collection: { behavior: 'void' } }), NOW)).toBe(false);
    expect(shows(subscription(), update({ pause_collection: '' }), NOW)).toBe(true);
    expect(shows(paused, update({ pause_collection: '' }), NOW)).toBe(false);
  });

  it('trial end: a date is that date; "now" is a trial that is over', () => {
    expect(shows(subscription({ trial_end: 1_900_000_000 }), update({ trial_end: 1_900_000_000 }), NOW)).toBe(true);
    expect(shows(subscription({ trial_end: 1_900_000_001 }), update({ trial_end: 1_900_000_000 }), NOW)).toBe(false);
    expect(shows(subscription({ trial_end: NOW }), update({ trial_end: 'now' }), NOW)).toBe(true);
    expect(shows(subscription({ trial_end: null }), update({ trial_end: 'now' }), NOW)).toBe(true);
    expect(shows(subscription({ trial_end: NOW + 1 }), update({ trial_end: 'now' }), NOW)).toBe(false);
    expect(shows(subscription({ status: 'trialing', trial_end: NOW - 1 }), update({ trial_end: 'now' }), NOW)).toBe(
      false,
    );
  });

  it('default card, as an id or an expanded object', () => {
    expect(
      shows(subscription({ default_payment_method: 'pm_1' }), update({ default_payment_method: 'pm_1' }), NOW),
    ).toBe(true);
    expect(
      shows(subscription({ default_payment_method: { id: 'pm_1' } }), update({ default_payment_method: 'pm_1' }), NOW),
    ).toBe(true);
    expect(shows(subscription(), update({ default_payment_method: 'pm_1' }), NOW)).toBe(false);
  });

  it('items: each asked item has the asked quantity and price; billing-only fields say nothing', () => {
    const plan = (item: object) =>
      update({ items: [{ id: 'si_1', ...item }], proration_behavior: 'none', proration_date: 1 });
    expect(shows(subscription(), plan({ quantity: 2, price: 'price_1' }), NOW)).toBe(true);
    expect(shows(subscription(), plan({}), NOW)).toBe(true);
    expect(shows(subscription(), plan({ quantity: 3 }), NOW)).toBe(false);
    expect(shows(subscription(), plan({ price: 'price_2' }), NOW)).toBe(false);
    expect(shows(subscription(), update({ items: [{ id: 'si_2', quantity: 2 }] }), NOW)).toBe(false);
    // A change of two items shows only when both are there as asked.
    const both = subscription({
      items: {
        data: [
          { id: 'si_1', quantity: 2, price: { id: 'price_1' } },
          { id: 'si_2', quantity: 1, price: { id: 'price_2' } },
        ],
      },
    });
    const twoItems = (quantity: number) =>
      update({
        items: [
          { id: 'si_1', quantity: 2 },
          { id: 'si_2', quantity },
        ],
      });
    expect(shows(both, twoItems(1), NOW)).toBe(true);
    expect(shows(both, twoItems(5), NOW)).toBe(false);
    const unexpanded = subscription({ items: { data: [{ id: 'si_1', quantity: 2, price: 'price_1' }] } });
    expect(shows(unexpanded, plan({ price: 'price_1' }), NOW)).toBe(true);
  });

  it('a field it can’t read back never confirms', () => {
    expect(shows(subscription(), update({ description: 'x' }), NOW)).toBe(false);
    expect(shows(subscription(), update({ cancel_at_period_end: false, description: 'x' }), NOW)).toBe(false);
  });

  it('findSubscriptionWrite: the state first; then the event; a cancellation by its state alone', async () => {
    const shown = scripted({ subscription: subscription({ cancel_at_period_end: true }) });
    await expect(
      findSubscriptionWrite(shown.stripe, update({ cancel_at_period_end: true }), context),
    ).resolves.toMatchObject({
      id: 'sub_1',
      status: 'active',
    });
    expect(shown.retrieved).toEqual(['sub_1']);
    expect(shown.listed).toEqual([]);

    const cancel = scripted({ subscription: subscription(), events: [event(KEY)] });
    await expect(
      findSubscriptionWrite(cancel.stripe, { subscriptionId: 'sub_1', method: 'cancel', body: {} }, context),
    ).resolves.toBeNull();
    expect(cancel.listed).toEqual([]);

    const changedSince = event(KEY, { id: 'sub_1', status: 'active', cancel_at_period_end: true });
    const byEvent = scripted({ subscription: subscription(), events: [changedSince] });
    await expect(
      findSubscriptionWrite(byEvent.stripe, update({ cancel_at_period_end: true }), context),
    ).resolves.toMatchObject({
      object: changedSince.data.object,
    });
    expect(byEvent.listed[0]?.type).toBe('customer.subscription.*');

    const never = scripted({ subscription: subscription(), events: [event('sc-other')] });
    await expect(
      findSubscriptionWrite(never.stripe, update({ cancel_at_period_end: true }), context),
    ).resolves.toBeNull();
  });
});

const dispute = (status: string, evidence: Record<string, unknown>) =>
  ({ id: 'dp_1', status, evidence }) as unknown as Stripe.Dispute;

describe('evidence look-up: the dispute holds exactly this evidence (and, submitted, has left needs_response)', () => {
  const write = (submit: boolean, evidence: Record<string, string>) => ({
    disputeId: 'dp_1',
    submit,
    evidence: evidence as Stripe.DisputeUpdateParams.Evidence,
  });

  it('staged: every sent field as held; cleared ("") as nothing; a file by its id', () => {
    const held = { product_description: 'Boots', receipt: { id: 'file_1' }, refund_policy: null };
    expect(evidenceShows(dispute('needs_response', held), write(false, { product_description: 'Boots' }))).toBe(true);
    expect(evidenceShows(dispute('needs_response', held), write(false, { receipt: 'file_1', refund_policy: '' }))).toBe(
      true,
    );
    expect(evidenceShows(dispute('needs_response', held), write(false, { product_description: 'Shoes' }))).toBe(false);
    expect(evidenceShows(dispute('needs_response', held), write(false, { receipt: 'file_2' }))).toBe(false);
    expect(
      evidenceShows(dispute('needs_response', held), write(false, { product_description: 'Boots', receipt: 'file_2' })),
    ).toBe(false);
    expect(evidenceShows(dispute('needs_response', held), write(false, { product_description: '' }))).toBe(false);
    expect(evidenceShows(dispute('needs_response', { receipt: 'file_1' }), write(false, { receipt: 'file_1' }))).toBe(
      true,
    );
  });

  it.each(['under_review', 'warning_under_review', 'won', 'lost', 'warning_closed'])(
    'submitted: %s is past the response',
    (status) => {
      expect(
        evidenceShows(dispute(status, { product_description: 'Boots' }), write(true, { product_description: 'Boots' })),
      ).toBe(true);
    },
  );

  it.each(['needs_response', 'warning_needs_response'])('submitted: %s means not submitted yet', (status) => {
    expect(
      evidenceShows(dispute(status, { product_description: 'Boots' }), write(true, { product_description: 'Boots' })),
    ).toBe(false);
  });

  it('findEvidenceWrite: the dispute first, then the dispute events of the request', async () => {
    const shown = scripted({ dispute: dispute('under_review', { product_description: 'Boots' }) });
    await expect(
      findEvidenceWrite(shown.stripe, write(true, { product_description: 'Boots' }), context),
    ).resolves.toEqual({
      id: 'dp_1',
      status: 'under_review',
      requestId: null,
      object: dispute('under_review', { product_description: 'Boots' }),
    });
    expect(shown.retrieved).toEqual(['dp_1']);
    expect(shown.listed).toEqual([]);

    const mine = event(KEY, { id: 'dp_1', status: 'under_review' });
    const byEvent = scripted({ dispute: dispute('needs_response', {}), events: [mine] });
    await expect(
      findEvidenceWrite(byEvent.stripe, write(false, { product_description: 'Boots' }), context),
    ).resolves.toMatchObject({
      id: 'dp_1',
    });
    expect(byEvent.listed[0]?.type).toBe('charge.dispute.*');
    const none = scripted({ dispute: dispute('needs_response', {}), events: [] });
    await expect(
      findEvidenceWrite(none.stripe, write(false, { product_description: 'Boots' }), context),
    ).resolves.toBeNull();
  });

  it('findUpload: the file.created event of the request, as uploaded', async () => {
    const mine = event(KEY, { id: 'file_9' });
    const found = scripted({ events: [mine] });
    await expect(findUpload(found.stripe, context)).resolves.toEqual({
      id: 'file_9',
      status: 'uploaded',
      requestId: mine.request!.id,
      object: mine.data.object,
    });
    expect(found.listed[0]?.type).toBe('file.created');
    const unnamed = scripted({
      events: [{ ...event(KEY, { id: 'file_8' }), request: { id: null, idempotency_key: KEY } } as Stripe.Event],
    });
    await expect(findUpload(unnamed.stripe, context)).resolves.toMatchObject({ requestId: null });
    await expect(findUpload(scripted({}).stripe, context)).resolves.toBeNull();
  });
});

describe('invoice, credit note and customer look-ups', () => {
  const invoice = (status: string) => ({ id: 'in_1', status }) as unknown as Stripe.Invoice;
  const act = (kind: string) => ({ invoice: 'in_1', action: { kind } as never });

  it.each([
    ['pay', 'paid', 'open'],
    ['finalize', 'open', 'draft'],
    ['void', 'void', 'open'],
    ['mark_uncollectible', 'uncollectible', 'open'],
  ])('%s: shown by status %s, not by %s (then the invoice events decide)', async (kind, done, before) => {
    const shown = scripted({ invoice: invoice(done) });
    await expect(findInvoiceAction(shown.stripe, act(kind), context)).resolves.toMatchObject({
      id: 'in_1',
      status: done,
      requestId: null,
    });
    expect(shown.retrieved).toEqual(['in_1']);
    expect(shown.listed).toEqual([]);
    const notYet = scripted({ invoice: invoice(before), events: [event('sc-other')] });
    await expect(findInvoiceAction(notYet.stripe, act(kind), context)).resolves.toBeNull();
    expect(notYet.listed[0]?.type).toBe('invoice.*');
  });

  it('send: only its invoice.sent event can tell', async () => {
    const mine = event(KEY, { id: 'in_1', status: 'open' });
    const sent = scripted({ invoice: invoice('open'), events: [mine] });
    await expect(findInvoiceAction(sent.stripe, act('send'), context)).resolves.toMatchObject({ id: 'in_1' });
    const paid = scripted({ invoice: invoice('paid'), events: [] });
    await expect(findInvoiceAction(paid.stripe, act('send'), context)).resolves.toBeNull();
  });

  it('a credit note and a customer: by the event of their request', async () => {
    const note = event(KEY, { id: 'cn_1' });
    const notes = scripted({ events: [note] });
    await expect(findCreditNote(notes.stripe, context)).resolves.toMatchObject({ id: 'cn_1' });
    expect(notes.listed[0]?.type).toBe('credit_note.created');
    await expect(findCreditNote(scripted({}).stripe, context)).resolves.toBeNull();

    const created = scripted({ events: [event(KEY, { id: 'cus_1' })] });
    await expect(findCustomerWrite(created.stripe, 'customer.created', context)).resolves.toMatchObject({
      id: 'cus_1',
    });
    expect(created.listed[0]?.type).toBe('customer.created');
    await expect(findCustomerWrite(scripted({}).stripe, 'customer.updated', context)).resolves.toBeNull();
  });
});
