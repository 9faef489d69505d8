import fs from 'node:fs';
import { test, expect } from './fixtures';

// Views only read: one synced host per worker serves every spec that only reads.
test.use({ sharedHost: true });

const VIEWS = ['Customers', 'Payments', 'Subscriptions', 'Disputes', 'Events', 'Activity', 'Settings'] as const;

test.beforeAll(() => fs.mkdirSync('.tmp/screenshots', { recursive: true }));

// Every view renders from the cache without an error state; the screenshots are for people to look at.
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
      await page.screenshot({ path: `.tmp/screenshots/view-${view.toLowerCase()}-${mode}.png` });
    }
  });
}
