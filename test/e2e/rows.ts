import { expect, type Page } from '@playwright/test';

/**
 * Opens the one object a search found. Right after a search is typed, the list still shows what it showed before
 * (the search waits out its debounce), and when the results come it is replaced: a click then can land on a row
 * that is gone. So: once the list holds only that object's row, click it.
 */
export async function openOnlyResult(page: Page, grid: string, id: string): Promise<void> {
  const rows = page.getByRole('grid', { name: grid }).locator('.vt-row');
  await expect(rows).toHaveCount(1);
  await rows.and(page.locator(`[data-row-id="${id}"]`)).click();
}
