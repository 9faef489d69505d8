import type Stripe from 'stripe';
import { buildBalanceTransaction } from '../objects/balanceTransaction';
import { buildCharge, type ChargeFailure } from '../objects/charge';
import type { CardInput } from '../objects/common';
import { buildCustomer } from '../objects/customer';
import { buildDispute, DISPUTE_REASONS, DISPUTE_STATUSES } from '../objects/dispute';
import { buildEvent } from '../objects/event';
import { buildInvoice } from '../objects/invoice';
import { buildPaymentIntent } from '../objects/paymentIntent';
import { buildPaymentMethod } from '../objects/paymentMethod';
import { buildRefund, type RefundStatus } from '../objects/refund';
import { buildSubscription } from '../objects/subscription';
import { buildPrice, buildProduct } from '../objects/catalog';
import { ACCOUNT_NAME } from '../objects/account';
import { DECLINES, REFUND_BEHAVIOURS } from '../objects/testCards';
import { IdFactory, prngChars } from '../store/ids';
import type { ObjectStore } from '../store/objectStore';
import type { Mode, ObjectType, StripeObject } from '../store/types';
import { fromUsdCents, paymentAmount } from './amounts';
import { Prng } from './prng';
import * as words from './vocabulary';

const DAY = 86400;

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

export type GeneratedCounts = Partial<Record<ObjectType, number>>;

const PI_STATUSES: readonly (readonly [string, number])[] = [
  ['succeeded', 68],
  ['failed', 10],
  ['requires_capture', 4],
  ['canceled', 5],
  ['processing', 2],
  ['requires_action', 3],
  ['requires_confirmation', 2],
  ['requires_payment_method', 6],
];
const SUB_STATUSES: readonly (readonly [Stripe.Subscription.Status, number])[] = [
  ['active', 45],
  ['trialing', 10],
  ['past_due', 8],
  ['unpaid', 4],
  ['paused', 4],
  ['canceled', 18],
  ['incomplete', 5],
  ['incomplete_expired', 6],
];
const FAILURES = Object.entries(DECLINES);

interface CustomerDraft {
  customer: Stripe.Customer;
  cards: { pm: Stripe.PaymentMethod; card: CardInput }[];
  billing: {
    name: string;
    email: string;
    phone: string;
    address: { line1: string; city: string; state: string | null; postal_code: string; country: string };
  };
}

/** Writes one mode's deterministic demo dataset. Call inside a transaction for speed. */
export class DatasetGenerator {
  private readonly prng: Prng;
  private readonly ids: IdFactory;
  private readonly livemode: boolean;
  private readonly now: number;
  private readonly counts: GeneratedCounts = {};
  private readonly places: ReturnType<typeof words.places>;
  private prices: Stripe.Price[] = [];
  /** Round-robin counters guarantee every status/reason appears even in small datasets. */
  private disputeCount = 0;
  private subscriptionCount = 0;
  private piCount = 0;
  private invoiceNumber = 1000;

  constructor(
    private readonly store: ObjectStore,
    private readonly options: GenerateOptions,
  ) {
    this.prng = new Prng(options.seed);
    this.ids = new IdFactory(options.accountTag, prngChars(this.prng));
    this.livemode = options.mode === 'live';
    this.now = options.nowSeconds;
    this.places = words.places(() => this.prng.next());
  }

  run(): GeneratedCounts {
    this.generateCatalog();
    const full = this.options.fullDetailCustomers ?? 5_000;
    const sparse = this.options.sparseActivity ?? 0.01;
    const count = this.options.customers;
    // Customers are generated oldest first so their rows, ids and created index entries are appended
    // in order (much faster bulk inserts); the newest `full` customers get full detail.
    const createdTimes = Float64Array.from({ length: count }, () => this.customerCreated()).sort();
    createdTimes.forEach((created, i) => this.generateCustomer(created, i >= count - full || this.prng.chance(sparse)));
    return this.counts;
  }

