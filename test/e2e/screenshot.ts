import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

/**
 * The specs' screenshots are for people to look at: no assertion reads them. Each costs Chromium about 0.2 CPU s (a
 * frame read back and PNG-encoded), about 90 of them were a tenth of the end-to-end stage's CPU, so `npm test` skips
 * them; `E2E_SCREENSHOTS=1` takes them (to `.tmp/screenshots/`), sizes and colour schemes included.
 */
export const SCREENSHOTS = process.env['E2E_SCREENSHOTS'] === '1';

/** The page (or one element of it) as it is now, to `file`, when screenshots are on. */
export async function screenshot(target: Page | Locator, file: string, fullPage = false): Promise<void> {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if ('goto' in target) await target.screenshot({ path: file, fullPage });
  else await target.screenshot({ path: file });
}
