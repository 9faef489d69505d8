import { test, expect } from './fixtures';

test.use({ demo: true, withStripeAccount: false });

test('add an account by pasting its keys, switch to live and back, then remove it', async ({ page, host }) => {
  await page.goto(host.url);
  // With no key at all, the Demo account is shown, labelled as such (the first load, as the other specs allow it).
  await expect(page.getByTestId('account-switcher').locator('.account-badge.demo')).toHaveText('Demo', {
    timeout: 30_000,
  });

  await page.getByTestId('account-switcher').getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a Stripe account' });
  const keyInput = dialog.getByLabel('API key');
  await expect(keyInput).toHaveAttribute('type', 'password');
  await keyInput.fill(host.stripe.keys.test.replace('sk_', 'pk_'));
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'This is a publishable key. Paste a secret (sk_) or restricted (rk_) key.',
  );

  await keyInput.fill(host.stripe.keys.test);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Account', { exact: true })).toHaveValue(host.stripe.accountId);
  await expect(page.getByTestId('mode-switch').getByRole('radio', { name: 'Live' })).toBeDisabled();

  // The live key joins the same account from Settings.
  await page.getByRole('button', { name: 'Settings' }).click();
  const row = page.locator(`[data-account-id="${host.stripe.accountId}"]`);
  await row.getByLabel(/New key for/).fill(host.stripe.keys.live);
  await row.getByRole('button', { name: 'Replace key' }).click();
  await expect(row.locator('.key-row-live code')).toHaveText(/^sk_live_…\w{4}$/);
  expect(await page.content()).not.toContain(host.stripe.keys.live);

  await page.getByTestId('mode-switch').getByRole('radio', { name: 'Live' }).click();
  await expect(page.locator('.app-frame')).toHaveAttribute('data-mode', 'live');
  await expect(page.getByTestId('live-banner')).toBeVisible();
  await expect(page).toHaveTitle(/^LIVE — Northwind Supply Co\./);

  await page.keyboard.press('Control+Shift+M');
  await expect(page.locator('.app-frame')).toHaveAttribute('data-mode', 'test');

  // Removing is a separate, dangerous action: below the rename and key forms at the smallest window, not beside
  // the Name field, and not inside either form.
  await page.setViewportSize({ width: 960, height: 640 });
  const opener = row.getByRole('button', { name: 'Remove account…' });
  const renameButton = row.getByRole('button', { name: 'Rename' });
  await opener.scrollIntoViewIfNeeded();
  const [renameBox, openerBox] = [await renameButton.boundingBox(), await opener.boundingBox()];
  expect(openerBox!.y).toBeGreaterThan(renameBox!.y + renameBox!.height);
  const renameForm = row.locator('form', { has: page.getByRole('button', { name: 'Rename' }) });
  await expect(renameForm).toHaveCount(1);
  await expect(renameForm).not.toContainText('Remove');
  await opener.click();
  const remove = row.getByRole('button', { name: /^Remove Northwind/ });
  await expect(remove).toBeDisabled();
  await expect(row.getByLabel('Account id to confirm removal')).toBeFocused();
  await row.getByLabel('Account id to confirm removal').fill(host.stripe.accountId);
  await remove.click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('account-switcher').locator('.account-badge.demo')).toHaveText('Demo');
});
