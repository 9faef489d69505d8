import Stripe from 'stripe';
import { test, expect } from './fixtures';
import { screenshot, screenshotSizes } from './screenshot';

test('an agent retries a failed invoice, voids another and issues a credit note after reading its preview', async ({
  page,
  host,
}) => {
  const stripe = new Stripe(host.stripe.keys.test, { host: '127.0.0.1', port: host.stripe.port, protocol: 'http' });
  const scope = { accountId: host.stripe.accountId, mode: 'test' as const };
  // Two open invoices whose last automatic payment failed, of customers with a saved default card.
  const open: Stripe.Invoice[] = [];
  for await (const invoice of stripe.invoices.list({ status: 'open', limit: 100 })) {
    const customer = (await stripe.customers.retrieve(invoice.customer as string)) as Stripe.Customer;
    if (invoice.attempt_count > 0 && customer.invoice_settings.default_payment_method) open.push(invoice);
    if (open.length === 2) break;
  }
  const [failed, other] = open as [Stripe.Invoice, Stripe.Invoice];
  await host.app.router.dispatch('sync.start', { scope });
  await expect
    .poll(async () => (await host.app.router.dispatch('invoices.get', { scope, id: other.id })).ok, { timeout: 30_000 })
    .toBe(true);

  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Invoices' }).click();
  const table = page.getByRole('grid', { name: 'Invoices' });
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(table.locator('.vt-row').first()).toBeVisible();
  await screenshotSizes(page, 'invoices');

  // Retry the failed one with the customer's default card.
  await page.getByRole('searchbox', { name: 'Invoices of customer' }).fill(failed.customer as string);
  await table.locator('.vt-row', { hasText: failed.number! }).click();
  const detail = page.getByTestId('invoice-detail');
  await expect(detail.getByTestId('invoice-lines')).toBeVisible();
  await expect(detail.getByRole('button', { name: 'Customer’s invoice page' })).toBeVisible();
  await screenshot(page, '.tmp/screenshots/invoice-detail.png');
  await detail.getByRole('button', { name: 'Charge now…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('If the card is declined, the invoice stays open');
  await screenshot(page, '.tmp/screenshots/invoice-pay.png');
  await dialog.getByRole('button', { name: /^Charge / }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.locator('.detail-amount')).toContainText(/paid/i);
  expect((await stripe.invoices.retrieve(failed.id)).status).toBe('paid');

  // A credit note on the paid invoice: Stripe's preview first, then it is issued once.
  await detail.getByRole('button', { name: 'Credit note…' }).click();
  const note = page.getByRole('dialog');
  const issue = note.getByRole('button', { name: /^Issue credit note/ });
  await note.getByLabel('Credit amount').fill('1.00');
  await expect(issue).toBeDisabled();
  await note.getByRole('button', { name: 'Preview' }).click();
  await expect(note.getByTestId('credit-note-preview')).toContainText('Back to the customer’s card');
  await screenshot(page, '.tmp/screenshots/credit-note-preview.png');
  await issue.click();
  await expect(note).toBeHidden();
  await expect(detail.getByTestId('credit-notes')).toContainText('Refunded');
  expect((await stripe.creditNotes.list({ invoice: failed.id })).data).toHaveLength(1);

  // Void the other.
  await page.getByRole('searchbox', { name: 'Invoices of customer' }).fill(other.customer as string);
  await table.locator('.vt-row', { hasText: other.number! }).click();
  await page.getByTestId('invoice-detail').getByRole('button', { name: 'Void…' }).click();
  const voiding = page.getByRole('dialog');
  await expect(voiding).toContainText('can’t be reopened');
  await voiding.getByRole('button', { name: 'Void', exact: true }).click();
  await expect(voiding).toBeHidden();
  await expect(page.getByTestId('invoice-detail').locator('.detail-amount')).toContainText(/void/i);
  expect((await stripe.invoices.retrieve(other.id)).status).toBe('void');
  await screenshot(page, '.tmp/screenshots/invoice-voided.png');
});
