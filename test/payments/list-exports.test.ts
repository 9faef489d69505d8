import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListCsvExport, Page, PaymentRow } from '../../src-preload/contract';
import { startSupport, type Support } from './support-harness';

let s: Support;
let yen: string;
let dollars: string;
let hostile: string;

beforeAll(async () => {
  s = await startSupport({ customers: 25 });
  const customer = await s.admin.customers.create({ email: 'csv.filters@example.com', name: '=HYPERLINK("x")' });
  hostile = customer.id;
  yen = (await s.payment({ amount: 5000, currency: 'jpy', customer: customer.id })).intent.id;
  dollars = (await s.payment({ amount: 5000, customer: customer.id })).intent.id;
  await s.fillCache();
});
afterAll(async () => {
  await s.stop();
});

async function call<T>(name: string, input: object): Promise<T> {
  const result = await s.router.dispatch(name as never, input as never);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
}
const list = (input: object) => call<Page<PaymentRow>>('payments.list', { scope: s.scope, limit: 500, ...input });
const ids = (page: Page<PaymentRow>) => page.items.map((p) => p.id);

describe('payments filters by currency, amount and date', () => {
  it('an amount is read in the chosen currency: 5000 JPY is not 50.00 USD', async () => {
    const inYen = await list({ currency: 'jpy', amountMin: 5000, amountMax: 5000 });
    expect(ids(inYen)).toContain(yen);
    expect(ids(inYen)).not.toContain(dollars);
    expect(inYen.items.every((p) => p.currency === 'jpy' && p.amount === 5000)).toBe(true);
    const over = await list({ currency: 'usd', amountMin: 5001 });
    expect(ids(over)).not.toContain(dollars);
    expect(over.items.every((p) => p.amount >= 5001)).toBe(true);
  });

  it('dates bound the list: from is inclusive, to is exclusive', async () => {
    const all = await list({});
    const created = all.items.find((p) => p.id === dollars)!.created;
    expect(ids(await list({ createdFrom: created, createdTo: created + 1 }))).toContain(dollars);
    expect(ids(await list({ createdTo: created }))).not.toContain(dollars);
    expect(ids(await list({ createdFrom: created + 1 }))).not.toContain(dollars);
  });

  it('an amount without a currency is refused with a reason, not guessed', async () => {
    await expect(list({ amountMin: 100 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(list({ currency: 'US' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('CSV of the current filter', () => {
  it('payments: the same rows as the filtered list, amounts exact in minor units and decimals', async () => {
    const filter = { currency: 'jpy', amountMin: 5000, amountMax: 5000 };
    const exported = await call<ListCsvExport>('payments.exportCsv', { scope: s.scope, ...filter });
    const rows = Papa.parse<Record<string, string>>(exported.csv, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r['id'])).toEqual(ids(await list(filter)));
    expect(rows.find((r) => r['id'] === yen)).toMatchObject({ amount_minor: '5000', amount: '5000', currency: 'jpy' });
    expect(exported).toMatchObject({ rows: rows.length, truncated: false });
    expect(exported.filename).toMatch(/^payments-acct_\w+-test-\d{4}-\d\d-\d\d\.csv$/);
  });

  it('customers: the search applies, and a formula in a name stays text', async () => {
    const exported = await call<ListCsvExport>('customers.exportCsv', { scope: s.scope, query: 'csv.filters@' });
    const rows = Papa.parse<Record<string, string>>(exported.csv, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r['id'])).toEqual([hostile]);
    expect(rows[0]!['name']).toBe(`'=HYPERLINK("x")`);
  });
});
