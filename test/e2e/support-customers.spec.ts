import fs from 'node:fs';
import Stripe from 'stripe';
import type { Page } from '@playwright/test';
import { test, expect, type ConsoleHost } from './fixtures';
import { layoutProblems } from './layout-check';
import { screenshot } from './screenshot';
import { openOnlyResult } from './rows';

const SIZES = [
  { name: 'small', width: 960, height: 640 },
  { name: 'large', width: 1440, height: 900 },
] as const;

/** A customer made at the Stripe stand-in, synced into the app, opened from the customers search. */
async function openCustomer(page: Page, host: ConsoleHost) {
  const stripe = new Stripe(host.stripe.keys.test, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const email = `data.subject.${Date.now()}@example.com`;
  const customer = await stripe.customers.create({
    email,
    name: 'Data Subject',
    address: { line1: '5 Old Road', city: 'Leeds', country: 'GB' },
    metadata: { ticket: 'T-1' },
  });
  await stripe.paymentIntents.create({
    amount: 2500,
    currency: 'gbp',
    customer: customer.id,
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  const scope = { accountId: host.stripe.accountId, mode: 'test' as const };
  await host.app.router.dispatch('sync.start', { scope });
  await expect
    .poll(async () => (await host.app.router.dispatch('customers.get', { scope, customerId: customer.id })).ok, {
      timeout: 30_000,
    })
    .toBe(true);
  await page.goto(host.url);
  // The list's total comes apart from its first page (customers.count) and is the cache's exact count.
  const total = page.getByText(/^[\d,]+ customers$/);
  await expect
    .poll(async () => {
      const count = await host.app.router.dispatch('customers.count', { scope });
      const exact = count.ok ? (count.value as { total: number }).total : null;
      return exact !== null && (await total.textContent()) === `${exact.toLocaleString('en-US')} customers`;
    })
    .toBe(true);
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  await search.fill(email);
  const table = page.getByRole('grid', { name: 'Customers' });
  await expect(table.locator('.vt-row')).toHaveCount(1);
  await table.locator('.vt-row').first().click();
  const detail = page.getByTestId('customer-detail');
  await expect(detail).toContainText(customer.id);
  return { stripe, customer, email, scope, detail };
}

test('an agent edits a customer’s email and address, sees bad input refused field by field, and sees the change after sync', async ({
  page,
  host,
}) => {
  const { stripe, customer, scope, detail } = await openCustomer(page, host);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await detail.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('customer-profile-form')).toBeVisible();
    await screenshot(page, `.tmp/screenshots/customer-edit-${size.name}.png`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }

  await detail.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog');
  const form = dialog.getByTestId('customer-profile-form');
  // Bad input: said under the field, nothing can be sent.
  await form.locator('input[name="email"]').fill('subject at example');
  await form.locator('input[name="address.country"]').fill('England');
  await expect(form).toContainText('not an email address');
  await expect(form).toContainText('a two-letter country code');
  await expect(dialog.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  await screenshot(page, '.tmp/screenshots/customer-edit-errors.png');

  // A long address: the pane shows it whole, wrapping only at its joints, with a Copy button (agents paste it).
  const moved = 'moved.subject.accounts-payable@northwind-logistics-europe.example.com';
  await form.locator('input[name="email"]').fill(moved);
  await form.locator('input[name="address.line1"]').fill('12 New Street');
  await form.locator('input[name="address.city"]').fill('York');
  await form.locator('input[name="address.country"]').fill('gb');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(detail).toContainText(moved);
  await expect(detail).toContainText('12 New Street');
  await page.setViewportSize(SIZES[0]);
  const email = detail.locator('.facts [data-email]');
  await expect(email).toHaveText(moved);
  expect((await layoutProblems(page)).filter((p) => p.problem.startsWith('email'))).toEqual([]);
  await expect(detail.getByRole('button', { name: 'Copy email', exact: true })).toBeVisible();

  // Stripe holds it, and it's still what the app shows once sync has applied Stripe's events.
  const atStripe = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
  expect(atStripe.email).toBe(moved);
  expect(atStripe.address).toMatchObject({ line1: '12 New Street', city: 'York', country: 'GB' });
  await host.app.router.dispatch('sync.start', { scope });
  await page.reload();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('moved.subject');
  await openOnlyResult(page, 'Customers', customer.id);
  await expect(page.getByTestId('customer-detail')).toContainText('12 New Street, York');
  await screenshot(page, '.tmp/screenshots/customer-edited.png');
});

test('an agent exports a customer, deletes them after typing their id, and nothing of them stays in the cache', async ({
  page,
  host,
}) => {
  const { customer, email, scope, detail } = await openCustomer(page, host);
  const download = page.waitForEvent('download');
  await detail.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^customer-${customer.id}-.*\\.json$`));
  const exported = JSON.parse(fs.readFileSync(await file.path(), 'utf8')) as { records: Record<string, unknown[]> };
  expect(exported.records.customers).toHaveLength(1);
  expect(exported.records.charges?.length).toBeGreaterThan(0);

  await detail.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'Delete customer' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Confirmation').fill('cus_wrong');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Confirmation').fill(customer.id);
  await screenshot(page, '.tmp/screenshots/customer-delete.png');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('customer-detail')).toBeHidden();

  // After sync has brought Stripe's customer.deleted event, the cache still holds nothing of them.
  await host.app.router.dispatch('sync.start', { scope });
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(email);
  await expect(page.getByRole('grid', { name: 'Customers' })).toHaveCount(0);
  await screenshot(page, '.tmp/screenshots/customer-deleted.png');
  const gone = await host.app.router.dispatch('customers.export', { scope, customerId: customer.id });
  expect(gone.ok).toBe(false);
  const found = await host.app.router.dispatch('customers.search', {
    scope,
    query: email,
    filters: {},
    sort: { field: 'created', direction: 'desc' },
    limit: 10,
  });
  expect(found.ok && (found.value as { items: unknown[] }).items).toEqual([]);
});
