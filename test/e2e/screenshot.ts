import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { LARGE_SIZE, MIN_SIZE } from './layout-check';

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

const SIZES = [
  ['small', MIN_SIZE],
  ['large', LARGE_SIZE],
] as const;

/**
 * The page at both sizes, to `.tmp/screenshots/<name>-small.png` and `-large.png`, when screenshots are on; with
 * `schemes`, light and dark each (`<name>-small-dark.png`), light again after. The window is left large.
 */
export async function screenshotSizes(page: Page, name: string, { schemes = false } = {}): Promise<void> {
  if (!SCREENSHOTS) return;
  for (const [size, viewport] of SIZES) {
    await page.setViewportSize(viewport);
    if (!schemes) await screenshot(page, `.tmp/screenshots/${name}-${size}.png`);
    else
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `.tmp/screenshots/${name}-${size}-${scheme}.png`);
      }
  }
  if (schemes) await page.emulateMedia({ colorScheme: 'light' });
}
