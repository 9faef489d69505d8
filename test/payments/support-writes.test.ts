import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  InvoiceDetail,
  ListCsvExport,
  Page,
  PaymentRow,
  RefundListRow,
  SubscriptionDiscounts,
} from '../../src-preload/contract';
import { startCustomerWrites, type CustomerWritesHarness } from '../customers/writes-harness';

/**
 * Issue 14's remaining support writes through the IPC router, the ledger and the real SDK against the emulator:
 * each with Stripe's yes, Stripe's no, and an answer lost after Stripe acted (found by the look-up, never doubled).
 */
let h: CustomerWritesHarness;

beforeAll(async () => {
  h = await startCustomerWrites(80);
}, 60_000);
afterAll(() => h?.stop());

const now = () => ({ lo: Date.now(), hi: Date.now() });
/** Activity rows for one intent: exactly one once it settled. */
const activityOf = (intentId: string) =>
  (h.appDb.prepare('SELECT outcome FROM activity WHERE intent_id = ?').all(intentId) as { outcome: string }[]).map(
    (r) => r.outcome,
  );

/** A customer (with an email) whose cards were saved by paying with Stripe's test cards, cached as sync has them. */
async function customerWithCards(...testCards: string[]): Promise<{ customer: string; cards: string[] }> {
  const customer = (await h.stripe.customers.create({ email: `sw-${randomUUID().slice(0, 6)}@example.com` })).id;
  for (const card of testCards)
    await h.stripe.paymentIntents
      .create({ amount: 100, currency: 'usd', customer, payment_method: card, confirm: true })
      .catch(() => null);
  const saved = (await h.stripe.paymentMethods.list({ customer, limit: 10 })).data.reverse();
  for (const pm of saved) h.store.applyObject(pm as never, now());
  h.store.applyObject((await h.stripe.customers.retrieve(customer)) as never, now());
  return { customer, cards: saved.map((pm) => pm.id) };
}

/** A payment the bank declined, as the cache has it. */
async function failedPayment(customer: string, card: string): Promise<Stripe.PaymentIntent> {
  const error = (await h.stripe.paymentIntents
    .create({ amount: 2300, currency: 'usd', customer, payment_method: card, confirm: true, off_session: true })
    .catch((e: unknown) => e)) as { raw: { payment_intent: Stripe.PaymentIntent } };
  const pi = await h.stripe.paymentIntents.retrieve(error.raw.payment_intent.id);
  h.store.applyObject(pi as never, now());
  return pi;
}

/** Stripe acts on every attempt of the write, every answer is lost and every look-up fails; then the network heals. */
async function lost<T>(path: RegExp, call: () => Promise<T>, lookUps?: RegExp): Promise<unknown> {
  h.emulator.faults.dropAfterCommit({ method: 'POST', path }, 20);
  h.emulator.faults.fail500(100, { method: 'GET', ...(lookUps ? { path: lookUps } : {}) });
  const error = await call().then(
    () => null,
    (e: { shape?: unknown }) => e.shape,
  );
  h.emulator.faults.clear();
  return error;
}

