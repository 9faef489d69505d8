import Stripe from 'stripe';
import { test, expect, type ConsoleHost } from './fixtures';
import { screenshot } from './screenshot';

/** A customer with one card payment, made at the Stripe stand-in, then synced into the app's cache. */
async function payingCustomer(host: ConsoleHost, mode: 'test' | 'live' = 'test') {
  const stripe = new Stripe(host.stripe.keys[mode], { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const email = `ticket.holder.${Date.now()}@example.com`;
  const customer = await stripe.customers.create({ email, name: 'Ticket Holder' });
  const intent = await stripe.paymentIntents.create({
    amount: 5000,
    currency: 'usd',
    customer: customer.id,
    payment_method: 'pm_card_visa',
    confirm: true,
    description: 'Annual plan',
  });
  const scope = { accountId: host.stripe.accountId, mode };
  await host.app.router.dispatch('sync.start', { scope });
  await expect
    .poll(async () => (await host.app.router.dispatch('payments.get', { scope, paymentIntentId: intent.id })).ok, {
      timeout: 30_000,
    })
    .toBe(true);
  return { email, customer, intent, scope };
}

test('an agent finds a customer by email prefix, refunds part of a payment, and sees it in the payment, the timeline and the Activity log', async ({
  page,
  host,
}) => {
  const { email, customer, intent, scope } = await payingCustomer(host);
  await page.goto(host.url);

  // The global search shortcut lands in the customers search box; typing a prefix finds the customer.
  const table = page.getByRole('grid', { name: 'Customers' });
  await expect(table.locator('.vt-row').nth(10)).toBeVisible();
  await screenshot(page, '.tmp/screenshots/customers.png');
  await page.keyboard.press('Control+K');
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  await expect(search).toBeFocused();
  await search.fill(email.slice(0, 'ticket.holder.'.length + 4));
  await expect(table.locator('.vt-row')).toHaveCount(1);
  await expect(table.locator('.vt-row')).toContainText(email.slice(0, 20));
  await screenshot(page, '.tmp/screenshots/customers-search.png');

  // Keyboard: down into the table, Enter opens the customer.
  await search.press('ArrowDown');
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('customer-detail');
  await expect(detail).toContainText(customer.id);
  await expect(detail.getByTestId('customer-payments')).toContainText('$50.00');
  await screenshot(page, '.tmp/screenshots/customer-detail.png', true);

  // Open the payment and refund part of it.
  await detail.getByTestId('customer-payments').getByText('$50.00').click();
  const payment = page.getByTestId('payment-detail');
  await expect(payment).toContainText(intent.id);
  await payment.getByRole('button', { name: 'Refund…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('refundable')).toHaveText('$50.00 refundable');
  await dialog.getByLabel('Refund amount').fill('12.34');
  await dialog.getByLabel('Reason').selectOption('requested_by_customer');
  await dialog.getByLabel('Note (kept on the refund in Stripe)').fill('Ticket #4411: partial refund');
  await screenshot(page, '.tmp/screenshots/refund-dialog.png');
  // More than refundable can't be sent, and says why.
  await dialog.getByLabel('Refund amount').fill('50.01');
  await expect(dialog).toContainText('At most $50.00 can still be refunded.');
  await expect(dialog.getByRole('button', { name: 'Refund $50.01' })).toBeDisabled();
  await dialog.getByLabel('Refund amount').fill('12.34');
  await dialog.getByRole('button', { name: 'Refund $12.34' }).click();
  await expect(dialog).toBeHidden();

  // The payment shows Stripe's answer at once: the refund, and what is left to refund.
  await expect(payment.getByRole('status')).toContainText(/succeeded/i);
  const refunds = payment.getByTestId('refunds');
  await expect(refunds).toContainText('$12.34');
  await expect(refunds).toContainText('Ticket #4411: partial refund');
  await expect(payment.getByTestId('charges')).toContainText('$37.66');
  await expect(payment).toContainText('Part refunded');
  await screenshot(page, '.tmp/screenshots/payments.png');

  // Exactly one refund exists at Stripe, carrying the note.
  const stripe = new Stripe(host.stripe.keys.test, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const atStripe = await stripe.refunds.list({ payment_intent: intent.id });
  expect(atStripe.data).toHaveLength(1);
  expect(atStripe.data[0]).toMatchObject({ amount: 1234, metadata: { note: 'Ticket #4411: partial refund' } });

  // The customer's timeline shows the refund once sync has fetched its event.
  await expect
    .poll(
      async () => {
        await host.app.router.dispatch('sync.start', { scope });
        const timeline = await host.app.router.dispatch('customers.timeline', { scope, customerId: customer.id });
        return (
          timeline.ok &&
          (timeline.value as { items: { type: string }[] }).items.some((e) => e.type === 'refund.created')
        );
      },
      { timeout: 45_000 },
    )
    .toBe(true);
  await payment.getByRole('button', { name: email, exact: true }).click();
  const timeline = page.getByTestId('customer-timeline');
  await expect(timeline.locator('[data-event-type="refund.created"]')).toContainText('$12.34');

  // And the Activity log records who did it, with Stripe's request id.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity' }).click();
  const activity = page.getByRole('grid', { name: 'Activity' });
  const entry = activity.locator('.vt-row', { has: page.getByText('Refund', { exact: true }) });
  await expect(entry).toHaveCount(1);
  // In words; the ledger's code (what an agent quotes to Stripe) is on hover.
  await expect(entry.getByTitle(/^refund\.create( —|$)/)).toHaveCount(1);
  await expect(entry).toContainText(/succeeded/i);
  await expect(entry).toContainText('E2E Agent');
  await expect(entry).toContainText(/req_/);
});

test('declined payments explain why, and an uncaptured one can be captured in part', async ({ page, host }) => {
  const stripe = new Stripe(host.stripe.keys.test, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const customer = await stripe.customers.create({ email: `auth.only.${Date.now()}@example.com` });
  const held = await stripe.paymentIntents.create({
    amount: 8000,
    currency: 'usd',
    customer: customer.id,
    payment_method: 'pm_card_visa',
    confirm: true,
    capture_method: 'manual',
  });
  const scope = { accountId: host.stripe.accountId, mode: 'test' as const };
  await host.app.router.dispatch('sync.start', { scope });
  await expect
    .poll(async () => (await host.app.router.dispatch('payments.get', { scope, paymentIntentId: held.id })).ok, {
      timeout: 30_000,
    })
    .toBe(true);

  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Payments' }).click();
  await page.getByRole('button', { name: 'Failed / needs payment method' }).click();
  const table = page.getByRole('grid', { name: 'Payments' });
  await expect(table.locator('.vt-row').first()).toBeVisible();
  await table.locator('.vt-row').first().click();
  await expect(page.getByTestId('payment-failure')).toContainText('Decline code');

  await page.getByRole('button', { name: 'Failed / needs payment method' }).click();
  await page.getByRole('searchbox', { name: 'Search payments' }).fill(held.id);
  await expect(table.locator('.vt-row')).toHaveCount(1);
  await table.locator('.vt-row').click();
  const payment = page.getByTestId('payment-detail');
  await payment.getByRole('button', { name: 'Capture…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Capture amount').fill('60.00');
  await dialog.getByRole('button', { name: 'Capture $60.00' }).click();
  await expect(dialog).toBeHidden();
  await expect(payment).toContainText(/succeeded/i);
  await expect(payment.getByTestId('charges')).toContainText('$60.00');
  await screenshot(page, '.tmp/screenshots/payment-captured.png');
});

test('in live mode a refund is sent only after the agent types the amount', async ({ page, host }) => {
  const { intent, scope } = await payingCustomer(host, 'live');
  await host.app.router.dispatch('session.select', scope);
  await page.goto(host.url);
  await expect(page.getByTestId('live-banner')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Payments' }).click();
  await page.getByRole('searchbox', { name: 'Search payments' }).fill(intent.id);
  const table = page.getByRole('grid', { name: 'Payments' });
  await expect(table.locator('.vt-row')).toHaveCount(1);
  await table.locator('.vt-row').first().click();
  const payment = page.getByTestId('payment-detail');
  await payment.getByRole('button', { name: 'Refund…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Refund amount').fill('10.00');
  const send = dialog.getByRole('button', { name: 'Refund $10.00' });
  await expect(send).toBeDisabled();
  await dialog.getByLabel('Confirmation').fill('10');
  await expect(send).toBeDisabled();
  await dialog.getByLabel('Confirmation').fill('10.00');
  await screenshot(page, '.tmp/screenshots/refund-dialog-live.png');
  await send.click();
  await expect(dialog).toBeHidden();
  await expect(payment.getByTestId('refunds')).toContainText('$10.00');

  const stripe = new Stripe(host.stripe.keys.live, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const atStripe = await stripe.refunds.list({ payment_intent: intent.id });
  // Exactly one refund, in the live dataset (the live key sees only live objects).
  expect(atStripe.data.map((r) => r.amount)).toEqual([1000]);
});