  private put(type: ObjectType, object: object): void {
    this.store.put(this.options.mode, type, object as StripeObject, 0);
    this.counts[type] = (this.counts[type] ?? 0) + 1;
  }

  /** History events only exist for the last 30 days, like Stripe's retention. */
  private event(type: Stripe.Event.Type, object: { id: string }, created: number, viaApi = false): void {
    if (created < this.now - 30 * DAY || created > this.now) return;
    const event = buildEvent({
      id: this.ids.make('evt', created),
      created,
      livemode: this.livemode,
      type,
      object: object as StripeObject,
      request: viaApi
        ? { id: `req_${this.prng.string(14)}`, idempotency_key: `${this.prng.string(8)}-${this.prng.string(4)}` }
        : { id: null, idempotency_key: null },
      pendingWebhooks: 0,
    });
    this.put('event', event);
  }

  private between(from: number, to: number): number {
    return from + Math.floor(this.prng.next() * Math.max(1, to - from));
  }

  private generateCatalog(): void {
    const created = this.now - 800 * DAY;
    for (const product of words.PRODUCTS) {
      const productId = `prod_${this.prng.string(14)}`;
      const productPrices: Stripe.Price[] = [];
      for (const currency of ['usd', 'eur', 'gbp', 'jpy', 'kwd', 'cad', 'aud']) {
        for (const interval of ['month', 'year'] as const) {
          const usd = interval === 'month' ? product.monthlyUsd : product.monthlyUsd * 10;
          productPrices.push(
            buildPrice({
              id: this.ids.make('price', created),
              created,
              livemode: this.livemode,
              product: productId,
              currency,
              unitAmount: fromUsdCents(usd, currency),
              interval,
              nickname: `${product.name} ${interval === 'month' ? 'monthly' : 'yearly'} (${currency.toUpperCase()})`,
              lookupKey: `${product.key}_${interval}_${currency}`,
            }),
          );
        }
      }
      const defaultPrice = productPrices[0]?.id ?? null;
      this.put(
        'product',
        buildProduct({
          id: productId,
          created,
          livemode: this.livemode,
          name: product.name,
          description: product.description,
          defaultPrice,
        }),
      );
      for (const price of productPrices) this.put('price', price);
      this.prices.push(...productPrices);
    }
  }

  private customerCreated(): number {
    // A quarter of customers are recent so the last-30-days views and event history are busy.
    const days = this.prng.chance(0.25) ? this.prng.next() * 30 : 30 + this.prng.next() * 700;
    return this.now - Math.floor(days * DAY) - 60;
  }

