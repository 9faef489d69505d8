import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentRow, Page } from '../../src-preload/contract';
import type { PaymentListQuery } from '../../src-main/cache';
import { PaymentQueries } from '../../src-main/payments/payment-queries';
import { startSupport, type Support } from './support-harness';

let s: Support;
let queries: PaymentQueries;
let declined: string;
let refunded: { intent: string; chargeId: string };
let uncaptured: string;

beforeAll(async () => {
  s = await startSupport({ customers: 30 });
  const paid = await s.payment({ amount: 1234, paymentMethod: 'pm_card_amex' });
  await s.app.refunds.refund(s.scope, { chargeId: paid.chargeId, amount: 234, intentId: randomUUID() });
  refunded = { intent: paid.intent.id, chargeId: paid.chargeId };
  uncaptured = (await s.payment({ amount: 777, capture: 'manual' })).intent.id;
  const customer = await s.admin.customers.create({ email: 'declined@example.com' });
  const failed = await s.admin.paymentIntents.create({ amount: 5000, currency: 'usd', customer: customer.id });
  await s.admin.paymentIntents
    .confirm(failed.id, { payment_method: 'pm_card_chargeDeclinedInsufficientFunds' })
    .catch(() => undefined);
  declined = failed.id;
  await s.fillCache();
  queries = new PaymentQueries(s.caches.open(s.scope));
});
afterAll(async () => {
  await s.stop();
});

const list = (q: Partial<PaymentListQuery>): Page<PaymentRow> => queries.list({ limit: 100, ...q });
const ids = (page: Page<PaymentRow>) => page.items.map((p) => p.id);

describe('PaymentQueries', () => {
  it('lists intents newest first with status filters', () => {
    const capturable = list({ statuses: ['requires_capture'] });
    expect(ids(capturable)).toContain(uncaptured);
    expect(capturable.items.every((p) => p.status === 'requires_capture')).toBe(true);
    expect(capturable.total).toBe(capturable.items.length);
    const all = list({});
    const created = all.items.map((p) => p.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('searches by id, card last4, amount as read and email; each payment appears once', () => {
    expect(ids(list({ query: refunded.intent }))).toEqual([refunded.intent]);
    expect(ids(list({ query: refunded.chargeId }))).toEqual([refunded.intent]);
    expect(ids(list({ query: '8431' }))).toEqual([refunded.intent]);
    expect(ids(list({ query: '12.34' }))).toContain(refunded.intent);
    const byEmail = list({ query: 'declined@exam' });
    expect(ids(byEmail)).toEqual([declined]);
  });

  it('explains a decline: the intent’s error and the charge’s outcome', () => {
    const row = list({ query: declined }).items[0]!;
    expect(row.status).toBe('requires_payment_method');
    expect(row.failure).toMatchObject({ code: 'card_declined', declineCode: 'insufficient_funds' });
    expect(row.failure?.message).toBeTruthy();
    expect(row.failure?.networkStatus).toBe('declined_by_network');
  });

  it('detail: charges with what is refundable, refunds, and the Dashboard link', () => {
    const detail = queries.get(refunded.intent, 'live');
    expect(detail.payment).toMatchObject({ refundState: 'partial', amountRefunded: 234 });
    expect(detail.charges[0]).toMatchObject({ id: refunded.chargeId, refundable: 1000, amountRefunded: 234 });
    expect(detail.refunds.map((r) => r.amount)).toEqual([234]);
    expect(detail.dashboardUrl).toBe(`https://dashboard.stripe.com/payments/${refunded.intent}`);
  });
});

describe('the features behind the IPC router', () => {
  it('validates input and runs a refund end to end through the handlers', async () => {
    const router = s.router;
    const bad = await router.dispatch('payments.refund', {
      scope: s.scope,
      chargeId: refunded.chargeId,
      amount: 12.5,
      intentId: 'x',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const tooMuch = await router.dispatch('payments.refund', {
      scope: s.scope,
      chargeId: refunded.chargeId,
      amount: 5000,
      intentId: randomUUID(),
    });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { refundable: 1000 } } });
    const done = await router.dispatch('payments.refund', {
      scope: s.scope,
      chargeId: refunded.chargeId,
      amount: 100,
      reason: 'duplicate',
      intentId: randomUUID(),
    });
    expect(done).toMatchObject({
      ok: true,
      value: { refund: { amount: 100, reason: 'duplicate' }, charge: { refundable: 900 } },
    });
    const found = await router.dispatch('customers.search', { scope: s.scope, query: 'declined@' });
    expect(found).toMatchObject({ ok: true, value: { items: [{ email: 'declined@example.com' }] } });
  });
});
