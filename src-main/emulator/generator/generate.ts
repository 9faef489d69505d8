import type { CardInput } from '../objects/common';
import { buildCustomer } from '../objects/customer';
import { buildPaymentMethod } from '../objects/payment-method';
import { REFUND_BEHAVIOURS } from '../objects/test-cards';
import type { ObjectStore } from '../store/object-store';
import type { Mode } from '../store/types';
import { fromUsdCents } from './amounts';
import { generateCatalog } from './catalog';
import { generateCoupons } from './coupons';
import { DAY, GeneratorContext, type CustomerDraft, type GeneratedCounts } from './context';
import { generatePayment } from './payments';
import { generatePayouts } from './payouts';
import { generateRadar } from './radar';
import { generateSubscription } from './subscriptions';
import * as words from './vocabulary';

export type { GeneratedCounts } from './context';

export interface GenerateOptions {
  mode: Mode;
  seed: number;
  customers: number;
  nowSeconds: number;
  accountTag: string;
  /**
   * Customers beyond this index only get related objects (cards, payments, subscriptions)
   * with probability `sparseActivity`, so million-customer datasets stay generatable in seconds.
   */
  fullDetailCustomers?: number;
  sparseActivity?: number;
}

const PAYMENTS_PER_CUSTOMER = [
  [0, 15],
  [1, 35],
  [2, 25],
  [3, 15],
  [4, 10],
] as const;

/** Writes one mode's deterministic demo dataset. Call inside a transaction for speed. */
export class DatasetGenerator {
  private readonly ctx: GeneratorContext;

  constructor(
    private readonly store: ObjectStore,
    private readonly options: GenerateOptions,
  ) {
    this.ctx = new GeneratorContext(store, options.mode, options.seed, options.accountTag, options.nowSeconds);
  }

  run(): GeneratedCounts {
    const ctx = this.ctx;
    generateCatalog(ctx);
    generateCoupons(ctx);
    const full = this.options.fullDetailCustomers ?? 5_000;
    const sparse = this.options.sparseActivity ?? 0.01;
    const count = this.options.customers;
    // Customers are generated oldest first so their rows, ids and created index entries are appended
    // in order (much faster bulk inserts); the newest `full` customers get full detail.
    const createdTimes = Float64Array.from({ length: count }, () => customerCreated(ctx)).sort();
    createdTimes.forEach((created, i) => generateCustomer(ctx, created, i >= count - full || ctx.prng.chance(sparse)));
    // Radar and payouts look back over the payments made above.
    generateRadar(ctx, this.store, this.options.mode);
    generatePayouts(ctx, this.store, this.options.mode);
    return ctx.counts;
  }
}

function customerCreated(ctx: GeneratorContext): number {
  // A quarter of customers are recent so the last-30-days views and event history are busy.
  const days = ctx.prng.chance(0.25) ? ctx.prng.next() * 30 : 30 + ctx.prng.next() * 700;
  return ctx.now - Math.floor(days * DAY) - 60;
}

function generateCustomer(ctx: GeneratorContext, created: number, active: boolean): void {
  const p = ctx.prng;
  const place = p.weighted(ctx.places);
  const first = p.pick(words.FIRST_NAMES);
  const last = p.pick(words.LAST_NAMES);
  const business = p.chance(0.3);
  const domain = business ? p.pick(words.COMPANY_DOMAINS) : p.pick(words.EMAIL_DOMAINS);
  const email = `${first}.${last}${business ? '' : p.int(1, 999)}@${domain}`.toLowerCase().replace(/'/g, '');
  const phone = `${place.phonePrefix}${p.int(200, 989)}${p.int(1000000, 9999999)}`;
  const address = {
    line1: `${p.int(1, 9999)} ${p.pick(words.STREETS)}`,
    city: place.city,
    state: place.state,
    postal_code: place.postal(),
    country: place.country,
  };
  const id = ctx.ids.makeShort('cus', created);
  const draft: CustomerDraft = {
    customer: buildCustomer({
      id,
      created,
      livemode: ctx.livemode,
      name: `${first} ${last}`,
      email,
      phone: p.chance(0.8) ? phone : null,
      address: p.chance(0.85) ? address : null,
      currency: active ? place.currency : null,
      delinquent: false,
      description: business ? `${first} ${last} (${domain.split('.')[0]})` : null,
      balance: p.chance(0.05) ? -fromUsdCents(p.int(500, 5000), place.currency) : 0,
      invoicePrefix: p.string(8, '0123456789ABCDEF'),
      defaultPaymentMethod: null,
      metadata: p.chance(0.3)
        ? {
            crm_id: `CRM-${p.int(10000, 99999)}`,
            ...(p.chance(0.4) ? { segment: p.pick(['smb', 'mid_market', 'enterprise']) } : {}),
          }
        : {},
      preferredLocales: p.chance(0.5) ? [place.locale] : [],
    }),
    cards: [],
    billing: { name: `${first} ${last}`, email, phone, address },
  };
  // Activity sets the default card and delinquency, so it runs before the customer is stored.
  if (active) generateActivity(ctx, draft, place.currency);
  ctx.put('customer', draft.customer);
  // Only active customers get history events, which keeps million-customer datasets lean.
  if (active) ctx.event('customer.created', draft.customer, created);
}

function newCard(ctx: GeneratorContext): CardInput {
  const p = ctx.prng;
  const brand = p.weighted(words.CARD_BRANDS);
  // A few cards carry Stripe's special test numbers so refunds behave asynchronously.
  const special = p.chance(0.03) ? p.pick(Object.keys(REFUND_BEHAVIOURS)) : null;
  return {
    brand,
    last4: special ?? String(p.int(0, 9999)).padStart(4, '0'),
    exp_month: p.int(1, 12),
    exp_year: new Date(ctx.now * 1000).getUTCFullYear() + p.int(-1, 5),
    country: p.pick(['US', 'US', 'US', 'GB', 'DE', 'FR', 'JP', 'CA']),
    funding: p.chance(0.7) ? 'credit' : 'debit',
    fingerprint: p.string(16),
    cvc_check: p.chance(0.95) ? 'pass' : 'unavailable',
  };
}

function generateActivity(ctx: GeneratorContext, draft: CustomerDraft, currency: string): void {
  const p = ctx.prng;
  const customerId = draft.customer.id;
  const cardCount = p.chance(0.25) ? 2 : 1;
  for (let i = 0; i < cardCount; i++) {
    const card = newCard(ctx);
    const pm = buildPaymentMethod({
      id: ctx.ids.make('pm', draft.customer.created),
      created: draft.customer.created,
      livemode: ctx.livemode,
      customer: customerId,
      card,
      billing: draft.billing,
    });
    ctx.put('payment_method', pm);
    draft.cards.push({ pm, card });
  }
  draft.customer.invoice_settings.default_payment_method = draft.cards[0]?.pm.id ?? null;
  const payments = p.weighted(PAYMENTS_PER_CUSTOMER);
  for (let i = 0; i < payments; i++) generatePayment(ctx, draft, currency);
  if (p.chance(0.45)) generateSubscription(ctx, draft, currency);
}
