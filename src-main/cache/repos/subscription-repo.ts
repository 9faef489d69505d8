import type Database from 'better-sqlite3';
import type Stripe from 'stripe';
import type { Page, PriceOption, SubscriptionStatus } from '../../../src-preload/contract';
import { int, obj, parse, str, type Json } from '../../stripe/stripe-json';
import { keysetPage, prepared } from '../keyset';
import { storedObjects } from './stored-objects';

export interface SubscriptionListQuery {
  statuses?: readonly SubscriptionStatus[] | undefined;
  customerId?: string | undefined;
  /** Subscriptions whose id starts with this (ids are case-sensitive). */
  idPrefix?: string | undefined;
  /** Subscriptions whose customer's id starts with this. */
  customerPrefix?: string | undefined;
  /** Only these customers' subscriptions (e.g. the customers a name or email search matched). */
  customers?: readonly string[] | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** A saved card as a choice for a subscription's default payment method. */
export interface CardChoice {
  id: string;
  label: string;
}

const PRICE_CHOICES = 200;
const RECENT_CHARGES = 20;

/**
 * Subscriptions in one account+mode's cache, and what a plan change offers: the recurring prices in the
 * subscription's currency, the customer's saved cards and their latest charges that might still be refunded.
 */
export class SubscriptionRepo {
  constructor(private readonly db: Database.Database) {}

  /** Newest first, filtered and keyset-paged in SQL; the total comes with the first page only. */
  page(q: SubscriptionListQuery): Page<Stripe.Subscription> {
    const where = ['deleted = 0'];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (q.statuses?.length) add(`status IN (${q.statuses.map(() => '?').join(', ')})`, ...q.statuses);
    if (q.customerId) add('customer = ?', q.customerId);
    // Index ranges instead of LIKE, which SQLite can't serve from the index here.
    if (q.idPrefix) add('id >= ? AND id < ?', q.idPrefix, `${q.idPrefix}\uffff`);
    if (q.customerPrefix) add('customer >= ? AND customer < ?', q.customerPrefix, `${q.customerPrefix}\uffff`);
    if (q.customers) add(`customer IN (SELECT value FROM json_each(?))`, JSON.stringify(q.customers));
    const page = keysetPage<{ id: string; created: number; data: string }>(this.db, {
      select: 'SELECT id, created, data FROM subscriptions',
      where,
      params,
      order: { columns: ['created', 'id'], direction: 'desc' },
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    const total = q.cursor
      ? null
      : (prepared(this.db, `SELECT count(*) FROM subscriptions WHERE ${where.join(' AND ')}`)
          .pluck()
          .get(...params) as number);
    return {
      items: page.rows.map((r) => JSON.parse(r.data) as Stripe.Subscription),
      nextCursor: page.nextCursor,
      total,
    };
  }

  /** Active recurring prices in the currency, cheapest first, labelled with their product's name. */
  recurringPrices(currency: string | null): PriceOption[] {
    const rows = prepared(
      this.db,
      `SELECT p.data AS price, pr.data AS product FROM prices p LEFT JOIN products pr ON pr.id = p.product
       WHERE p.deleted = 0 AND p.active = 1 AND p.currency = ? AND p.recurring_interval IS NOT NULL
       ORDER BY p.unit_amount LIMIT ?`,
    ).all(currency, PRICE_CHOICES) as { price: string; product: string | null }[];
    return rows.map((row) => {
      const price = parse(row.price);
      const product: Json = row.product ? parse(row.product) : {};
      return {
        id: str(price.id) ?? '',
        label: [str(product.name), str(price.nickname)].filter(Boolean).join(' · ') || (str(price.id) ?? ''),
        unitAmount: int(price.unit_amount),
        currency: str(price.currency) ?? 'usd',
        interval: str(obj(price.recurring).interval),
      };
    });
  }

  /** The customer's saved cards, newest first. */
  cardsOf(customerId: string | null): CardChoice[] {
    const sql = 'SELECT data FROM payment_methods WHERE customer = ? AND deleted = 0 ORDER BY created DESC';
    return storedObjects(this.db, sql, customerId).map((pm) => {
      const card = obj(pm.card);
      return { id: str(pm.id) ?? '', label: `${str(card.brand) ?? 'card'} •••• ${str(card.last4) ?? '????'}` };
    });
  }

  /** The customer's latest captured, succeeded charges not fully refunded, newest first. */
  refundCandidatesOf(customerId: string): Json[] {
    const sql = `SELECT data FROM charges WHERE customer = ? AND deleted = 0 AND status = 'succeeded' AND captured = 1
      AND refunded = 0 ORDER BY created DESC LIMIT ?`;
    return storedObjects(this.db, sql, customerId, RECENT_CHARGES);
  }
}
