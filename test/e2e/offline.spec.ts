import Stripe from 'stripe';
import { test, expect, type ConsoleHost } from './fixtures';
import { screenshot } from './screenshot';

const stripeOf = (host: ConsoleHost) =>
  new Stripe(host.stripe.keys.test, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });

test('Stripe goes away: the app says so, serves the cache, refuses actions with the reason, and resumes by itself', async ({
  page,
  host,
}) => {
  test.setTimeout(150_000); // an outage, a recovery and a sync in one test (the host's backoff is at most 1 s)
  // A customer with a captured card payment, synced into the cache while online.
  const email = `offline.check.${Date.now()}@example.com`;
  const customer = await stripeOf(host).customers.create({ email, name: 'Offline Check' });
  const intent = await stripeOf(host).paymentIntents.create({
    amount: 2500,
    currency: 'usd',
    customer: customer.id,
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  const scope = { accountId: host.stripe.accountId, mode: 'test' as const };
  await host.app.router.dispatch('sync.start', { scope });
  await expect
    .poll(async () => (await host.app.router.dispatch('payments.get', { scope, paymentIntentId: intent.id })).ok, {
      timeout: 30_000,
    })
    .toBe(true);

  await page.goto(host.url);
  const table = page.getByRole('grid', { name: 'Customers' });
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  await expect(table.locator('.vt-row').nth(10)).toBeVisible();
  await expect(page.getByTestId('offline-indicator')).toHaveCount(0);

  // Stripe goes away. The app notices from its own traffic (the event poll), with no action from the user.
  await host.stripeDown();
  const indicator = page.getByTestId('offline-indicator');
  await expect(indicator).toBeVisible({ timeout: 30_000 });
  await expect(indicator).toHaveText(/^\s*Offline — data as of \S.*\d/); // the icon before the words adds a space
  await expect(indicator).not.toContainText('never');
  await expect(page.getByTestId('sync-status')).toContainText('Sync paused');
  await expect(page.getByTestId('sync-status')).not.toContainText('Up to date');

  // Every list keeps serving the cache: the whole customer list, and search over it.
  await expect(page.locator('.customers-view .disabled-reason')).toContainText('Offline');
  await expect(table.locator('.vt-row').nth(10)).toBeVisible();
  await search.fill(email);
  await expect(table.locator('.vt-row')).toHaveCount(1);
  await search.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByTestId('customer-detail').getByTestId('customer-payments').getByText('$25.00').click();

  // Actions that need Stripe are disabled and say why; the cached payment is still shown.
  const payment = page.getByTestId('payment-detail');
  await expect(payment).toContainText(intent.id);
  const refund = payment.getByRole('button', { name: 'Refund…' });
  await expect(refund).toBeDisabled();
  await expect(refund).toHaveAttribute('title', /^Offline — /);
  await screenshot(page, '.tmp/screenshots/offline.png');

  // Stripe comes back (same address, same data): the app resumes on its own.
  await host.stripeUp();
  await expect(indicator).toHaveCount(0, { timeout: 45_000 });
  await expect(refund).toBeEnabled();
  await expect(page.getByTestId('sync-status')).not.toContainText('Sync paused');

  // Sync carries on: a customer created at Stripe after the outage reaches the cache and the list.
  const later = `after.outage.${Date.now()}@example.com`;
  await stripeOf(host).customers.create({ email: later, name: 'After Outage' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Customers' }).click();
  await search.fill(later);
  await expect(table.locator('.vt-row')).toHaveCount(1, { timeout: 30_000 });
  await expect(table.locator('.vt-row')).toContainText(later);

  // The Events view shows the synced log, including the outage's aftermath.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Events' }).click();
  const events = page.getByRole('region', { name: 'Events' });
  await expect(events).toBeVisible();
  await expect(events.getByText('customer.created').first()).toBeVisible({ timeout: 15_000 });
  await screenshot(page, '.tmp/screenshots/events.png');
});