  private generateCustomer(created: number, active: boolean): void {
    const p = this.prng;
    const place = p.weighted(this.places);
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
    const id = this.ids.makeShort('cus', created);
    const draft: CustomerDraft = {
      customer: buildCustomer({
        id,
        created,
        livemode: this.livemode,
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
    if (active) this.generateActivity(draft, place.currency);
    this.put('customer', draft.customer);
    // Only active customers get history events, which keeps million-customer datasets lean.
    if (active) this.event('customer.created', draft.customer, created);
  }

  private newCard(): CardInput {
    const p = this.prng;
    const brand = p.weighted(words.CARD_BRANDS);
    // A few cards carry Stripe's special test numbers so refunds behave asynchronously.
    const special = p.chance(0.03) ? p.pick(Object.keys(REFUND_BEHAVIOURS)) : null;
    return {
      brand,
      last4: special ?? String(p.int(0, 9999)).padStart(4, '0'),
      exp_month: p.int(1, 12),
      exp_year: new Date(this.now * 1000).getUTCFullYear() + p.int(-1, 5),
      country: p.pick(['US', 'US', 'US', 'GB', 'DE', 'FR', 'JP', 'CA']),
      funding: p.chance(0.7) ? 'credit' : 'debit',
      fingerprint: p.string(16),
      cvc_check: p.chance(0.95) ? 'pass' : 'unavailable',
    };
  }

  private generateActivity(draft: CustomerDraft, currency: string): void {
    const p = this.prng;
    const customerId = draft.customer.id;
    const cardCount = p.chance(0.25) ? 2 : 1;
    for (let i = 0; i < cardCount; i++) {
      const card = this.newCard();
      const pm = buildPaymentMethod({
        id: this.ids.make('pm', draft.customer.created),
        created: draft.customer.created,
        livemode: this.livemode,
        customer: customerId,
        card,
        billing: draft.billing,
      });
      this.put('payment_method', pm);
      draft.cards.push({ pm, card });
    }
    draft.customer.invoice_settings.default_payment_method = draft.cards[0]?.pm.id ?? null;
    const payments = p.weighted([
      [0, 15],
      [1, 35],
      [2, 25],
      [3, 15],
      [4, 10],
    ] as const);
    for (let i = 0; i < payments; i++) this.generatePayment(draft, currency);
    if (p.chance(0.45)) this.generateSubscription(draft, currency);
  }

  private generatePayment(draft: CustomerDraft, currency: string): void {
    const p = this.prng;
    const created = this.between(draft.customer.created, this.now);
    const { pm, card } = p.pick(draft.cards);
    const amount = paymentAmount(p, currency);
    // The first PaymentIntents cycle through every status; then they follow realistic weights.
    const status =
      this.piCount < PI_STATUSES.length ? (PI_STATUSES[this.piCount]?.[0] as string) : p.weighted(PI_STATUSES);
    this.piCount += 1;
    const piId = this.ids.make('pi', created);
    const description = `${p.pick(words.PAYMENT_DESCRIPTIONS)}${p.int(10000, 99999)}`;
    const failure: ChargeFailure | undefined = status === 'failed' ? (p.pick(FAILURES)[1] as ChargeFailure) : undefined;
    const charged = status === 'succeeded' || status === 'failed' || status === 'requires_capture';
    let chargeId: string | null = null;
    if (charged) {
      chargeId = this.generateCharge({
        draft,
        pm,
        card,
        created,
        amount,
        currency,
        piId,
        description,
        failure,
        captured: status === 'succeeded',
      });
    }
    const piStatus: Stripe.PaymentIntent.Status =
      status === 'failed' ? 'requires_payment_method' : (status as Stripe.PaymentIntent.Status);
    const canceledAt = status === 'canceled' ? Math.min(this.now, created + p.int(60, 7 * DAY)) : null;
    const pi = buildPaymentIntent({
      id: piId,
      created,
      livemode: this.livemode,
      amount,
      currency,
      customer: draft.customer.id,
      paymentMethod: status === 'requires_payment_method' || status === 'failed' ? null : pm.id,
      status: piStatus,
      captureMethod: status === 'requires_capture' || p.chance(0.05) ? 'manual' : 'automatic',
      latestCharge: chargeId,
      description,
      ...(failure ? { failure: { ...failure, charge: chargeId } } : {}),
      canceledAt,
      cancellationReason:
        status === 'canceled'
          ? p.pick(['abandoned', 'requested_by_customer', 'duplicate', 'fraudulent'] as const)
          : null,
      receiptEmail: draft.customer.email,
      metadata: p.chance(0.2) ? { order_id: `ORD-${p.int(100000, 999999)}` } : {},
      clientSecretSuffix: p.string(25),
    });
    this.put('payment_intent', pi);
    if (status === 'succeeded') this.event('payment_intent.succeeded', pi, created + 2, true);
    if (status === 'failed') this.event('payment_intent.payment_failed', pi, created + 2, true);
    if (status === 'requires_capture') this.event('payment_intent.amount_capturable_updated', pi, created + 2, true);
    if (canceledAt) this.event('payment_intent.canceled', pi, canceledAt, true);
  }

  private generateCharge(input: {
    draft: CustomerDraft;
    pm: Stripe.PaymentMethod;
    card: CardInput;
    created: number;
    amount: number;
    currency: string;
    piId: string;
    description: string;
    failure: ChargeFailure | undefined;
    captured: boolean;
  }): string {
    const p = this.prng;
    const { created, amount, currency } = input;
    const id = this.ids.make('ch', created);
    const succeeded = !input.failure;
    const txn =
      succeeded && input.captured
        ? buildBalanceTransaction({
            id: this.ids.make('txn', created),
            created,
            amount,
            currency,
            source: id,
            type: 'charge',
            description: input.description,
            available: created < this.now - 2 * DAY,
          })
        : null;
    if (txn) this.put('balance_transaction', txn);
    const riskScore =
      input.failure?.declineCode === 'fraudulent' || input.failure?.declineCode === 'stolen_card'
        ? p.int(76, 99)
        : p.chance(0.08)
          ? p.int(66, 75)
          : p.int(1, 64);
    let charge = buildCharge({
      id,
      created,
      livemode: this.livemode,
      amount,
      currency,
      customer: input.draft.customer.id,
      paymentIntent: input.piId,
      paymentMethod: input.pm.id,
      card: input.card,
      billing: { ...input.draft.billing, address: input.draft.billing.address },
      description: input.description,
      ...(input.failure ? { failure: input.failure } : {}),
      captured: input.captured,
      balanceTransaction: txn?.id ?? null,
      riskLevel: riskScore > 75 ? 'highest' : riskScore > 65 ? 'elevated' : 'normal',
      riskScore,
      receiptEmail: input.draft.customer.email,
      metadata: {},
    });
    this.event(succeeded ? 'charge.succeeded' : 'charge.failed', charge, created + 1, true);
    if (succeeded && input.captured) {
      if (p.chance(0.1)) charge = this.generateRefund(charge);
      if (p.chance(0.06) && !charge.refunded) charge = this.generateDispute(charge, input.card.brand);
    }
    this.put('charge', charge);
    return id;
  }

  private generateRefund(charge: Stripe.Charge): Stripe.Charge {
    const p = this.prng;
    const created = this.between(charge.created + 3600, this.now);
    const full = p.chance(0.5);
    const amount = full ? charge.amount : Math.max(1, Math.round((charge.amount * p.int(10, 90)) / 100 / 10) * 10);
    const last4 = charge.payment_method_details?.card?.last4 ?? '';
    const recent = created > this.now - 5 * DAY;
    const status: RefundStatus =
      REFUND_BEHAVIOURS[last4] && recent
        ? (REFUND_BEHAVIOURS[last4] as RefundStatus)
        : recent && p.chance(0.3)
          ? 'pending' // card refunds wait while the balance is short
          : p.chance(0.03)
            ? 'failed'
            : 'succeeded';
    const id = this.ids.make('re', created);
    // A failed refund never moved money.
    const txn =
      status === 'failed'
        ? null
        : buildBalanceTransaction({
            id: this.ids.make('txn', created),
            created,
            amount: -amount,
            currency: charge.currency,
            source: id,
            type: 'refund',
            description: 'REFUND FOR CHARGE',
            available: status === 'succeeded',
          });
    if (txn) this.put('balance_transaction', txn);
    const refund = buildRefund({
      id,
      created,
      amount,
      currency: charge.currency,
      charge: charge.id,
      paymentIntent: typeof charge.payment_intent === 'string' ? charge.payment_intent : null,
      customer: typeof charge.customer === 'string' ? charge.customer : null,
      paymentMethod: charge.payment_method,
      reason: p.pick(['requested_by_customer', 'requested_by_customer', 'duplicate', 'fraudulent', null] as const),
      status,
      balanceTransaction: txn?.id ?? null,
      metadata: p.chance(0.3) ? { ticket: `SUP-${p.int(1000, 9999)}` } : {},
    });
    this.put('refund', refund);
    this.event('refund.created', refund, created, true);
    if (status === 'failed') return charge;
    const refunded: Stripe.Charge = { ...charge, amount_refunded: amount, refunded: amount === charge.amount };
    this.event('charge.refunded', refunded, created, true);
    return refunded;
  }

  /** Disputes cycle through every status and reason; deadlines are spread around "now". */
  private generateDispute(charge: Stripe.Charge, brand: string): Stripe.Charge {
    const p = this.prng;
    const k = this.disputeCount++;
    const status = DISPUTE_STATUSES[k % DISPUTE_STATUSES.length] as Stripe.Dispute.Status;
    const reason = DISPUTE_REASONS[k % DISPUTE_REASONS.length] as (typeof DISPUTE_REASONS)[number];
    const open = status === 'needs_response' || status === 'warning_needs_response';
    const slot = Math.floor(k / DISPUTE_STATUSES.length) % 3;
    // Open disputes: a third due within 48 h, a third overdue, a third due in 3–15 days.
    const dueBy = open
      ? slot === 0
        ? this.now + p.int(6, 47) * 3600
        : slot === 1
          ? this.now - p.int(1, 5) * DAY
          : this.now + p.int(3, 15) * DAY
      : this.now - p.int(1, 60) * DAY;
    const created = Math.min(this.now - 3600, Math.max(charge.created + DAY, dueBy - 21 * DAY));
    const id = this.ids.make('dp', created);
    const chargeback = !status.startsWith('warning_');
    const withdrawals = chargeback
      ? [
          buildBalanceTransaction({
            id: this.ids.make('txn', created),
            created,
            amount: -charge.amount,
            currency: charge.currency,
            source: id,
            type: 'adjustment',
            description: `Chargeback withdrawal for ${charge.id}`,
            available: true,
          }),
        ]
      : [];
    for (const txn of withdrawals) this.put('balance_transaction', txn);
    const submitted = !open;
    const dispute = buildDispute({
      id,
      created,
      livemode: this.livemode,
      amount: charge.amount,
      currency: charge.currency,
      charge: charge.id,
      paymentIntent: typeof charge.payment_intent === 'string' ? charge.payment_intent : null,
      cardBrand: brand,
      reason,
      status,
      dueBy,
      pastDue: dueBy < this.now && open,
      hasEvidence: submitted || p.chance(0.2),
      submissionCount: submitted && status !== 'warning_closed' ? 1 : 0,
      balanceTransactions: withdrawals,
      chargeRefundable: open,
      metadata: {},
    });
    this.put('dispute', dispute);
    this.event('charge.dispute.created', dispute, created);
    return { ...charge, disputed: true };
  }

  private generateSubscription(draft: CustomerDraft, currency: string): void {
    const p = this.prng;
    const status =
      this.subscriptionCount < SUB_STATUSES.length
        ? (SUB_STATUSES[this.subscriptionCount]?.[0] as Stripe.Subscription.Status)
        : p.weighted(SUB_STATUSES);
    this.subscriptionCount += 1;
    const candidates = this.prices.filter((price) => price.currency === currency);
    const price = p.pick(candidates.length > 0 ? candidates : this.prices);
    const periodDays = price.recurring?.interval === 'year' ? 365 : 30;
    const created =
      status === 'trialing' || status === 'incomplete'
        ? this.between(this.now - 10 * DAY, this.now)
        : this.between(draft.customer.created, this.now - DAY);
    const elapsedPeriods = Math.floor((this.now - created) / (periodDays * DAY));
    const periodStart = created + elapsedPeriods * periodDays * DAY;
    const ended = status === 'canceled' || status === 'incomplete_expired';
    const endedAt = ended ? this.between(Math.max(created + DAY, periodStart - periodDays * DAY), this.now) : null;
    const id = this.ids.make('sub', created);
    const invoices = this.generateInvoices(draft, id, price, status, created, periodStart, periodDays);
    const subscription = this.subscriptionObject(
      draft,
      id,
      price,
      status,
      created,
      periodStart,
      periodDays,
      endedAt,
      invoices.at(-1) ?? null,
    );
    this.put('subscription', subscription);
    this.event('customer.subscription.created', subscription, created, true);
    if (status === 'past_due' || status === 'unpaid') draft.customer.delinquent = true;
  }

  private subscriptionObject(
    draft: CustomerDraft,
    id: string,
    price: Stripe.Price,
    status: Stripe.Subscription.Status,
    created: number,
    periodStart: number,
    periodDays: number,
    endedAt: number | null,
    latestInvoice: string | null,
  ): Stripe.Subscription {
    const p = this.prng;
    const trialing = status === 'trialing';
    return buildSubscription({
      id,
      itemId: `si_${p.string(14)}`,
      created,
      livemode: this.livemode,
      customer: draft.customer.id,
      price,
      quantity: p.chance(0.8) ? 1 : p.int(2, 25),
      status,
      periodStart: trialing ? created : periodStart,
      periodEnd: trialing ? created + 14 * DAY : periodStart + periodDays * DAY,
      trialStart: trialing || p.chance(0.2) ? created : null,
      trialEnd: trialing || p.chance(0.2) ? created + 14 * DAY : null,
      cancelAtPeriodEnd: status === 'active' && p.chance(0.1),
      canceledAt: endedAt,
      endedAt,
      pauseBehavior:
        status === 'active' && p.chance(0.05) ? p.pick(['keep_as_draft', 'mark_uncollectible', 'void'] as const) : null,
      latestInvoice,
      defaultPaymentMethod: draft.cards[0]?.pm.id ?? null,
      metadata: p.chance(0.25) ? { seats_source: p.pick(['sales', 'self_serve']) } : {},
    });
  }

  private generateInvoices(
    draft: CustomerDraft,
    subscription: string,
    price: Stripe.Price,
    status: Stripe.Subscription.Status,
    created: number,
    periodStart: number,
    periodDays: number,
  ): string[] {
    if (status === 'trialing') return [];
    const p = this.prng;
    const ids: string[] = [];
    const count = Math.min(3, 1 + Math.floor((periodStart - created) / (periodDays * DAY)));
    for (let i = count - 1; i >= 0; i--) {
      const start = Math.max(created, periodStart - i * periodDays * DAY);
      const latest = i === 0;
      const invoiceStatus: Stripe.Invoice.Status = !latest
        ? 'paid'
        : status === 'past_due' || status === 'incomplete'
          ? 'open'
          : status === 'unpaid'
            ? 'uncollectible'
            : status === 'incomplete_expired'
              ? 'void'
              : status === 'paused'
                ? 'draft'
                : 'paid';
      const invoice = buildInvoice({
        id: this.ids.make('in', start),
        lineId: `il_${p.string(24)}`,
        number:
          invoiceStatus === 'draft'
            ? null
            : `${draft.customer.invoice_prefix}-${String(this.invoiceNumber++).padStart(4, '0')}`,
        created: start,
        livemode: this.livemode,
        customer: draft.customer.id,
        customerName: draft.billing.name,
        customerEmail: draft.billing.email,
        customerAddress: draft.billing.address,
        subscription,
        price,
        quantity: 1,
        status: invoiceStatus,
        periodStart: start,
        periodEnd: start + periodDays * DAY,
        attemptCount: invoiceStatus === 'draft' ? 0 : invoiceStatus === 'paid' ? 1 : p.int(1, 4),
        accountName: ACCOUNT_NAME,
        billingReason: i === count - 1 ? 'subscription_create' : 'subscription_cycle',
      });
      this.put('invoice', invoice);
      if (invoiceStatus === 'paid') this.event('invoice.paid', invoice, start + 3600);
      if (invoiceStatus === 'open') this.event('invoice.payment_failed', invoice, start + 3600);
      ids.push(invoice.id as string);
    }
    return ids;
  }
}
