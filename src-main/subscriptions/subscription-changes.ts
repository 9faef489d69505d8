import type Stripe from 'stripe';
import {
  ConsoleError,
  type CancelAndRefundResult,
  type ChangeOptions,
  type ChangePreview,
  type PlanChange,
  type Scope,
  type SubscriptionChange,
  type SubscriptionDetail,
} from '../../src-preload/contract';
import { answerOf, toJson, type WriteServiceDeps } from '../mutations/write-back';
import { refundableOf } from '../cache/rows/payment-rows';
import { REFUND_CREATE } from '../mutations/refund-kind';
import { toRefundRow } from '../cache/rows/refund-rows';
import { bool, idOf, int, obj, str, type Json } from '../stripe/stripe-json';
import { subscriptionKind } from './subscription-actions';
import { findSubscriptionWrite } from './subscription-lookups';
import { SubscriptionQueries } from './subscription-queries';

export const SUBSCRIPTION_CHANGE = 'subscription.change';

interface ChangeParams {
  subscriptionId: string;
  body: Stripe.SubscriptionUpdateParams;
}

declare module '../mutations/mutation-ledger' {
  interface MutationKinds {
    [SUBSCRIPTION_CHANGE]: { params: ChangeParams; result: Stripe.Subscription };
  }
}

export type SubscriptionChangesDeps = WriteServiceDeps;

/** Statuses in which a subscription still bills, so it can be changed. */
export const LIVE_STATUSES: readonly string[] = ['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete'];

/**
 * Plan changes (price, quantity) after Stripe's own preview of the next invoice, trials, the default card, and
 * "cancel now and refund the last payment" as two linked ledger intents.
 */
export class SubscriptionChanges {
  constructor(private readonly deps: SubscriptionChangesDeps) {
    deps.ledger.register(SUBSCRIPTION_CHANGE, {
      send: async (stripe, p, context) =>
        answerOf(await stripe.subscriptions.update(p.subscriptionId, p.body, context.requestOptions)),
      find: findSubscriptionWrite,
      settle: (scope, outcome, sentAt) => {
        deps.applyObject(scope, outcome.object, sentAt);
      },
    });
  }

  options(scope: Scope, id: string): ChangeOptions {
    const sub = this.subscription(scope, id);
    const subscriptions = this.deps.caches.open(scope).subscriptions;
    const prices = subscriptions.recurringPrices(str(sub.currency));
    const customer = idOf(sub.customer);
    const defaultCard = str(sub.default_payment_method);
    const cards = subscriptions.cardsOf(customer).map((card) => ({ ...card, isDefault: card.id === defaultCard }));
    return { prices, cards, lastPayment: this.lastPayment(scope, customer) };
  }

  async preview(scope: Scope, id: string, change: PlanChange): Promise<ChangePreview> {
    const sub = this.subscription(scope, id);
    const item = obj(((obj(sub.items).data as unknown[]) ?? [])[0]);
    const stripe = await this.deps.gateway.client(scope);
    const prorationDate = Math.floor(this.deps.now() / 1000);
    const invoice = await stripe.invoices.createPreview({
      subscription: id,
      subscription_details: {
        items: [
          { id: str(item.id) ?? '', quantity: change.quantity, ...(change.priceId ? { price: change.priceId } : {}) },
        ],
        proration_behavior: change.proration,
        proration_date: prorationDate,
      },
    });
    const lines = invoice.lines.data.map((l) => ({
      description: l.description,
      amount: l.amount,
      proration: l.parent?.subscription_item_details?.proration === true,
    }));
    return {
      prorationDate,
      currency: invoice.currency,
      lines,
      prorationTotal: lines.filter((l) => l.proration).reduce((sum, l) => sum + l.amount, 0),
      nextInvoiceTotal: invoice.total,
      nextInvoiceDate: invoice.created ?? null,
    };
  }

  async change(scope: Scope, id: string, intentId: string, change: SubscriptionChange): Promise<SubscriptionDetail> {
    const sub = this.subscription(scope, id);
    const { ledger } = this.deps;
    const outcome = ledger.find(intentId)
      ? await ledger.resend({ scope, kind: SUBSCRIPTION_CHANGE, targetId: id, intentId })
      : await ledger.run({
          scope,
          kind: SUBSCRIPTION_CHANGE,
          targetId: id,
          intentId,
          params: { subscriptionId: id, body: this.bodyOf(sub, change) },
          agent: this.deps.agent(),
        });
    return new SubscriptionQueries(this.deps.caches.open(scope)).detailOf(outcome.object);
  }

