import type Stripe from 'stripe';
import {
  ConsoleError,
  type CustomerExport,
  type CustomerProfile,
  type CustomerProfileView,
  type CustomerPurge,
  type Scope,
} from '../../src-preload/contract';
import type { AnyStripeObject, CacheStore } from '../cache';
import type { MutationLedger, MutationOutcome, ParamsOf, ResultOf } from '../mutations/mutation-ledger';
import { answerOf, toJson } from '../mutations/write-back';
import { idOf, obj, type Json } from '../stripe/stripe-json';
import { exportCustomer } from './customer-export';
import { findCustomerWrite } from './customer-lookups';
import { EMPTY_PROFILE, profileChanges, toProfile } from './customer-profile';

export interface CustomerWritesDeps {
  ledger: MutationLedger;
  caches: { open(scope: Scope): CacheStore };
  /** SyncService.applyObject: upserts what Stripe answered, its freshness starting at `sentAt` (ms). */
  applyObject(scope: Scope, object: AnyStripeObject, sentAt: number): unknown;
  agent: () => string;
  now: () => number;
}

interface CreateParams {
  body: Stripe.CustomerCreateParams;
}
interface UpdateParams {
  customerId: string;
  body: Stripe.CustomerUpdateParams;
}
interface DeleteParams {
  customerId: string;
}
interface DetachParams {
  paymentMethodId: string;
}

/** Ledger kinds, as the Activity log shows them. */
export const CUSTOMER_CREATE = 'customer.create';
export const CUSTOMER_UPDATE = 'customer.update';
export const CUSTOMER_DELETE = 'customer.delete';
export const PAYMENT_METHOD_DETACH = 'payment_method.detach';

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    [CUSTOMER_CREATE]: { params: CreateParams; result: Stripe.Customer };
    [CUSTOMER_UPDATE]: { params: UpdateParams; result: Stripe.Customer };
    [CUSTOMER_DELETE]: { params: DeleteParams; result: Stripe.DeletedCustomer };
    [PAYMENT_METHOD_DETACH]: { params: DetachParams; result: Stripe.PaymentMethod };
  }
}

type CustomerKind =
  | typeof CUSTOMER_CREATE
  | typeof CUSTOMER_UPDATE
  | typeof CUSTOMER_DELETE
  | typeof PAYMENT_METHOD_DETACH;

/** Whether Stripe answered that the object doesn't exist (deleted already, or never did). */
const isMissing = (err: unknown) =>
  err instanceof ConsoleError
    ? err.details?.stripeCode === 'resource_missing'
    : (err as { code?: string } | null)?.code === 'resource_missing';

/**
 * Customer data management: create, edit, default payment method, detach, delete (then purge this machine's
 * copy), export. Each write is one ledger intent (exactly once), and Stripe's answer goes into the cache at once.
 */
export class CustomerWrites {
  constructor(private readonly deps: CustomerWritesDeps) {
    const { ledger } = deps;
    const apply = (scope: Scope, object: AnyStripeObject, sentAt: number): void => {
      deps.applyObject(scope, object, sentAt);
    };
    ledger.register(CUSTOMER_CREATE, {
      send: async (stripe, p, context) => answerOf(await stripe.customers.create(p.body, context.requestOptions)),
      find: (stripe, _p, context) => findCustomerWrite(stripe, 'customer.created', context),
      settle: (scope, outcome, sentAt) => apply(scope, outcome.object, sentAt),
    });
    ledger.register(CUSTOMER_UPDATE, {
      send: async (stripe, p, context) =>
        answerOf(await stripe.customers.update(p.customerId, p.body, context.requestOptions)),
      find: (stripe, _p, context) => findCustomerWrite(stripe, 'customer.updated', context),
      settle: (scope, outcome, sentAt) => apply(scope, outcome.object, sentAt),
    });
    ledger.register(CUSTOMER_DELETE, {
      send: async (stripe, p, context) =>
        answerOf(await stripe.customers.del(p.customerId, {}, context.requestOptions)),
      // Deleting is a state change: a customer Stripe no longer has is the effect, whoever asked for it.
      find: async (stripe, p) => {
        try {
          const customer = await stripe.customers.retrieve(p.customerId);
          return customer.deleted ? answerOf(customer) : null;
        } catch (err) {
          if (isMissing(err)) return answerOf({ id: p.customerId, object: 'customer', deleted: true } as const);
          throw err;
        }
      },
      settle: (scope, outcome, sentAt) => {
        apply(scope, outcome.object, sentAt);
        this.records(scope).purge(outcome.id, this.deps.now());
      },
    });
    ledger.register(PAYMENT_METHOD_DETACH, {
      send: async (stripe, p, context) =>
        answerOf(await stripe.paymentMethods.detach(p.paymentMethodId, {}, context.requestOptions)),
      find: async (stripe, p) => {
        const method = await stripe.paymentMethods.retrieve(p.paymentMethodId);
        return method.customer ? null : answerOf(method);
      },
      settle: (scope, outcome, sentAt) => apply(scope, outcome.object, sentAt),
    });
  }

