import type { Locator, Page } from '@playwright/test';

/**
 * One object's row in a list, by its id. Right after a search is typed, "the first row" is still whatever the list
 * showed before the search applied (it waits out the debounce), which on a loaded machine is someone else.
 */
export function rowOf(page: Page, grid: string, id: string): Locator {
  return page.getByRole('grid', { name: grid }).locator(`.vt-row[data-row-id="${id}"]`);
}