describe('retry a failed payment with another saved card', () => {
  const retry = (pi: string, card: string, intentId = randomUUID()) =>
    h.call<PaymentRow>('payments.retryWithCard', {
      scope: h.scope,
      paymentIntentId: pi,
      paymentMethodId: card,
      intentId,
    });

  it('confirms the same payment with the other card, once, with one Activity entry', async () => {
    const { customer, cards } = await customerWithCards('pm_card_chargeDeclined', 'pm_card_visa');
    const pi = await failedPayment(customer, cards[0]!);
    const intentId = randomUUID();
    const [a, b] = await Promise.all([retry(pi.id, cards[1]!, intentId), retry(pi.id, cards[1]!, intentId)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ id: pi.id, status: 'succeeded', amountReceived: 2300 });
    const charges = await h.stripe.charges.list({ payment_intent: pi.id, limit: 10 });
    expect(charges.data.filter((c) => c.status === 'succeeded')).toHaveLength(1);
    expect(activityOf(intentId)).toEqual(['succeeded']);
  });

  it('a second decline is Stripe’s no, in plain words; a new attempt may follow', async () => {
    const { customer, cards } = await customerWithCards(
      'pm_card_chargeDeclined',
      'pm_card_chargeDeclinedInsufficientFunds',
    );
    const pi = await failedPayment(customer, cards[0]!);
    const intentId = randomUUID();
    const error = await h.refusal('payments.retryWithCard', {
      scope: h.scope,
      paymentIntentId: pi.id,
      paymentMethodId: cards[1]!,
      intentId,
    });
    expect(error).toMatchObject({ code: 'card_error', details: { outcome: 'refused', offerInvoice: true } });
    expect(error.message).toContain('too little money');
    expect(activityOf(intentId)).toEqual(['failed']);
  });

  it('an answer lost after Stripe charged is found by the look-up: one charge, never a second', async () => {
    const { customer, cards } = await customerWithCards('pm_card_chargeDeclined', 'pm_card_mastercard');
    const pi = await failedPayment(customer, cards[0]!);
    const intentId = randomUUID();
    const error = await lost(/\/confirm$/, () => retry(pi.id, cards[1]!, intentId));
    expect(error).toMatchObject({ details: { outcome: 'unknown' } });
    expect(await retry(pi.id, cards[1]!, intentId)).toMatchObject({ status: 'succeeded' });
    const charges = await h.stripe.charges.list({ payment_intent: pi.id, limit: 10 });
    expect(charges.data.filter((c) => c.status === 'succeeded')).toHaveLength(1);
    expect(activityOf(intentId)).toEqual(['unknown', 'succeeded']);
  });

  it('refuses before sending: another customer’s card, a payment that didn’t fail', async () => {
    const mine = await customerWithCards('pm_card_chargeDeclined');
    const theirs = await customerWithCards('pm_card_visa');
    const pi = await failedPayment(mine.customer, mine.cards[0]!);
    const foreign = await h.refusal('payments.retryWithCard', {
      scope: h.scope,
      paymentIntentId: pi.id,
      paymentMethodId: theirs.cards[0]!,
      intentId: randomUUID(),
    });
    expect(foreign).toMatchObject({ code: 'invalid_input', details: { path: 'paymentMethodId' } });
    const paid = (await h.stripe.paymentIntents.list({ customer: theirs.customer, limit: 1 })).data[0]!;
    h.store.applyObject(paid as never, now());
    const conflict = await h.refusal('payments.retryWithCard', {
      scope: h.scope,
      paymentIntentId: paid.id,
      paymentMethodId: theirs.cards[0]!,
      intentId: randomUUID(),
    });
    expect(conflict.code).toBe('conflict');
    expect((await h.stripe.charges.list({ payment_intent: pi.id })).data).toHaveLength(1);
  });
});

describe('resend a receipt', () => {
  async function paidCharge(): Promise<Stripe.Charge> {
    const { customer, cards } = await customerWithCards('pm_card_visa');
    const charge = (await h.stripe.charges.list({ customer, limit: 1 })).data[0]!;
    h.store.applyObject(charge as never, now());
    h.readOnlyStore.applyObject(charge as never, now());
    expect(cards).toHaveLength(1);
    return charge;
  }
  const resend = (chargeId: string, email: string, intentId = randomUUID(), scope = h.scope) =>
    h.call<{ receiptNumber: string | null; email: string }>('payments.resendReceipt', {
      scope,
      chargeId,
      email,
      intentId,
    });

  it('sends it to another address, once; Stripe numbers the receipt', async () => {
    const charge = await paidCharge();
    const intentId = randomUUID();
    const sent = await resend(charge.id, 'accounts@example.org', intentId);
    expect(sent).toMatchObject({ email: 'accounts@example.org', receiptNumber: expect.stringMatching(/\d{4}-\d{4}/) });
    expect((await h.stripe.charges.retrieve(charge.id)).receipt_email).toBe('accounts@example.org');
    expect(await h.eventsFor(charge.id, 'charge.updated')).toHaveLength(1);
    expect(activityOf(intentId)).toEqual(['succeeded']);
  });

  it('Stripe’s no (a key without charge writes) is refused; a bad email is refused before sending', async () => {
    const charge = await paidCharge();
    const denied = await h.refusal('payments.resendReceipt', {
      scope: h.readOnly,
      chargeId: charge.id,
      email: 'a@example.com',
      intentId: randomUUID(),
    });
    expect(denied).toMatchObject({ details: { outcome: 'refused' } });
    const bad = await h.refusal('payments.resendReceipt', {
      scope: h.scope,
      chargeId: charge.id,
      email: 'not an email',
      intentId: randomUUID(),
    });
    expect(bad.code).toBe('invalid_input');
    expect(await h.eventsFor(charge.id, 'charge.updated')).toHaveLength(0);
  });

  it('a lost answer is found on the charge by the intent stamped on it, and not sent again', async () => {
    const charge = await paidCharge();
    const intentId = randomUUID();
    const error = await lost(new RegExp(`/v1/charges/${charge.id}$`), () =>
      resend(charge.id, 'x@example.com', intentId),
    );
    expect(error).toMatchObject({ details: { outcome: 'unknown' } });
    await resend(charge.id, 'x@example.com', intentId);
    expect(await h.eventsFor(charge.id, 'charge.updated')).toHaveLength(1);
    expect(activityOf(intentId)).toEqual(['unknown', 'succeeded']);
  });
});

