import { test, expect } from './fixtures';
import { screenshot } from './screenshot';

// Views only read: one synced host per worker serves every spec that only reads.
test.use({ sharedHost: true });

const VIEWS = ['Customers', 'Payments', 'Subscriptions', 'Disputes', 'Events', 'Activity', 'Settings'] as const;

// Every view renders from the cache without an error state; with E2E_SCREENSHOTS=1, a screenshot of each.
for (const mode of ['test', 'live'] as const) {
  test(`every view renders in ${mode} mode`, async ({ page, host }) => {
    await host.app.router.dispatch('session.select', { accountId: host.stripe.accountId, mode });
    await page.goto(host.url);
    await expect(page.locator('.app-frame')).toHaveAttribute('data-mode', mode);
    await expect(page.getByText('Up to date')).toBeVisible({ timeout: 30_000 });
    for (const view of VIEWS) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: view }).click();
      await expect(page.locator('.app-content')).toHaveAttribute('data-view', view.toLowerCase());
      await expect(page.locator('.app-content .state-error')).toHaveCount(0);
      await expect(page.locator('.app-content .state-loading')).toHaveCount(0);
      await screenshot(page, `.tmp/screenshots/view-${view.toLowerCase()}-${mode}.png`);
    }
  });
}

// Keyboard-first: an event opens in a pane that takes focus; Escape closes it and gives focus back to the list.
test('an event opens in a pane that takes focus, and Escape returns to the list', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByText('Up to date')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Events' }).click();
  const list = page.getByRole('grid', { name: 'Synced events' });
  await list.locator('.vt-row').first().click();
  const pane = page.getByRole('region', { name: /^Event evt_/ });
  await expect(pane).toBeFocused();
  await expect(pane.getByTestId('event-json')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pane).toHaveCount(0);
  await expect(list).toBeFocused();
});
