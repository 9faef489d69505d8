import Stripe from 'stripe';
import { test, expect } from './fixtures';
import { screenshotSizes } from './screenshot';
import { openOnlyResult } from './rows';

test('in live mode an agent charges a saved card only after typing the amount', async ({ page, host }) => {
  const stripe = new Stripe(host.stripe.keys.live, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const email = `live.saver.${Date.now()}@example.com`;
  const customer = await stripe.customers.create({ email, name: 'Live Saver' });
  // An earlier payment saved the card on the customer.
  await stripe.paymentIntents.create({
    amount: 500,
    currency: 'usd',
    customer: customer.id,
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  const scope = { accountId: host.stripe.accountId, mode: 'live' as const };
  await host.app.router.dispatch('session.select', { accountId: host.stripe.accountId, mode: 'live' });
  await host.app.router.dispatch('sync.start', { scope });
  await expect
    .poll(
      async () => {
        const detail = await host.app.router.dispatch('customers.get', { scope, customerId: customer.id });
        return detail.ok && (detail.value as { paymentMethods: unknown[] }).paymentMethods.length;
      },
      { timeout: 30_000 },
    )
    .toBe(1);

  await page.goto(host.url);
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(email);
  await openOnlyResult(page, 'Customers', customer.id);
  const detail = page.getByTestId('customer-detail');
  await detail.getByRole('button', { name: 'Charge a saved card…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Charge amount').fill('12.34');
  const confirm = dialog.getByRole('button', { name: 'Charge $12.34' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Confirmation').fill('12.00');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Confirmation').fill('12.34');
  await screenshotSizes(page, 'charge-live');
  await confirm.click();
  await expect(dialog).toBeHidden();
  const intents = (await stripe.paymentIntents.list({ customer: customer.id, limit: 10 })).data;
  expect(intents.filter((pi) => pi.amount === 1234 && pi.status === 'succeeded')).toHaveLength(1);
  await expect(detail.getByTestId('customer-payments')).toContainText('$12.34');
});
