import Stripe from 'stripe';
import type { Scope, SyncProgress } from '../../src-preload/contract';
import { test, expect, type ConsoleHost } from './fixtures';
import { screenshot } from './screenshot';

test.use({ demo: true });

async function call<T>(host: ConsoleHost, name: string, input: object): Promise<T> {
  const result = await host.app.router.dispatch(name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/** Every connected account+mode has been listed once, so its existing deadlines have had their say. */
async function settled(host: ConsoleHost, scopes: Scope[]) {
  await expect
    .poll(
      async () => {
        const phases = await Promise.all(
          scopes.map(async (scope) => (await call<SyncProgress>(host, 'sync.status', { scope })).phase),
        );
        return phases.every((p) => p === 'incremental');
      },
      { timeout: 90_000 },
    )
    .toBe(true);
}

test('a dispute due in < 24 h on an account not on screen raises one notification that opens it', async ({
  page,
  host,
}) => {
  const demo = host.app.services.demo!.handle!;
  const demoScope = { accountId: demo.accountId, mode: 'test' as const };
  const shown = { accountId: host.stripe.accountId, mode: 'test' as const };
  const fired = host.notifications;
  test.setTimeout(360_000);
  await page.goto(host.url);
  await settled(host, [demoScope, shown, { ...demoScope, mode: 'live' }, { ...shown, mode: 'live' }]);
  // Deadlines already in the seeded data notified, in accounts not on screen too.
  await expect.poll(() => fired.some((n) => n.accountId === demo.accountId)).toBe(true);

  // An overdue dispute on the account on screen: the header counts it, and it notifies as overdue.
  const shownSdk = new Stripe(host.stripe.keys.test, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const undisputed = async (sdk: Stripe) =>
    (await sdk.charges.list({ limit: 100 })).data.find(
      (c) => c.status === 'succeeded' && c.captured && !c.disputed && !c.refunded,
    )!;
  const late = host.stripe.admin.createDispute((await undisputed(shownSdk)).id, {
    dueBy: Math.floor(Date.now() / 1000) - 3600,
  });
  await expect(page.getByTestId('overdue-count')).toContainText('overdue', { timeout: 120_000 });
  await expect
    .poll(() => fired.filter((n) => n.disputeId === late.id).map((n) => n.threshold.kind))
    .toEqual(['overdue']);
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, '.tmp/screenshots/deadline-notifications-test-1440x900.png');
  while ((await page.getByTestId('deadline-notification').count()) > 0)
    await page.getByTestId('deadline-notification').first().getByRole('button', { name: 'Dismiss' }).click();

  // The Demo account (not on screen) gets a dispute due in 20 hours.
  const sdk = new Stripe(demo.keys.test, { host: '127.0.0.1', port: demo.port, protocol: 'http' });
  const dispute = demo.admin.createDispute((await undisputed(sdk)).id, {
    dueBy: Math.floor(Date.now() / 1000) + 20 * 3600,
  });

  const toast = page.locator(`[data-testid="deadline-notification"][data-dispute="${dispute.id}"]`);
  await expect(toast).toBeVisible({ timeout: 120_000 });
  await expect(toast).toContainText('due in 20 h');
  const mine = fired.filter((n) => n.disputeId === dispute.id);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ accountId: demo.accountId, mode: 'test', threshold: { kind: 'lead', hours: 24 } });
  await page.setViewportSize({ width: 960, height: 640 });
  await screenshot(page, '.tmp/screenshots/deadline-notification-test-960x640.png');

  // Clicking it switches to the Demo account and opens the dispute.
  await toast.getByRole('button', { name: /due in 20 h/ }).click();
  await expect(page.getByTestId('dispute-detail')).toContainText(dispute.id, { timeout: 30_000 });
  expect((await call<{ accountId: string }>(host, 'session.get', {})).accountId).toBe(demo.accountId);

  // Later checks never repeat it.
  await host.app.router.dispatch('notifications.prefs.set', { enabled: true, leadHours: [72, 24, 4] });
  expect(fired.filter((n) => n.disputeId === dispute.id)).toHaveLength(1);

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('deadline-settings')).toBeVisible();
  await page.getByTestId('deadline-settings').scrollIntoViewIfNeeded();
  await screenshot(page, '.tmp/screenshots/deadline-settings-test-960x640.png');
});
