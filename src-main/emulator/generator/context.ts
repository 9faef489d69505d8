import type Stripe from 'stripe';
import type { CardInput } from '../objects/common';
import { buildEvent } from '../objects/event';
import { IdFactory, prngChars } from '../store/ids';
import type { ObjectStore } from '../store/object-store';
import type { Mode, ObjectType, StripeObject } from '../store/types';
import { Prng } from './prng';
import { places } from './vocabulary';

export const DAY = 86400;

export type GeneratedCounts = Partial<Record<ObjectType, number>>;

/** A customer being generated, with what its payments and subscriptions need. */
export interface CustomerDraft {
  customer: Stripe.Customer;
  cards: { pm: Stripe.PaymentMethod; card: CardInput }[];
  billing: {
    name: string;
    email: string;
    phone: string;
    address: { line1: string; city: string; state: string | null; postal_code: string; country: string };
  };
}

/** State shared by the generators of one mode: randomness, ids, the clock, and how to write. */
export class GeneratorContext {
  readonly prng: Prng;
  readonly ids: IdFactory;
  readonly livemode: boolean;
  readonly places: ReturnType<typeof places>;
  readonly counts: GeneratedCounts = {};
  prices: Stripe.Price[] = [];
  /** Round-robin counters guarantee every status/reason appears even in small datasets. */
  readonly counters = { disputes: 0, subscriptions: 0, paymentIntents: 0, invoiceNumber: 1000 };

  constructor(
    private readonly store: ObjectStore,
    private readonly mode: Mode,
    seed: number,
    accountTag: string,
    readonly now: number,
  ) {
    this.prng = new Prng(seed);
    this.ids = new IdFactory(accountTag, prngChars(this.prng));
    this.livemode = mode === 'live';
    this.places = places(() => this.prng.next());
  }

  put(type: ObjectType, object: object): void {
    this.store.put(this.mode, type, object as StripeObject, 0);
    this.counts[type] = (this.counts[type] ?? 0) + 1;
  }

  /** History events only exist for the last 30 days, like Stripe's retention. */
  event(type: Stripe.Event.Type, object: { id: string }, created: number, viaApi = false): void {
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

  /** A random second in [from, to). */
  between(from: number, to: number): number {
    return from + Math.floor(this.prng.next() * Math.max(1, to - from));
  }
}
