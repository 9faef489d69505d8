import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedCardCharge } from '../../src-preload/contract';
import { startCustomerWrites, type CustomerWritesHarness } from './writes-harness';

let h: CustomerWritesHarness;

beforeAll(async () => {
  h = await startCustomerWrites();
}, 60_000);
afterAll(() => h?.stop());

/** A customer with a card saved by an earlier payment, in the cache as sync has it. */
async function savedCard(testCard: string): Promise<{ customer: string; card: string }> {
  const customer = (await h.stripe.customers.create({ email: `saved-${randomUUID().slice(0, 6)}@example.com` })).id;
  await h.stripe.paymentIntents
    .create({ amount: 100, currency: 'usd', customer, payment_method: testCard, confirm: true })
    .catch(() => null);
  const card = (await h.stripe.paymentMethods.list({ customer, limit: 10 })).data[0]!;
  h.store.applyObject(card as never, { lo: Date.now(), hi: Date.now() });
  h.store.applyObject((await h.stripe.customers.retrieve(customer)) as never, { lo: Date.now(), hi: Date.now() });
  return { customer, card: card.id };
}
const charge = (customerId: string, paymentMethodId: string, amount: number, intentId = randomUUID()) =>
  h.call<SavedCardCharge>('customers.chargeSavedCard', {
    scope: h.scope,
    customerId,
    intentId,
    paymentMethodId,
    amount,
    currency: 'usd',
  });

describe('charging a saved card off-session', () => {
  it('charges once, even when the confirmation is sent twice', async () => {
    const { customer, card } = await savedCard('pm_card_visa');
    const intentId = randomUUID();
    const [first, second] = await Promise.all([
      charge(customer, card, 2500, intentId),
      charge(customer, card, 2500, intentId),
    ]);
    expect(first).toEqual(second);
    expect(first.status).toBe('succeeded');
    const intents = (await h.stripe.paymentIntents.list({ customer, limit: 10 })).data.filter(
      (pi) => pi.amount === 2500,
    );
    expect(intents).toHaveLength(1);
    expect(h.store.get<Stripe.PaymentIntent>('payment_intents', first.paymentIntentId)?.status).toBe('succeeded');
  });

  it('says in plain words when the bank wants the customer to authenticate, and offers an invoice instead', async () => {
    const { customer, card } = await savedCard('pm_card_authenticationRequired');
    const error = await h.refusal('customers.chargeSavedCard', {
      scope: h.scope,
      customerId: customer,
      intentId: randomUUID(),
      paymentMethodId: card,
      amount: 900,
      currency: 'usd',
    });
    expect(error).toMatchObject({
      code: 'card_error',
      details: { declineCode: 'authentication_required', offerInvoice: true, outcome: 'refused' },
    });
    expect(error.message).toContain('confirm this payment themselves');
    const declined = await savedCard('pm_card_chargeDeclinedInsufficientFunds');
    const funds = await h.refusal('customers.chargeSavedCard', {
      scope: h.scope,
      customerId: declined.customer,
      intentId: randomUUID(),
      paymentMethodId: declined.card,
      amount: 900,
      currency: 'usd',
    });
    expect(funds.message).toContain('too little money');
  });

  it('refuses bad input before sending: another customer’s card, a zero or fractional amount, a bad currency', async () => {
    const mine = await savedCard('pm_card_visa');
    const theirs = await savedCard('pm_card_visa');
    const before = (await h.stripe.paymentIntents.list({ customer: mine.customer, limit: 10 })).data.length;
    for (const bad of [
      { paymentMethodId: theirs.card, amount: 500, currency: 'usd' },
      { paymentMethodId: mine.card, amount: 0, currency: 'usd' },
      { paymentMethodId: mine.card, amount: 1.5, currency: 'usd' },
      { paymentMethodId: mine.card, amount: 500, currency: 'US Dollars' },
    ]) {
      const error = await h.refusal('customers.chargeSavedCard', {
        scope: h.scope,
        customerId: mine.customer,
        intentId: randomUUID(),
        ...bad,
      });
      expect(error.code).toBe('invalid_input');
    }
    expect((await h.stripe.paymentIntents.list({ customer: mine.customer, limit: 10 })).data).toHaveLength(before);
  });
});