  profile(scope: Scope, customerId: string): CustomerProfileView {
    return view(this.cached(scope, customerId));
  }

  async create(scope: Scope, intentId: string, profile: CustomerProfile): Promise<{ customerId: string }> {
    const body = (profileChanges(EMPTY_PROFILE, profile) ?? {}) as Stripe.CustomerCreateParams;
    const outcome = await this.run(scope, intentId, CUSTOMER_CREATE, 'new', { body });
    return { customerId: outcome.id };
  }

  /** Sends what differs from the cached customer; nothing changed sends nothing. */
  async update(
    scope: Scope,
    customerId: string,
    intentId: string,
    profile: CustomerProfile,
  ): Promise<CustomerProfileView> {
    const before = this.cached(scope, customerId);
    const body = profileChanges(toProfile(before), profile);
    if (!body && !this.deps.ledger.find(intentId)) return view(before);
    const outcome = await this.run(scope, intentId, CUSTOMER_UPDATE, customerId, { customerId, body: body ?? {} });
    return view(toJson(outcome.object));
  }

  async setDefaultPaymentMethod(
    scope: Scope,
    customerId: string,
    intentId: string,
    paymentMethodId: string,
  ): Promise<CustomerProfileView> {
    this.cached(scope, customerId);
    const body = { invoice_settings: { default_payment_method: paymentMethodId } };
    const outcome = await this.run(scope, intentId, CUSTOMER_UPDATE, customerId, { customerId, body });
    return view(toJson(outcome.object));
  }

  async detachPaymentMethod(
    scope: Scope,
    customerId: string,
    intentId: string,
    paymentMethodId: string,
  ): Promise<{ paymentMethodId: string }> {
    const method = this.deps.caches.open(scope).get<Json>('payment_methods', paymentMethodId);
    if (method && idOf(method.customer) !== customerId)
      throw new ConsoleError('conflict', 'This card isn’t saved on this customer any more.');
    await this.run(scope, intentId, PAYMENT_METHOD_DETACH, paymentMethodId, { paymentMethodId });
    // Stripe unsets a detached default: re-read the customer so the page says so.
    const customer = this.deps.caches.open(scope).get<Json>('customers', customerId);
    if (customer && idOf(obj(customer.invoice_settings).default_payment_method) === paymentMethodId) {
      const fresh = {
        ...customer,
        id: customerId,
        object: 'customer',
        invoice_settings: { ...obj(customer.invoice_settings), default_payment_method: null },
      };
      this.deps.applyObject(scope, fresh, this.deps.now());
    }
    return { paymentMethodId };
  }

  /** Deletes at Stripe, then purges everything cached about the customer. A customer Stripe no longer has is purged too. */
  async delete(scope: Scope, customerId: string, intentId: string): Promise<CustomerPurge> {
    const records = this.records(scope);
    const removed = Object.fromEntries(
      Object.entries(records.collect(customerId)).map(([table, rows]) => [table, rows.length]),
    );
    try {
      await this.run(scope, intentId, CUSTOMER_DELETE, customerId, { customerId });
    } catch (err) {
      if (!isMissing(err)) throw err;
      records.purge(customerId, this.deps.now());
    }
    return { customerId, removed };
  }

  export(scope: Scope, customerId: string): CustomerExport {
    const records = this.records(scope).collect(customerId);
    if (!records.customers)
      throw new ConsoleError('not_found', `Customer ${customerId} isn’t in the local copy: nothing to export.`);
    return exportCustomer(customerId, records, new Date(this.deps.now()));
  }

  /** Purges again what sync brought in since a deletion (the customer.deleted event, late updates). */
  repurge(scope: Scope): void {
    const records = this.records(scope);
    for (const customerId of records.erased()) records.purge(customerId, this.deps.now());
  }

  private records(scope: Scope) {
    return this.deps.caches.open(scope).customerRecords;
  }

  private cached(scope: Scope, customerId: string): Json {
    const customer = this.deps.caches.open(scope).get<Json>('customers', customerId);
    if (!customer || customer.deleted)
      throw new ConsoleError(
        'not_found',
        `Customer ${customerId} isn’t in the local copy. It appears once sync has fetched it.`,
      );
    return customer;
  }

  /**
   * One ledger intent. A confirmation sent before is resent as recorded (the cache may already show its effect,
   * so its request can't be rebuilt from it).
   */
  private run<K extends CustomerKind>(
    scope: Scope,
    intentId: string,
    kind: K,
    targetId: string,
    params: ParamsOf<K>,
  ): Promise<MutationOutcome<ResultOf<K>>> {
    const { ledger } = this.deps;
    if (ledger.find(intentId)) return ledger.resend({ scope, kind, targetId, intentId });
    return ledger.run({ scope, kind, targetId, params, intentId, agent: this.deps.agent() });
  }
}

function view(customer: Json): CustomerProfileView {
  return {
    id: String(customer.id),
    profile: toProfile(customer),
    defaultPaymentMethod: idOf(obj(customer.invoice_settings).default_payment_method),
  };
}