describe('the Refunds list', () => {
  it('lists every refund newest first with its customer, filters by status and text, and exports what it shows', async () => {
    const { customer } = await customerWithCards('pm_card_visa', 'pm_card_refundPending');
    const charges = (await h.stripe.charges.list({ customer, limit: 10 })).data;
    for (const charge of charges) {
      const refund = await h.stripe.refunds.create({ charge: charge.id, amount: 40 });
      h.store.applyObject(refund as never, now());
      h.store.applyObject(charge as never, now());
    }
    const all = await h.call<Page<RefundListRow>>('refunds.list', { scope: h.scope, query: customer.slice(0, 0) });
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    const created = all.items.map((r) => r.created);
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    const email = (await h.stripe.customers.retrieve(customer)) as Stripe.Customer;
    const mine = await h.call<Page<RefundListRow>>('refunds.list', {
      scope: h.scope,
      query: email.email!.toUpperCase(),
    });
    expect(mine.items.map((r) => r.status).sort()).toEqual(['pending', 'succeeded']);
    expect(mine.items.every((r) => r.customerId === customer)).toBe(true);
    const pending = await h.call<Page<RefundListRow>>('refunds.list', {
      scope: h.scope,
      statuses: ['pending', 'failed'],
      query: email.email!,
    });
    expect(pending.items).toHaveLength(1);
    const csv = await h.call<ListCsvExport>('refunds.exportCsv', { scope: h.scope, query: email.email! });
    expect(csv.rows).toBe(2);
    expect(csv.csv.split('\r\n')[0]).toContain('status');
    expect(csv.csv).toContain('pending');
    expect((await h.refusal('refunds.list', { scope: h.scope, statuses: ['lost'] })).code).toBe('invalid_input');
  });
});

describe('send an invoice instead', () => {
  const ids = () => ({ create: randomUUID(), finalize: randomUUID(), send: randomUUID() });
  const send = (customerId: string, intentIds: ReturnType<typeof ids>, currency = 'usd') =>
    h.call<InvoiceDetail>('invoices.sendForAmount', {
      scope: h.scope,
      customerId,
      intentIds,
      amount: 2300,
      currency,
      description: 'Your March order',
      daysUntilDue: 7,
    });
  const invoicesOf = async (customer: string) => (await h.stripe.invoices.list({ customer, limit: 100 })).data;

  it('creates one invoice for the amount, finalizes it and emails it; three Activity entries', async () => {
    const { customer } = await customerWithCards();
    const intentIds = ids();
    const invoice = await send(customer, intentIds);
    expect(invoice).toMatchObject({ status: 'open', total: 2300 });
    const [only, ...rest] = await invoicesOf(customer);
    expect(rest).toHaveLength(0);
    expect(only).toMatchObject({ collection_method: 'send_invoice', status: 'open', amount_due: 2300 });
    expect(await h.eventsFor(only!.id, 'invoice.sent')).toHaveLength(1);
    for (const id of Object.values(intentIds)) expect(activityOf(id)).toEqual(['succeeded']);
  });

  it('Stripe’s no (a currency it doesn’t know) leaves nothing behind', async () => {
    const { customer } = await customerWithCards();
    const intentIds = ids();
    const error = await h.refusal('invoices.sendForAmount', {
      scope: h.scope,
      customerId: customer,
      intentIds,
      amount: 2300,
      currency: 'zzz',
      description: 'x',
      daysUntilDue: 7,
    });
    expect(error).toMatchObject({ details: { outcome: 'refused' } });
    expect(await invoicesOf(customer)).toHaveLength(0);
  });

  it('a lost finalize answer is found (the invoice is open), and the retry sends one email on one invoice', async () => {
    const { customer } = await customerWithCards();
    const intentIds = ids();
    const error = await lost(/\/finalize$/, () => send(customer, intentIds));
    expect(error).toMatchObject({ details: { outcome: 'unknown' } });
    await send(customer, intentIds);
    const invoices = await invoicesOf(customer);
    expect(invoices).toHaveLength(1);
    expect(await h.eventsFor(invoices[0]!.id, 'invoice.sent')).toHaveLength(1);
    expect(activityOf(intentIds.finalize)).toEqual(['unknown', 'succeeded']);
  });

  it('refuses bad input before sending: no email on the customer, zero amount, no description', async () => {
    const bare = (await h.stripe.customers.create({ name: 'No Email' })).id;
    h.store.applyObject((await h.stripe.customers.retrieve(bare)) as never, now());
    expect(
      (
        await h.refusal('invoices.sendForAmount', {
          scope: h.scope,
          customerId: bare,
          intentIds: ids(),
          amount: 500,
          currency: 'usd',
          description: 'x',
          daysUntilDue: 7,
        })
      ).code,
    ).toBe('invalid_input');
    for (const bad of [{ amount: 0 }, { description: ' ' }, { daysUntilDue: 0 }])
      expect(
        (
          await h.refusal('invoices.sendForAmount', {
            scope: h.scope,
            customerId: bare,
            intentIds: ids(),
            amount: 500,
            currency: 'usd',
            description: 'x',
            daysUntilDue: 7,
            ...bad,
          })
        ).code,
      ).toBe('invalid_input');
    expect(await invoicesOf(bare)).toHaveLength(0);
  });
});

