import { test, expect } from './fixtures';
import { ALL_SIZES } from './layout-check';
import { tourEveryScreen } from './layout-tour';

// The tour only reads (each test sets its own mode, size and colours): one synced host per worker serves every
// spec that only reads.
test.use({ sharedHost: true });

// npm test runs a slice (the smallest window in test mode, a common one in live mode);
// `npm run bench:layout` runs every size × mode × colour scheme and keeps the screenshots.
const FULL = process.env['LAYOUT_FULL'] === '1';
const RUNS = FULL
  ? ALL_SIZES.flatMap((size) =>
      (['test', 'live'] as const).flatMap((mode) =>
        (['light', 'dark'] as const).map((scheme) => ({ size, mode, scheme })),
      ),
    )
  : [
      { size: ALL_SIZES[0], mode: 'test' as const, scheme: 'light' as const },
      { size: ALL_SIZES[2], mode: 'live' as const, scheme: 'dark' as const },
    ];

for (const { size, mode, scheme } of RUNS) {
  const name = `${size.width}x${size.height}-${mode}-${scheme}`;
  test(`every view, pane and dialog fits at ${name}`, async ({ page, host }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    await page.emulateMedia({ colorScheme: scheme });
    await host.app.router.dispatch('session.select', { accountId: host.stripe.accountId, mode });
    await page.goto(host.url);
    await expect(page.locator('.app-frame')).toHaveAttribute('data-mode', mode);
    await expect(page.getByText(/Up to date/)).toBeVisible({ timeout: 30_000 });
    // The mode switch and (in live) the banner are always in view.
    await expect(page.getByTestId('mode-switch')).toBeInViewport({ ratio: 1 });
    if (mode === 'live') await expect(page.getByTestId('live-banner')).toBeInViewport();
    const problems = await tourEveryScreen(page, {
      name,
      screenshots: FULL || process.env['LAYOUT_SCREENSHOTS'] === '1',
    });
    expect(problems).toEqual({});
  });
}
