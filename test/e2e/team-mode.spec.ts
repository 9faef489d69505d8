import { randomBytes } from 'node:crypto';
import { systemClock } from '../../src-main/platform/clock';
import { startTeamSync, type TeamSyncApp } from '../../src-main/team/team-sync-app';
import { silentLogger } from '../support/logger';
import { asRole, createTestDatabase, pgUnavailable } from '../team/pg-harness';
import { test, expect } from './fixtures';
import { screenshot } from './screenshot';

test.skip(pgUnavailable !== null, pgUnavailable ?? '');

test('Settings → Team sync: bad input is refused with the fields kept, then the console copies the team’s data', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000); // a team sync service backfills from Stripe's stand-in first
  // The team's side: a database the team sync service fills from Stripe, and a login role for agents.
  const db = await createTestDatabase('sc_team_e2e');
  const role = `sc_e2e_${randomBytes(4).toString('hex')}`;
  let service: TeamSyncApp | null = null;
  try {
    service = await startTeamSync(
      {
        databaseUrl: db.url,
        scopes: [
          {
            scope: { accountId: host.stripe.accountId, mode: 'test' },
            apiKey: host.stripe.keys.test,
            webhookSecrets: [],
          },
        ],
        rate: { test: 50, live: 50 },
        apiEndpoint: { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' },
        webhook: null,
        pollIntervalMs: 1000,
      },
      systemClock,
      silentLogger,
    );
    const password = `pw-${randomBytes(10).toString('hex')}`;
    await service.database.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE stripe_console_agent`);
    const address = new URL(asRole(db.url, role, 'unused'));
    address.password = '';

    await page.goto(host.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.locator('.team-mode-settings');
    await expect(section.getByRole('status')).toContainText('Off — this console syncs its accounts');
    const form = section.getByRole('form', { name: 'Connect to a team sync' });
    const addressInput = form.getByLabel('Team database address');
    const passwordInput = form.getByLabel('Role password (kept in the OS keychain)');
    await expect(passwordInput).toHaveAttribute('type', 'password');

    // Not a PostgreSQL address: said plainly, and what was typed stays.
    await addressInput.fill('mysql://agent@db.example/team');
    await passwordInput.fill(password);
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect(form.getByRole('alert')).toContainText('The team database is PostgreSQL');
    await expect(addressInput).toHaveValue('mysql://agent@db.example/team');
    await expect(passwordInput).toHaveValue(password);

    // The wrong password: refused, nothing switched.
    await addressInput.fill(address.toString());
    await passwordInput.fill('not-the-password');
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect(form.getByRole('alert')).toContainText('refused this role or its password');
    await expect(section.getByRole('status')).toContainText('Off');

    // The right one: connected, with the last copy's time; the password is in no page.
    await passwordInput.fill(password);
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect(section.getByRole('status')).toContainText('Connected — data comes from the team’s sync service', {
      timeout: 60_000,
    });
    await expect(section.getByRole('status')).toContainText('Last copy:');
    await expect(passwordInput).toHaveValue('');
    expect(await page.content()).not.toContain(password);
    await screenshot(section, '.tmp/team/settings-team-connected.png');
    await page.setViewportSize({ width: 960, height: 640 });
    await screenshot(section, '.tmp/team/settings-team-960.png');

    // The data the service synced is in the console's views.
    await page.getByRole('button', { name: 'Customers' }).click();
    await expect(page.locator('[data-row-id^="cus_"]').first()).toBeVisible({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Settings' }).click();
    await section.getByRole('button', { name: 'Stop using the team sync' }).click();
    await expect(section.getByRole('status')).toContainText('Off');
  } finally {
    await service?.database.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await service?.stop();
    await db.drop();
  }
});
