import { axeViolations } from './axe-check';
import { test, expect } from './fixtures';
import { tourEveryScreen } from './layout-tour';

// The tour only reads: one synced host per worker serves every spec that only reads.
test.use({ sharedHost: true });

// axe-core on every view, pane and dialog: no serious or critical violation. axe takes seconds per screen, so
// npm test checks live mode (its colours are the riskier); A11Y_FULL=1 (npm run bench:a11y) checks test mode too.
const MODES = process.env['A11Y_FULL'] === '1' ? (['test', 'live'] as const) : (['live'] as const);
const logged = (list: string[], line: string) => {
  console.log(`a11y: ${line}`);
  list.push(line);
};

for (const mode of MODES) {
  test(`no serious accessibility violation on any screen in ${mode} mode`, async ({ page, host }) => {
    // axe takes seconds per screen, more on a loaded machine; the full sweep opens every screen twice over.
    test.setTimeout(process.env['A11Y_FULL'] === '1' ? 1_200_000 : 600_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await host.app.router.dispatch('session.select', { accountId: host.stripe.accountId, mode });
    await page.goto(host.url);
    await expect(page.getByText(/Up to date/)).toBeVisible({ timeout: 30_000 });
    const violations: string[] = [];
    await tourEveryScreen(page, {
      name: `a11y-${mode}`,
      screenshots: false,
      layoutChecks: false,
      check: async (p, where) => {
        for (const v of await axeViolations(p))
          if (v.impact === 'serious' || v.impact === 'critical')
            // Logged as found too, so a sweep that runs out of time still says what it saw.
            logged(violations, `${where}: ${v.id} (${v.impact}) — ${v.targets.join(' | ')}`);
      },
    });
    expect(violations).toEqual([]);
  });
}