describe('coupons and promotion codes on a subscription', () => {
  const taken = new Set<string>();
  async function subscription(): Promise<Stripe.Subscription> {
    for await (const s of h.stripe.subscriptions.list({ limit: 100 }))
      if (!taken.has(s.id) && ['active', 'trialing', 'past_due'].includes(s.status)) {
        taken.add(s.id);
        h.store.applyObject(s as never, now());
        h.readOnlyStore.applyObject(s as never, now());
        return s;
      }
    throw new Error('no spare subscription');
  }
  const apply = (id: string, discount: object, intentId = randomUUID()) =>
    h.call<SubscriptionDiscounts>('subscriptions.applyDiscount', { scope: h.scope, id, intentId, discount });

  it('applies a promotion code as typed, replaces it with a coupon, then removes it', async () => {
    const sub = await subscription();
    const coded = await apply(sub.id, { kind: 'promotion_code', code: 'thankyou' });
    expect(coded.discounts).toMatchObject([{ couponId: 'LOYAL20', percentOff: 20, promotionCode: 'THANKYOU' }]);
    const coupon = await apply(sub.id, { kind: 'coupon', coupon: 'WELCOME10' });
    expect(coupon.discounts).toMatchObject([{ couponId: 'WELCOME10', percentOff: 10, duration: 'once' }]);
    const intentId = randomUUID();
    const none = await h.call<SubscriptionDiscounts>('subscriptions.removeDiscount', {
      scope: h.scope,
      id: sub.id,
      intentId,
    });
    expect(none.discounts).toEqual([]);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).discounts).toEqual([]);
    expect(activityOf(intentId)).toEqual(['succeeded']);
  });

  it('says plainly when a code or coupon can’t be used; Stripe’s no (a key without subscription writes) is refused', async () => {
    const sub = await subscription();
    for (const discount of [
      { kind: 'promotion_code', code: 'OLDLOYAL' },
      { kind: 'promotion_code', code: 'NOSUCHCODE' },
      { kind: 'coupon', coupon: 'SPRING15' },
      { kind: 'coupon', coupon: 'MISSING' },
    ]) {
      const error = await h.refusal('subscriptions.applyDiscount', {
        scope: h.scope,
        id: sub.id,
        intentId: randomUUID(),
        discount,
      });
      expect(error.code).toBe('invalid_input');
    }
    const denied = await h.refusal('subscriptions.removeDiscount', {
      scope: h.readOnly,
      id: sub.id,
      intentId: randomUUID(),
    });
    expect(denied).toMatchObject({ details: { outcome: 'refused' } });
    expect(await h.eventsFor(sub.id, 'customer.subscription.updated')).toHaveLength(0);
  });

  it('a lost answer is found by the subscription’s state and not sent again', async () => {
    const sub = await subscription();
    const intentId = randomUUID();
    const error = await lost(
      new RegExp(`/v1/subscriptions/${sub.id}$`),
      () => apply(sub.id, { kind: 'coupon', coupon: 'WELCOME10' }, intentId),
      /\/v1\/subscriptions\//,
    );
    expect(error).toMatchObject({ details: { outcome: 'unknown' } });
    const done = await apply(sub.id, { kind: 'coupon', coupon: 'WELCOME10' }, intentId);
    expect(done.discounts).toMatchObject([{ couponId: 'WELCOME10' }]);
    expect(await h.eventsFor(sub.id, 'customer.subscription.updated')).toHaveLength(1);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).discounts).toHaveLength(1);
    expect(activityOf(intentId)).toEqual(['unknown', 'succeeded']);
  });
});
