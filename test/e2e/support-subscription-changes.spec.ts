import Stripe from 'stripe';
import { test, expect } from './fixtures';
import { screenshotSizes } from './screenshot';
import { openOnlyResult } from './rows';

test('an agent changes a subscription’s quantity after reading Stripe’s proration preview', async ({ page, host }) => {
  const stripe = new Stripe(host.stripe.keys.test, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const scope = { accountId: host.stripe.accountId, mode: 'test' as const };
  const sub = (await stripe.subscriptions.list({ status: 'active', limit: 100 })).data.find(
    (s) => !s.cancel_at_period_end && !s.pause_collection,
  )!;
  const quantity = (sub.items.data[0]!.quantity ?? 1) + 2;
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
  const detail = page.getByTestId('subscription-detail');
  await detail.getByRole('button', { name: 'Change plan or quantity…' }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'Confirm change' });
  await dialog.getByLabel('Quantity').fill('0');
  await expect(dialog).toContainText('Enter a whole quantity from 1 to 10,000.');
  await dialog.getByLabel('Quantity').fill(String(quantity));
  await expect(dialog).toContainText('Adjust on the next invoice: credit the unused part of the current plan');
  // Nothing can be confirmed before the preview has been read.
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('button', { name: 'Preview the next invoice' }).click();
  const preview = dialog.getByTestId('change-preview');
  await expect(preview).toContainText('more for the rest of this period');
  await expect(preview).toContainText('(adjustment)');
  await screenshotSizes(page, 'subscription-change-preview');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await stripe.subscriptions.retrieve(sub.id)).items.data[0]!.quantity).toBe(quantity);
  await expect(detail).toContainText(`× ${quantity} /`);
});
