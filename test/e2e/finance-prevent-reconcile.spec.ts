import type { Page } from '@playwright/test';
import type { Mode, PayoutDetail, WarningRow } from '../../src-preload/contract';
import { test, expect, type ConsoleHost } from './fixtures';
import { SCREENSHOTS, screenshot } from './screenshot';

const SIZES = [
  { width: 960, height: 640 },
  { width: 1440, height: 900 },
] as const;

async function call<T>(host: ConsoleHost, name: string, input: object): Promise<T> {
  const result = await host.app.router.dispatch(name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function open(page: Page, host: ConsoleHost, view: 'Fraud & reviews' | 'Balance & payouts') {
  await page.goto(host.url);
  await page.getByRole('button', { name: view }).click();
}

/** Each new view, small and large, in the mode on screen. */
async function shoot(page: Page, name: string, mode: Mode) {
  if (!SCREENSHOTS) return;
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `.tmp/screenshots/${name}-${mode}-${size.width}x${size.height}.png`);
  }
}

test('finance refunds an actionable early fraud warning and approves a review, each once, recorded in Activity', async ({
  page,
  host,
}) => {
  const scope = { accountId: host.stripe.accountId, mode: 'test' as const };
  await open(page, host, 'Fraud & reviews');
  const warnings = page.getByRole('grid', { name: 'Early fraud warnings' });
  await expect(warnings).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('tab-warnings')).toContainText('to act on', { timeout: 30_000 });
  const before = await call<{ items: WarningRow[] }>(host, 'radar.warnings.list', { scope, actionableOnly: true });
  const target = before.items[0]!;

  // The first row is an actionable warning: open it and refund in one step.
  await warnings.getByRole('row').nth(1).click();
  await expect(page.getByTestId('warning-detail')).toContainText(target.id);
  await shoot(page, 'radar-warning', 'test');
  await page.getByTestId('warning-refund').click();
  const dialog = page.getByRole('dialog', { name: 'Refund this payment before it is disputed?' });
  await dialog.getByRole('button', { name: /^Refund / }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('warning-detail')).toContainText('No action needed');

  // It left the actionable queue; Stripe holds exactly one refund for it.
  const after = await call<{ items: WarningRow[] }>(host, 'radar.warnings.list', { scope, actionableOnly: true });
  expect(after.items.map((w) => w.id)).not.toContain(target.id);
  const refunds = await host.stripe.admin.counts('refund');
  expect(refunds).toBeGreaterThan(0);

  // Reviews: approve the first open one.
  await page.getByTestId('tab-reviews').click();
  const reviews = page.getByRole('grid', { name: 'Reviews' });
  await expect(reviews).toBeVisible();
  const openBefore = await call<{ total: number }>(host, 'radar.reviews.list', { scope, open: true });
  await reviews.getByRole('row').nth(1).click();
  await shoot(page, 'radar-review', 'test');
  await page.getByTestId('review-approve').click();
  await page.getByRole('dialog', { name: 'Approve this payment?' }).getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('review-detail')).toHaveCount(0);
  const openAfter = await call<{ total: number }>(host, 'radar.reviews.list', { scope, open: true });
  expect(openAfter.total).toBe(openBefore.total - 1);

  // Activity shows both, in plain view.
  await page.getByRole('button', { name: 'Activity' }).click();
  await expect(
    page.getByRole('row', { name: new RegExp(`Refund after fraud warning ${target.id} .* Succeeded`) }),
  ).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByRole('row', { name: /Approve Radar review prv_\w+ .* Succeeded/ })).toBeVisible();
  await shoot(page, 'activity-after-radar', 'test');
});

test('finance opens a payout and its settled transactions add up to it; balance per currency', async ({
  page,
  host,
}) => {
  const scope = { accountId: host.stripe.accountId, mode: 'test' as const };
  await open(page, host, 'Balance & payouts');
  await expect(page.getByTestId('balance')).toBeVisible({ timeout: 30_000 });
  const grid = page.getByRole('grid', { name: 'Payouts' });
  await expect(grid).toBeVisible({ timeout: 30_000 });
  await grid.getByRole('row').nth(1).click();
  await expect(page.getByTestId('payout-adds-up')).toContainText(/\d transactions? nets? to the payout amount/);
  const nets = await page
    .getByTestId('settled-net')
    .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-minor'))));
  const total = Number(await page.getByTestId('settled-total').getAttribute('data-minor'));
  expect(nets.reduce((a, b) => a + b, 0)).toBe(total);
  const payoutId = (await page.getByTestId('payout-detail').locator('h2').textContent())!.replace('Payout ', '');
  const detail = await call<PayoutDetail>(host, 'payouts.get', { scope, payoutId });
  expect(total).toBe(detail.payout.amount);
  await shoot(page, 'balance-payout', 'test');

  // Live mode: the same views on live data.
  await call(host, 'session.select', { accountId: host.stripe.accountId, mode: 'live' });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Balance & payouts' }).click();
  await expect(page.getByRole('grid', { name: 'Payouts' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('grid', { name: 'Payouts' }).getByRole('row').nth(1).click();
  await expect(page.getByTestId('payout-adds-up')).toContainText(/\d transactions? nets? to the payout amount/);
  await shoot(page, 'balance-payout', 'live');
  await page.getByRole('button', { name: 'Fraud & reviews' }).click();
  await expect(page.getByRole('grid', { name: 'Early fraud warnings' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('grid', { name: 'Early fraud warnings' }).getByRole('row').nth(1).click();
  await shoot(page, 'radar-warning', 'live');
});
