import fs from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { layoutProblems, rawWordProblems, type LayoutProblem } from './layout-check';

export interface TourOptions {
  /** e.g. "960x640-live-dark": screenshots are named after it. */
  name: string;
  screenshots: boolean;
  /** Collect layout and wording problems (default); a tour that only runs `check` can skip them. */
  layoutChecks?: boolean;
  /** Called on every view, pane and dialog the tour opens (axe uses it too). */
  check?: (page: Page, where: string) => Promise<void>;
}

/**
 * Opens every view (as the sidebar lists them), the customer and payment panes, the refund dialog, the finance
 * panes (a dispute, an early fraud warning, a payout), the header search, the shortcut sheet, the Add-account dialog
 * and the sync popover; asserts each rendered from the cache without an error state, and collects its layout and
 * wording problems.
 */
export async function tourEveryScreen(page: Page, options: TourOptions): Promise<Record<string, LayoutProblem[]>> {
  const found: Record<string, LayoutProblem[]> = {};
  const dir = '.tmp/screenshots/layout';
  if (options.screenshots) fs.mkdirSync(dir, { recursive: true });
  const look = async (where: string) => {
    await expect(page.locator('.app-content .state-loading')).toHaveCount(0);
    await expect(page.locator('.app-content .state-error')).toHaveCount(0);
    if (options.layoutChecks !== false) {
      const problems = [...(await layoutProblems(page)), ...(await rawWordProblems(page))];
      if (problems.length) found[where] = problems;
    }
    await options.check?.(page, where);
    if (options.screenshots) await page.screenshot({ path: `${dir}/${options.name}-${where}.png` });
  };
  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('button');
  const views = await nav.evaluateAll((buttons) =>
    buttons.map((b) => b.getAttribute('title')?.replace(/ \(.*$/, '') ?? ''),
  );
  for (const [index, view] of views.entries()) {
    await nav.nth(index).click();
    await expect(nav.nth(index)).toHaveAttribute('aria-current', 'page');
    await look(`view-${view.toLowerCase().replace(/\W+/g, '-')}`);
  }

  // Panes: a customer, then one of their payments (drill-down), then the payment's refund dialog.
  await nav.filter({ hasText: 'Customers' }).click();
  await page.getByRole('grid', { name: 'Customers' }).locator('.vt-row').first().click();
  await expect(page.getByTestId('customer-detail')).toBeVisible();
  await look('pane-customer');
  await page.keyboard.press('Escape');
  await nav.filter({ hasText: 'Payments' }).click();
  const succeeded = page.getByRole('grid', { name: 'Payments' }).locator('.vt-row', { hasText: 'Succeeded' }).first();
  await succeeded.click();
  await expect(page.getByTestId('payment-detail')).toBeVisible();
  await look('pane-payment');
  const refund = page.getByTestId('payment-detail').getByRole('button', { name: 'Refund…' }).first();
  // A fully refunded payment has nothing left to refund: no button, no dialog to look at.
  if ((await refund.count()) > 0 && (await refund.isEnabled())) {
    await refund.click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await look('dialog-refund');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  }
  await page.keyboard.press('Escape');

  // Finance panes: the first row of each queue, when the account has one.
  const openFirst = async (view: string, grid: string, pane: string, where: string) => {
    await nav.filter({ hasText: view }).click();
    const row = page.getByRole('grid', { name: grid }).locator('.vt-row').first();
    if ((await row.count()) === 0) return;
    await row.click();
    await expect(page.getByTestId(pane)).toBeVisible();
    await look(where);
    await page.keyboard.press('Escape');
  };
  await openFirst('Disputes', 'Disputes', 'dispute-detail', 'pane-dispute');
  await openFirst('Fraud & reviews', 'Early fraud warnings', 'warning-detail', 'pane-fraud-warning');
  await openFirst('Balance & payouts', 'Payouts', 'payout-detail', 'pane-payout');

  // Overlays and dialogs from the header and status bar.
  await page.keyboard.press('/');
  await page.getByRole('combobox', { name: /Search customers, payments/ }).fill('a');
  await expect(page.locator('.search-results li').first()).toBeVisible();
  await look('dialog-search');
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-sheet')).toBeVisible();
  await look('dialog-shortcuts');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Add account' }).click();
  await look('dialog-add-account');
  await page.keyboard.press('Escape');
  await page.getByTestId('sync-status').getByRole('button').click();
  await look('popover-sync');
  await page.keyboard.press('Escape');
  return found;
}
