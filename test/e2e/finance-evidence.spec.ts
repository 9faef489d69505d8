import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SCREENSHOTS, screenshot } from './screenshot';

/** The queue's first row: the most urgent dispute still taking evidence. */
async function openMostUrgent(page: Page) {
  await page.getByRole('button', { name: 'Disputes' }).click();
  const grid = page.getByRole('grid', { name: 'Disputes' });
  await expect(grid).toBeVisible({ timeout: 30_000 });
  await grid.getByRole('row').nth(1).click();
  await expect(page.getByTestId('evidence-editor')).toBeVisible();
}

test('the evidence editor starts from what the cache knows, marked, with the reason’s fields first', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  for (const mode of ['test', 'live'] as const) {
    await host.app.router.dispatch('session.select', { accountId: host.stripe.accountId, mode });
    await page.goto(host.url);
    await openMostUrgent(page);
    const email = page.getByTestId('field-customer_email_address');
    await expect(email).toContainText('Pre-filled');
    await expect(email.locator('input')).toHaveValue(/@/);
    await expect(page.getByTestId('field-service_date').locator('input')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    // Fields the reason doesn't call for are folded; opening them shows them.
    const other = page.getByTestId('other-fields');
    const folded = other.locator('.evidence-field').first();
    await expect(folded).toBeHidden();
    await other.locator('summary').click();
    await expect(folded).toBeVisible();
    // Editing a pre-filled value removes the mark.
    await email.locator('input').fill('someone.else@example.com');
    await expect(email).not.toContainText('Pre-filled');
    await page.getByTestId('evidence-editor').scrollIntoViewIfNeeded();
    if (SCREENSHOTS)
      for (const size of [
        { width: 960, height: 640 },
        { width: 1440, height: 900 },
      ]) {
        await page.setViewportSize(size);
        await screenshot(page, `.tmp/screenshots/evidence-prefill-${mode}-${size.width}x${size.height}.png`);
      }
  }
});
