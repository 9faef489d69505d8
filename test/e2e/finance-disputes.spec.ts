import type { Page } from '@playwright/test';
import { test, expect, type ConsoleHost } from './fixtures';
import { SCREENSHOTS, screenshot } from './screenshot';

// Enough customers that the seeded disputes cover every status, answerable ones included.
test.use({ customers: 200 });

/** A small valid PDF, generated here rather than checked in. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

async function openQueue(page: Page, host: ConsoleHost) {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Disputes' }).click();
  // Sync fills the cache; the queue follows it.
  await expect(page.getByRole('grid', { name: 'Disputes' })).toBeVisible({ timeout: 30_000 });
}

/** The app scrolls inside its content pane, so a full-page shot needs a tall window for a moment. */
async function tallScreenshot(page: Page, path: string) {
  if (!SCREENSHOTS) return;
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: 2000 });
  await screenshot(page, path);
  await page.setViewportSize(size);
}

async function needsResponseIds(host: ConsoleHost): Promise<string[]> {
  const scope = { accountId: host.stripe.accountId, mode: 'test' as const };
  const result = await host.app.router.dispatch('disputes.list', {
    scope,
    filter: { statuses: ['needs_response'] },
    limit: 500,
  });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { items: { id: string }[] }).items.map((d) => d.id);
}

test('finance drafts evidence offline, survives a restart, uploads a file and submits', async ({
  page,
  host: firstHost,
}) => {
  let host = firstHost;
  await openQueue(page, host);
  await expect(page.getByTestId('dispute-charts')).toBeVisible();
  await expect(page.getByTestId('dispute-deadline-alert')).toContainText('due in < 48 h');
  await tallScreenshot(page, '.tmp/screenshots/disputes-queue.png');
  await page.getByTestId('status-filter-needs_response').click();
  await expect(page.getByTestId('disputes-count')).toHaveText(/^\d+ in this view$/);

  // The first row is the most urgent dispute that can still be answered.
  const mostUrgent = (await needsResponseIds(host))[0]!;
  await page.getByRole('grid', { name: 'Disputes' }).getByRole('row').nth(1).click();
  await expect(page.getByTestId('dispute-detail')).toContainText(mostUrgent);
  await expect(page.getByTestId('guidance')).toBeVisible();
  await tallScreenshot(page, '.tmp/screenshots/dispute-detail.png');

  // What the cache knows is pre-filled and marked; fields the reason doesn't call for are folded away.
  const scope = { accountId: host.stripe.accountId, mode: 'test' as const };
  const opened = await host.app.router.dispatch('disputes.get', { scope, disputeId: mostUrgent });
  if (!opened.ok) throw new Error(opened.error.message);
  const prefill = (opened.value as { prefill: Record<string, string> }).prefill;
  expect(prefill['customer_email_address']).toMatch(/@/);
  await expect(page.getByTestId('field-customer_email_address')).toContainText('Pre-filled');
  const keptPrefill = Object.entries(prefill)
    .filter(([field]) => field !== 'customer_name' && field !== 'uncategorized_text')
    .reduce((sum, [, value]) => sum + value.length, 0);

  // Stripe goes away: drafting still works and is saved locally; sending says why it can't.
  await host.stripeDown();
  const story = 'The customer signed for the parcel on 2 March; see the receipt.';
  await page.getByTestId('other-fields').locator('summary').click();
  await page.getByTestId('field-uncategorized_text').locator('textarea').fill(story);
  await page.getByTestId('field-customer_name').locator('input').fill('Jenny Rosen');
  await expect(page.getByTestId('draft-saved')).toBeVisible();
  await expect(page.getByTestId('char-count')).toHaveText(
    `${(story.length + 'Jenny Rosen'.length + keptPrefill).toLocaleString('en-US')} / 150,000 characters`,
  );
  await expect(page.getByTestId('send-blocked')).toContainText('Offline', { timeout: 30_000 });
  await expect(page.getByTestId('submit-evidence')).toBeDisabled();

  // Quit and start again, still offline: the draft is there.
  host = await host.restart();
  await openQueue(page, host);
  await page.getByTestId('status-filter-needs_response').click();
  await page.getByRole('grid', { name: 'Disputes' }).getByRole('row').nth(1).click();
  await expect(page.getByTestId('dispute-detail')).toContainText(mostUrgent);
  await expect(page.getByTestId('field-customer_name').locator('input')).toHaveValue('Jenny Rosen');
  await expect(page.getByTestId('field-uncategorized_text').locator('textarea')).toHaveValue(/signed for the parcel/);

  // Back online: upload a receipt and submit.
  await host.stripeUp();
  await expect(page.getByTestId('send-blocked')).toHaveCount(0, { timeout: 30_000 });
  await page
    .getByTestId('file-receipt')
    .locator('input[type=file]')
    .setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByTestId('file-receipt').getByTestId('file-uploaded')).toContainText('receipt.pdf');
  await page.getByTestId('file-receipt').getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('file-receipt').locator('iframe.file-preview')).toHaveAttribute('src', /^blob:/);
  await screenshot(page, '.tmp/screenshots/dispute-evidence-file.png');

  await page.getByTestId('submit-evidence').click();
  const dialog = page.getByRole('dialog', { name: 'Submit this evidence to the bank?' });
  await expect(dialog).toContainText('usually final');
  await dialog.getByRole('button', { name: 'Submit evidence' }).click();
  await expect(page.getByTestId('evidence-locked')).toContainText('submitted');
  await expect(page.getByTestId('dispute-detail').locator('.badge', { hasText: 'Under review' })).toBeVisible();

  // The queue shows it under review.
  await page.getByRole('button', { name: 'Queue', exact: true }).click();
  await page.getByTestId('status-filter-needs_response').click();
  await page.getByTestId('status-filter-under_review').click();
  expect(await needsResponseIds(host)).not.toContain(mostUrgent);
  await expect(page.getByRole('grid', { name: 'Disputes' }).locator(`[data-row-id="${mostUrgent}"]`)).toBeVisible();

  // The Activity log shows the upload and the submission.
  await page.getByRole('button', { name: 'Activity' }).click();
  await page.getByLabel('Object id').fill(mostUrgent);
  const activity = page.getByRole('grid', { name: 'Activity' });
  await expect(activity).toContainText('Submit dispute evidence');
  await expect(activity).toContainText('Upload evidence file');
});

test('accepting a dispute says it is irreversible and what it costs', async ({ page, host }) => {
  await openQueue(page, host);
  await page.getByTestId('status-filter-needs_response').click();
  await page.getByRole('grid', { name: 'Disputes' }).getByRole('row').nth(1).click();
  await page.getByTestId('accept-dispute').click();
  const dialog = page.getByRole('dialog', { name: 'Accept this dispute?' });
  await expect(dialog).toContainText('irreversible');
  await expect(dialog).toContainText('Disputed amount, lost');
  await screenshot(page, '.tmp/screenshots/dispute-accept.png');
  await dialog.getByRole('button', { name: 'Accept dispute' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('dispute-detail').locator('.badge', { hasText: 'Lost' })).toBeVisible();
  await expect(page.getByTestId('evidence-locked')).toContainText('closed');
});
