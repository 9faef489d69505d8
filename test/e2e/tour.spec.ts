import { axeViolations } from './axe-check';
import { test, expect } from './fixtures';
import { ALL_SIZES, LARGE_SIZE, MIN_SIZE } from './layout-check';
import { tourEveryScreen } from './layout-tour';
import { SCREENSHOTS } from './screenshot';

// The tour only reads (each test sets its own mode, size and colours): one synced host per worker serves every
// spec that only reads.
test.use({ sharedHost: true });

interface Run {
  size: { width: number; height: number };
  mode: 'test' | 'live';
  scheme: 'light' | 'dark';
  /** Every interactive element reachable, no text clipped, no API words (layout-check.ts). */
  layout: boolean;
  /** axe-core's WCAG 2.0/2.1 A and AA rules: no serious or critical violation. */
  axe: boolean;
}

const LAYOUT_FULL = process.env['LAYOUT_FULL'] === '1';
const A11Y_FULL = process.env['A11Y_FULL'] === '1';
const MODES = ['test', 'live'] as const;
const SCHEMES = ['light', 'dark'] as const;
const A11Y_SIZE = { width: 1280, height: 800 };

/**
 * npm test runs a slice in two tours: the smallest window in test mode (dark), and a common one in live mode
 * (light) with axe on every screen, live's colours being the riskier. Layout is geometry, the same in either
 * scheme; the full sweeps keep both. `npm run bench:layout` tours every size × mode × scheme and keeps the
 * screenshots; `npm run bench:a11y` runs axe in both modes.
 */
const RUNS: Run[] = LAYOUT_FULL
  ? ALL_SIZES.flatMap((size) =>
      MODES.flatMap((mode) => SCHEMES.map((scheme) => ({ size, mode, scheme, layout: true, axe: false }))),
    )
  : A11Y_FULL
    ? MODES.map((mode) => ({ size: A11Y_SIZE, mode, scheme: 'light', layout: false, axe: true }))
    : [
        { size: MIN_SIZE, mode: 'test', scheme: 'dark', layout: true, axe: false },
        { size: LARGE_SIZE, mode: 'live', scheme: 'light', layout: true, axe: true },
      ];

for (const { size, mode, scheme, layout, axe } of RUNS) {
  const name = `${size.width}x${size.height}-${mode}-${scheme}`;
  const what = [layout && 'fits', axe && 'has no serious accessibility violation'].filter(Boolean).join(' and ');
  test(`every view, pane and dialog ${what} at ${name}`, async ({ page, host }) => {
    // axe takes seconds per screen, more on a loaded machine.
    test.setTimeout(axe ? 600_000 : 240_000);
    await page.setViewportSize(size);
    await page.emulateMedia({ colorScheme: scheme });
    await host.app.router.dispatch('session.select', { accountId: host.stripe.accountId, mode });
    await page.goto(host.url);
    await expect(page.locator('.app-frame')).toHaveAttribute('data-mode', mode);
    await expect(page.getByText(/Up to date/)).toBeVisible({ timeout: 30_000 });
    // The mode switch and (in live) the banner are always in view.
    await expect(page.getByTestId('mode-switch')).toBeInViewport({ ratio: 1 });
    if (mode === 'live') await expect(page.getByTestId('live-banner')).toBeInViewport();
    const violations: string[] = [];
    const problems = await tourEveryScreen(page, {
      name,
      screenshots: LAYOUT_FULL || SCREENSHOTS || process.env['LAYOUT_SCREENSHOTS'] === '1',
      layoutChecks: layout,
      ...(axe && {
        check: async (p, where) => {
          for (const v of await axeViolations(p))
            if (v.impact === 'serious' || v.impact === 'critical') {
              const line = `${where}: ${v.id} (${v.impact}) — ${v.targets.join(' | ')}`;
              // Logged as found too, so a sweep that runs out of time still says what it saw.
              console.log(`a11y: ${line}`);
              violations.push(line);
            }
        },
      }),
    });
    expect(problems).toEqual({});
    expect(violations).toEqual([]);
  });
}
