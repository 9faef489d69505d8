/**
 * A big customer cache for benchmarks, filled straight into a CacheStore: realistic names, emails, phones and a
 * card each, seeded so every run fills the same rows. Shared by bench:search and bench:startup.
 */
import type { CacheStore, StripeObjectLike } from '../src-main/cache';
import { FIRST_NAMES, LAST_NAMES } from '../src-main/emulator/generator/vocabulary';

// The emulator's realistic vocabulary, so the benchmark's words are as spread as the demo data's.
export const FIRST = FIRST_NAMES;
export const LAST = LAST_NAMES;
const DOMAINS = ['example.com', 'mail.test', 'corp.example', 'shop.example.org', 'inbox.test'];

let seed = 12345;
export const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
export const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!;
export const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

function customer(i: number): { customer: StripeObjectLike; card: StripeObjectLike } {
  const first = pick(FIRST);
  const last = pick(LAST);
  const id = `cus_${i.toString(36).padStart(8, '0')}${digits(4)}`;
  const created = 1_600_000_000 + i * 60;
  return {
    customer: {
      id,
      object: 'customer',
      created,
      email: `${first}.${last}${i}@${pick(DOMAINS)}`.toLowerCase(),
      name: `${first} ${last}`,
      phone: `+1 ${digits(3)}-555-${digits(4)}`,
      delinquent: rand() < 0.05,
      balance: 0,
      currency: 'usd',
      metadata: { crm_id: `CRM-${digits(6)}` },
      invoice_settings: { default_payment_method: `pm_${id.slice(4)}` },
    },
    card: {
      id: `pm_${id.slice(4)}`,
      object: 'payment_method',
      created,
      customer: id,
      type: 'card',
      card: {
        brand: pick(['visa', 'mastercard', 'amex']),
        last4: digits(4),
        exp_month: 1 + Math.floor(rand() * 12),
        exp_year: 2027 + Math.floor(rand() * 5),
      },
    },
  };
}

export function fillCustomers(store: CacheStore, total: number): { emails: string[]; seconds: number } {
  const started = performance.now();
  const emails: string[] = [];
  const batch = 20_000; // one transaction per batch: FTS flushes one segment per batch
  store.bulkLoad(['customers', 'payment_methods'], () => {
    for (let from = 0; from < total; from += batch) {
      const rows = Array.from({ length: Math.min(batch, total - from) }, (_, k) => customer(from + k));
      const freshness = { lo: Date.now(), hi: Date.now() };
      store.transaction(() => {
        store.upsert(
          'payment_methods',
          rows.map((r) => r.card),
          freshness,
        );
        store.upsert(
          'customers',
          rows.map((r) => r.customer),
          freshness,
        );
      });
      if (emails.length < 5000) emails.push(...rows.slice(0, 50).map((r) => r.customer.email as string));
      const filled = from + rows.length;
      if (filled % 100_000 === 0)
        console.log(
          `  filled ${filled} customers, ${Math.round((filled * 2) / ((performance.now() - started) / 1000))} upserts/s so far`,
        );
    }
  });
  return { emails, seconds: (performance.now() - started) / 1000 };
}
