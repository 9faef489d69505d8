import crypto from 'node:crypto';
import fs from 'node:fs';
import Stripe from 'stripe';
import { test, expect, type ConsoleHost } from './fixtures';
import { screenshot } from './screenshot';
import { openOnlyResult } from './rows';

/** An active subscription that renews, from the Stripe stand-in itself, once sync has put it in the cache. */
async function renewingSubscription(host: ConsoleHost): Promise<Stripe.Subscription> {
  const stripe = new Stripe(host.stripe.keys.test, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const { data } = await stripe.subscriptions.list({ status: 'active', limit: 100 });
  const sub = data.find((s) => !s.cancel_at_period_end && !s.pause_collection && s.items.data.length > 0);
  if (!sub) throw new Error('the emulator has no renewing active subscription');
  const scope = { accountId: host.stripe.accountId, mode: 'test' };
  await host.app.router.dispatch('sync.start', { scope });
  await expect
    .poll(async () => (await host.app.router.dispatch('subscriptions.get', { scope, id: sub.id })).ok, {
      timeout: 30_000,
    })
    .toBe(true);
  return sub;
}

test('an agent cancels a subscription at period end, undoes it, and finds both in the Activity log', async ({
  page,
  host,
}) => {
  const sub = await renewingSubscription(host);
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Subscriptions' }).click();

  const table = page.getByRole('grid', { name: 'Subscriptions' });
  await page.getByRole('group', { name: 'Status filter' }).getByRole('button', { name: 'Active' }).click();
  await expect(table.locator('.vt-row').first()).toBeVisible();
  await expect(table.locator('.vt-row .badge', { hasText: /^(Trialing|Canceled|Past due)$/ })).toHaveCount(0);
  await screenshot(page, '.tmp/screenshots/subscriptions.png');

  await page.getByRole('searchbox', { name: 'Search subscriptions' }).fill(sub.id);
  const row = table.locator('.vt-row', { hasText: 'Renews' });
  await expect(row).toHaveCount(1);
  await row.click();

  const detail = page.getByTestId('subscription-detail');
  await expect(detail).toContainText(sub.id);
  await expect(detail).toContainText('Not scheduled');
  await detail.getByRole('button', { name: 'Cancel at period end' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('then ends without another invoice');
  await screenshot(page, '.tmp/screenshots/subscription-detail-dialog.png');
  await dialog.getByRole('button', { name: 'Cancel at period end' }).click();
  await expect(dialog).toBeHidden();

  // The view shows Stripe's answer at once: the detail, and the row in the list.
  await expect(detail.getByText(/^Cancels /).first()).toBeVisible();
  await expect(table.locator('.vt-row', { hasText: /Cancels / })).toHaveCount(1);
  await screenshot(page, '.tmp/screenshots/subscription-detail.png');

  await detail.getByRole('button', { name: 'Don’t cancel at period end' }).click();
  await dialog.getByRole('button', { name: 'Don’t cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(detail).toContainText('Not scheduled');
  await expect(table.locator('.vt-row', { hasText: 'Renews' })).toHaveCount(1);

  // Cancel now explains Stripe's options; backing out changes nothing.
  await detail.getByRole('button', { name: 'Cancel now…' }).click();
  await expect(dialog).toContainText('Final invoice now');
  await expect(dialog).toContainText('Prorate');
  await screenshot(page, '.tmp/screenshots/subscription-cancel-now-dialog.png');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity' }).click();
  const activity = page.getByRole('grid', { name: 'Activity' });
  // Exact: "Cancel at period end" is inside "Don’t cancel at period end".
  const entryFor = (words: string) => activity.locator('.vt-row', { has: page.getByText(words, { exact: true }) });
  const undo = entryFor('Don’t cancel at period end');
  const cancel = entryFor('Cancel at period end');
  for (const entry of [undo, cancel]) {
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText(sub.id);
    await expect(entry).toContainText(/succeeded/i);
    await expect(entry).toContainText('E2E Agent');
    await expect(entry).toContainText(/req_/);
  }
  // Newest first.
  await expect(activity.locator('.vt-row').first()).toContainText('Don’t cancel at period end');
  await screenshot(page, '.tmp/screenshots/activity.png');

  // New entries arrive while the view is open (activity.recorded), here from an action taken elsewhere.
  const scope = { accountId: host.stripe.accountId, mode: 'test' };
  const action = { kind: 'pause_collection', behavior: 'keep_as_draft' };
  expect(
    (await host.app.router.dispatch('subscriptions.act', { scope, id: sub.id, intentId: crypto.randomUUID(), action }))
      .ok,
  ).toBe(true);
  await expect(activity.locator('.vt-row').first()).toContainText('Pause collection');
  await expect(page.getByTestId('activity-total')).toHaveText('3 entries');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^activity-acct_.*-test-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync(await file.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toContain('stripe_request_id');
  expect(csv).toContain(`subscription.cancel_at_period_end,${sub.id}`);
});

test('the customer page shows the same subscription actions, disabled with the reason when offline', async ({
  page,
  host,
}) => {
  const sub = await renewingSubscription(host);
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Subscriptions' }).click();
  await page.getByRole('searchbox', { name: 'Search subscriptions' }).fill(sub.id);
  await openOnlyResult(page, 'Subscriptions', sub.id);
  const detail = page.getByTestId('subscription-detail');
  // The subscription's customer, one click away.
  await detail.locator('.facts button.link').click();

  const onCustomer = page.getByTestId('customer-subscriptions').locator('article', { hasText: sub.id });
  await expect(onCustomer).toBeVisible();
  await onCustomer.getByRole('button', { name: 'Actions' }).click();
  const cancelAtPeriodEnd = onCustomer.getByRole('button', { name: 'Cancel at period end' });
  await expect(cancelAtPeriodEnd).toBeEnabled();
  await screenshot(page, '.tmp/screenshots/customer-subscriptions.png');

  await host.stripeDown();
  await expect(cancelAtPeriodEnd).toBeDisabled({ timeout: 30_000 });
  await expect(onCustomer).toContainText('Offline');
  await expect(cancelAtPeriodEnd).toHaveAttribute('title', /Offline/);
});

test('a key that may only read subscriptions names the missing permission and disables the actions', async ({
  page,
  host,
}) => {
  const sub = await renewingSubscription(host);
  const readOnly = host.stripe.admin.createRestrictedKey('test', [
    'rak_customer_read',
    'rak_subscription_read',
    'rak_invoice_read',
    'rak_event_read',
  ]);
  const rotated = await host.app.router.dispatch('accounts.rotateKey', {
    accountId: host.stripe.accountId,
    key: readOnly,
  });
  expect(rotated.ok).toBe(true);

  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Subscriptions' }).click();
  await page.getByRole('searchbox', { name: 'Search subscriptions' }).fill(sub.id);
  await openOnlyResult(page, 'Subscriptions', sub.id);
  const detail = page.getByTestId('subscription-detail');
  await detail.getByRole('button', { name: 'Cancel at period end' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Cancel at period end' }).click();
  await expect(dialog.getByRole('alert')).toContainText("lacks the 'rak_subscription_write' permission");
  await screenshot(page, '.tmp/screenshots/subscription-permission-denied.png');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();

  // Every action now says why it is off, and Stripe still has the subscription as it was.
  await expect(detail.getByRole('button', { name: 'Cancel at period end' })).toBeDisabled();
  await expect(detail.getByRole('button', { name: 'Pause collection…' })).toHaveAttribute(
    'title',
    /rak_subscription_write/,
  );
  await expect(detail).toContainText('Not scheduled');
});