  /** Cancels first; only once Stripe has cancelled is the refund sent. Each step is its own exactly-once intent. */
  async cancelAndRefund(
    scope: Scope,
    id: string,
    ids: { cancelIntentId: string; refundIntentId: string },
    chargeId: string,
    amount: number,
  ): Promise<CancelAndRefundResult> {
    const sub = this.subscription(scope, id);
    const { ledger } = this.deps;
    const charge = this.deps.caches.open(scope).get<Json>('charges', chargeId);
    if (!ledger.find(ids.refundIntentId)) {
      if (!charge || idOf(charge.customer) !== idOf(sub.customer))
        throw new ConsoleError('invalid_input', 'That payment isn’t one of this customer’s.', {
          details: { path: 'chargeId' },
        });
      if (amount > refundableOf(charge))
        throw new ConsoleError('invalid_input', 'That is more than is still refundable on this payment.', {
          details: { path: 'amount', refundable: refundableOf(charge), currency: str(charge.currency) },
        });
    }
    const cancelKind = subscriptionKind('cancel_now');
    const store = this.deps.caches.open(scope);
    // A step Stripe already carried out isn't sent again (a cancellation is a DELETE: Stripe keeps no key for it).
    const cancelRecord = ledger.find(ids.cancelIntentId);
    if (cancelRecord?.state !== 'succeeded') {
      if (cancelRecord) await ledger.resend({ scope, kind: cancelKind, targetId: id, intentId: ids.cancelIntentId });
      else {
        if (!LIVE_STATUSES.includes(str(sub.status) ?? ''))
          throw new ConsoleError('conflict', 'This subscription has already ended.');
        await ledger.run({
          scope,
          kind: cancelKind,
          targetId: id,
          intentId: ids.cancelIntentId,
          params: {
            subscriptionId: id,
            method: 'cancel',
            body: { invoice_now: false, prorate: false, cancellation_details: { comment: 'Cancelled and refunded' } },
          },
          agent: this.deps.agent(),
        });
      }
    }
    const refundRecord = ledger.find(ids.refundIntentId);
    const refund =
      refundRecord?.state === 'succeeded'
        ? store.get<Json>('refunds', refundRecord.resultId ?? '')
        : toJson(
            (
              await (refundRecord
                ? ledger.resend({ scope, kind: REFUND_CREATE, targetId: chargeId, intentId: ids.refundIntentId })
                : ledger.run({
                    scope,
                    kind: REFUND_CREATE,
                    targetId: chargeId,
                    intentId: ids.refundIntentId,
                    amount,
                    currency: charge ? str(charge.currency) : null,
                    params: {
                      charge: chargeId,
                      amount,
                      reason: 'requested_by_customer',
                      note: `Subscription ${id} cancelled`,
                    },
                    agent: this.deps.agent(),
                  }))
            ).object,
          );
    return {
      subscription: new SubscriptionQueries(store).get(id),
      refund: refund ? toRefundRow(refund) : null,
    };
  }

  private bodyOf(sub: Json, change: SubscriptionChange): Stripe.SubscriptionUpdateParams {
    switch (change.kind) {
      case 'plan': {
        const item = obj(((obj(sub.items).data as unknown[]) ?? [])[0]);
        return {
          items: [
            { id: str(item.id) ?? '', quantity: change.quantity, ...(change.priceId ? { price: change.priceId } : {}) },
          ],
          proration_behavior: change.proration,
          proration_date: change.prorationDate,
        };
      }
      case 'trial':
        if (str(sub.status) !== 'trialing') throw new ConsoleError('conflict', 'This subscription isn’t in a trial.');
        if (change.trialEnd !== 'now' && change.trialEnd * 1000 <= this.deps.now())
          throw new ConsoleError('invalid_input', 'The new trial end must be in the future.', {
            details: { path: 'change.trialEnd' },
          });
        return { trial_end: change.trialEnd };
      case 'default_payment_method':
        return { default_payment_method: change.paymentMethodId };
    }
  }

  private subscription(scope: Scope, id: string): Json {
    const sub = this.deps.caches.open(scope).get<Json>('subscriptions', id);
    if (!sub)
      throw new ConsoleError(
        'not_found',
        `Subscription ${id} isn’t in the local copy. It appears once sync has fetched it.`,
      );
    return sub;
  }

  /** The customer's latest payment that can still be refunded. */
  private lastPayment(scope: Scope, customer: string | null): ChangeOptions['lastPayment'] {
    if (!customer) return null;
    const charge = this.deps.caches
      .open(scope)
      .subscriptions.refundCandidatesOf(customer)
      .find((c) => refundableOf(c) > 0 && !bool(c.disputed));
    if (!charge) return null;
    return {
      chargeId: str(charge.id) ?? '',
      amount: int(charge.amount) ?? 0,
      refundable: refundableOf(charge),
      currency: str(charge.currency) ?? 'usd',
      created: int(charge.created) ?? 0,
    };
  }
}
