import { test, expect } from './fixtures';
import { screenshot } from './screenshot';

// These only read (the mode switch is put back before each test): one synced host per worker serves them all.
test.use({ sharedHost: true });

test('the renderer talks to the real main-process services through the bridge', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  // The agent name comes from main's SettingsStore, over the same contract the preload carries.
  await expect(page.getByLabel('Agent name (recorded in the Activity log)')).toHaveValue('E2E Agent');
  // Renderer code can reach main only through the one bridge object.
  expect(await page.evaluate(() => 'stripeConsole' in window)).toBe(true);
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  await screenshot(page, '.tmp/screenshots/settings.png');
});

test('a garbage payload from the page gets a typed error, not a crash', async ({ page, host }) => {
  await page.goto(host.url);
  const result = await page.evaluate(() =>
    (window as unknown as { stripeConsole: { invoke(c: string, i: unknown): Promise<unknown> } }).stripeConsole.invoke(
      'accounts.add',
      { key: 42 },
    ),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', retryable: false } });
});

test('the mode switch changes the whole frame', async ({ page, host }) => {
  await page.goto(host.url);
  const frame = page.locator('.app-frame');
  await expect(frame).toHaveAttribute('data-mode', 'test');
  await expect(page.getByTestId('live-banner')).toHaveCount(0);
  await expect(page).toHaveTitle(/^Test mode — /);
  await screenshot(page, '.tmp/screenshots/frame-test.png');

  await page.getByTestId('mode-switch').getByRole('radio', { name: 'Live' }).click();
  await expect(frame).toHaveAttribute('data-mode', 'live');
  await expect(page.getByTestId('live-banner')).toBeVisible();
  await expect(page).toHaveTitle(/^LIVE — /);
  await screenshot(page, '.tmp/screenshots/frame-live.png');

  // The keyboard shortcut switches back.
  await page.keyboard.press('Control+Shift+M');
  await expect(frame).toHaveAttribute('data-mode', 'test');
  expect((await host.app.router.dispatch('session.get', {})).ok).toBe(true);
});

test('the global search shortcut lands in customer search from any view', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Events' }).click();
  await page.keyboard.press('Control+K');
  await expect(page.locator('.app-content')).toHaveAttribute('data-view', 'customers');
});

test('a live view never shows a test object', async ({ page, host }) => {
  const idsIn = async (mode: 'test' | 'live') => {
    const scope = { accountId: host.stripe.accountId, mode };
    const page = await host.app.router.dispatch('customers.search', { scope, limit: 500 });
    if (!page.ok) throw new Error(page.error.message);
    return new Set((page.value as { items: { id: string }[] }).items.map((c) => c.id));
  };
  // Narrow windows hide the id column, so read each row's id from the row itself.
  const visibleIds = async () =>
    (await page.locator('.vt-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id') ?? ''))).filter(
      (id) => id.startsWith('cus_'),
    );

  await page.goto(host.url);
  await expect(page.locator('.vt-row').first()).toBeVisible();
  const testIds = await idsIn('test');
  expect(testIds.size).toBeGreaterThan(0);

  await page.getByTestId('mode-switch').getByRole('radio', { name: 'Live' }).click();
  await expect(page.locator('.app-frame')).toHaveAttribute('data-mode', 'live');
  await expect(page.locator('.vt-row').first()).toBeVisible();
  const shown = await visibleIds();
  expect(shown.length).toBeGreaterThan(0);
  for (const id of shown) expect(testIds.has(id), `${id} is a test customer shown in live mode`).toBe(false);
  // And the stores themselves are apart: nothing cached for test is in live's.
  const liveIds = await idsIn('live');
  for (const id of testIds) expect(liveIds.has(id)).toBe(false);
});

// Keyboard-first: an event opens in a pane that takes focus; Escape closes it and gives focus back to the list.
test('an event opens in a pane that takes focus, and Escape returns to the list', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByText('Up to date')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Events' }).click();
  const list = page.getByRole('grid', { name: 'Synced events' });
  await list.locator('.vt-row').first().click();
  const pane = page.getByRole('region', { name: /^Event evt_/ });
  await expect(pane).toBeFocused();
  await expect(pane.getByTestId('event-json')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pane).toHaveCount(0);
  await expect(list).toBeFocused();
});
