import Stripe from 'stripe';
import { test, expect, type ConsoleHost } from './fixtures';
import { screenshotSizes } from './screenshot';
import { openOnlyResult } from './rows';

/** A customer whose cards were saved by earlier payments with these test cards, synced into the console. */
async function customerWithCards(host: ConsoleHost, mode: 'test' | 'live', cards: string[]) {
  const key = mode === 'test' ? host.stripe.keys.test : host.stripe.keys.live;
  const stripe = new Stripe(key, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const email = `followup.${mode}.${Date.now()}@example.com`;
  const customer = await stripe.customers.create({ email, name: 'Follow Up' });
  for (const card of cards)
    await stripe.paymentIntents
      .create({ amount: 500, currency: 'usd', customer: customer.id, payment_method: card, confirm: true })
      .catch(() => null);
  const scope = { accountId: host.stripe.accountId, mode };
  await host.app.router.dispatch('session.select', scope);
  await host.app.router.dispatch('sync.start', { scope });
  await expect
    .poll(
      async () => {
        const detail = await host.app.router.dispatch('customers.get', { scope, customerId: customer.id });
        return detail.ok && (detail.value as { paymentMethods: unknown[] }).paymentMethods.length;
      },
      { timeout: 30_000 },
    )
    .toBe(cards.length);
  return { stripe, email, customer: customer.id, scope };
}

test('a declined charge becomes an emailed invoice, and a failed payment is retried with another card', async ({
  page,
  host,
}) => {
  const { stripe, email, customer } = await customerWithCards(host, 'test', [
    'pm_card_authenticationRequired',
    'pm_card_visa',
  ]);
  await page.goto(host.url);
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(email);
  await openOnlyResult(page, 'Customers', customer);
  const detail = page.getByTestId('customer-detail');
  await detail.getByRole('button', { name: 'Charge a saved card…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox').selectOption({ index: 1 });
  await dialog.getByLabel('Charge amount').fill('23.00');
  await dialog.getByRole('button', { name: 'Charge $23.00' }).click();
  await expect(dialog).toContainText('confirm this payment themselves');
  await dialog.getByRole('button', { name: 'Email an invoice instead' }).click();
  const invoiceDialog = page.getByTestId('send-invoice-dialog');
  await invoiceDialog.getByLabel('What it’s for (shown on the invoice)').fill('March order');
  await screenshotSizes(page, 'send-invoice', { schemes: true });
  await page.getByRole('dialog').getByRole('button', { name: 'Email invoice for $23.00' }).click();
  await expect(invoiceDialog).toContainText('was emailed');
  const invoices = (await stripe.invoices.list({ customer, limit: 10 })).data;
  expect(invoices.filter((i) => i.status === 'open' && i.collection_method === 'send_invoice')).toHaveLength(1);
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();

  // The declined payment itself: retried with the other saved card.
  const failed = (await stripe.paymentIntents.list({ customer, limit: 10 })).data.find(
    (pi) => pi.status === 'requires_payment_method' && pi.amount === 2300,
  )!;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Payments' }).click();
  await page.getByRole('searchbox', { name: 'Search payments' }).fill(failed.id);
  // The declined payment reaches the cache through sync (a decline writes nothing back) and the search applies after
  // typing: until both, the first row is another payment (the invoice's own $23.00 one among them), so wait for the
  // search to narrow the list to that one payment.
  const rows = page.getByRole('grid', { name: 'Payments' }).locator('.vt-row');
  await expect(rows).toHaveCount(1);
  await rows.first().click();
  const payment = page.getByTestId('payment-detail');
  await expect(payment).toContainText(failed.id);
  await payment.getByRole('button', { name: 'Retry with another card…' }).click();
  await expect(page.getByTestId('retry-dialog')).toContainText('Visa •••• 4242');
  await screenshotSizes(page, 'retry-card', { schemes: true });
  await page.getByRole('dialog').getByRole('button', { name: 'Charge $23.00' }).click();
  await expect(payment).toContainText('Succeeded');
  expect((await stripe.paymentIntents.retrieve(failed.id)).status).toBe('succeeded');
});

test('a failed payment whose customer has no other card says so instead of offering an empty card list', async ({
  page,
  host,
}) => {
  const { stripe, customer } = await customerWithCards(host, 'test', ['pm_card_authenticationRequired']);
  const failed = (await stripe.paymentIntents.list({ customer, limit: 1 })).data[0]!;
  expect(failed.status).toBe('requires_payment_method');
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Payments' }).click();
  await page.getByRole('searchbox', { name: 'Search payments' }).fill(failed.id);
  const rows = page.getByRole('grid', { name: 'Payments' }).locator('.vt-row');
  await expect(rows).toHaveCount(1);
  await rows.first().click();
  await page.getByTestId('payment-detail').getByRole('button', { name: 'Retry with another card…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Nothing to retry with. Follow Up has no saved card other than Visa •••• 3184');
  await expect(dialog.getByRole('combobox')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Charge $5.00' })).toBeDisabled();
  await expect(dialog).toContainText('There is no other saved card to charge.');
  // Focus lands on what the agent can do, and Escape closes the dialog.
  await expect(dialog.getByRole('button', { name: 'Email an invoice instead' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the Refunds list surfaces a pending refund in live mode, and a receipt is resent', async ({ page, host }) => {
  const { stripe, email, customer, scope } = await customerWithCards(host, 'live', ['pm_card_refundPending']);
  const charge = (await stripe.charges.list({ customer, limit: 1 })).data[0]!;
  await stripe.refunds.create({ charge: charge.id, amount: 200 });
  await expect
    .poll(
      async () => {
        const list = await host.app.router.dispatch('refunds.list', { scope, query: email });
        return list.ok && (list.value as { items: unknown[] }).items.length;
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Payments' }).click();
  await page.getByRole('tab', { name: 'Refunds' }).click();
  await page.getByRole('button', { name: 'Pending' }).click();
  const table = page.getByRole('grid', { name: 'Refunds' });
  await expect(table).toContainText(email);
  await screenshotSizes(page, 'refunds-live', { schemes: true });
  await page.getByRole('searchbox', { name: 'Search refunds' }).fill('re_nothing_like_this');
  await expect(page.getByText(/No refunds/)).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search refunds' }).fill(email);
  await table.locator('.vt-row').first().click();
  const payment = page.getByTestId('payment-detail');
  await expect(payment).toBeVisible();
  await screenshotSizes(page, 'refunds-payment-live', { schemes: true });
  await payment.getByRole('button', { name: 'Resend receipt…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email').fill('books@example.org');
  await dialog.getByRole('button', { name: 'Send receipt' }).click();
  await expect(dialog).toContainText('Receipt sent to books@example.org.');
  expect((await stripe.charges.retrieve(charge.id)).receipt_email).toBe('books@example.org');
  // The payment opened beside the Refunds list, which kept its filter; Escape closes the pane back to it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(table).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pending' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(payment).toBeHidden();
  await expect(table).toContainText(email);
});

test('a promotion code is applied to a subscription and removed again', async ({ page, host }) => {
  const stripe = new Stripe(host.stripe.keys.test, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const scope = { accountId: host.stripe.accountId, mode: 'test' as const };
  const sub = (await stripe.subscriptions.list({ status: 'active', limit: 100 })).data.find(
    (s) => !s.cancel_at_period_end && !s.pause_collection,
  )!;
  await host.app.router.dispatch('sync.start', { scope });
  await expect
    .poll(async () => (await host.app.router.dispatch('subscriptions.get', { scope, id: sub.id })).ok, {
      timeout: 30_000,
    })
    .toBe(true);
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Subscriptions' }).click();
  await page.getByRole('searchbox', { name: 'Search subscriptions' }).fill(sub.id);
  await openOnlyResult(page, 'Subscriptions', sub.id);
  const discounts = page.getByTestId('subscription-discounts');
  await expect(discounts).toContainText('No discount.');
  await discounts.getByRole('button', { name: 'Apply coupon or code…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Promotion code' }).fill('oldloyal');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toContainText('isn’t an active promotion code');
  await dialog.getByRole('textbox', { name: 'Promotion code' }).fill('thankyou');
  await screenshotSizes(page, 'discount-apply', { schemes: true });
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(discounts).toContainText('20% off on every invoice');
  await expect(discounts).toContainText('code THANKYOU');
  await screenshotSizes(page, 'discount-applied', { schemes: true });
  await discounts.getByRole('button', { name: 'Remove discount…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove discount' }).click();
  await expect(discounts).toContainText('No discount.');
  expect((await stripe.subscriptions.retrieve(sub.id)).discounts).toEqual([]);
});
