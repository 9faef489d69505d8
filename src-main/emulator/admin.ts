import type Stripe from 'stripe';
import type { Environment, RequestContext } from './http/context';
import { ParamReader } from './http/params';
import type { RefundStatus } from './objects/refund';
import { openDispute, type OpenDisputeOptions } from './resources/disputes';
import { transitionRefund } from './resources/refunds';
import { transitionSubscription } from './resources/subscriptions';
import { loadObject } from './resources/shared/objects';
import { createWebhookEndpoint } from './resources/webhook-endpoints';
import type { KeyRegistry } from './store/keys';
import type { Mode, ObjectType } from './store/types';

export interface EmulatorAdmin {
  revokeKey(key: string): void;
  /** A restricted key (`rk_…`) with exactly these `rak_*` permissions. */
  createRestrictedKey(mode: Mode, permissions: string[]): string;
  /** Registers an endpoint for all events (default) signed with the emulator's `webhookSecret`. */
  registerWebhookEndpoint(url: string, options?: { mode?: Mode; events?: string[] }): { id: string; secret: string };
  advanceTime(ms: number): void;
  setNow(ms: number): void;
  now(): number;
  /** Moves a refund through its lifecycle (e.g. pending → succeeded/failed), emitting refund.updated and charge.refund.updated. */
  setRefundStatus(refundId: string, status: RefundStatus, mode?: Mode): Stripe.Refund;
  /** Moves a subscription's status as billing would (e.g. trial ended without a card → paused), with its events. */
  setSubscriptionStatus(subscriptionId: string, status: Stripe.Subscription.Status, mode?: Mode): Stripe.Subscription;
  /** Opens a dispute on a charge, emitting charge.dispute.created. */
  createDispute(chargeId: string, options?: OpenDisputeOptions & { mode?: Mode }): Stripe.Dispute;
  counts(resource: ObjectType, mode?: Mode): number;
}

export function createAdmin(
  env: Environment,
  keys: KeyRegistry,
  webhookSecret: string,
  runInTransaction: <T>(fn: () => T) => T,
): EmulatorAdmin {
  /** Admin actions run like requests Stripe itself makes: no request id, events flushed after commit. */
  const act = <T>(mode: Mode, fn: (ctx: RequestContext) => T): T => {
    const ctx: RequestContext = {
      env,
      mode,
      livemode: mode === 'live',
      method: 'POST',
      path: '/admin',
      pathParams: {},
      params: new ParamReader({}),
      files: [],
      requestId: null,
      idempotencyKey: null,
    };
    try {
      const result = runInTransaction(() => fn(ctx));
      env.events.flush();
      return result;
    } catch (error) {
      env.events.discard();
      throw error;
    }
  };
  return {
    revokeKey: (key) => keys.revoke(key),
    createRestrictedKey: (mode, permissions) => keys.create('rk', mode, permissions),
    registerWebhookEndpoint: (url, options = {}) =>
      act(options.mode ?? 'test', (ctx) => {
        const endpoint = createWebhookEndpoint(ctx, {
          url,
          enabledEvents: options.events ?? ['*'],
          description: 'Registered by the emulator admin',
          metadata: {},
          secret: webhookSecret,
        });
        return { id: endpoint.id, secret: webhookSecret };
      }),
    advanceTime: (ms) => env.clock.advance(ms),
    setNow: (ms) => env.clock.set(ms),
    now: () => env.clock.nowMs(),
    setRefundStatus: (refundId, status, mode = 'test') =>
      act(mode, (ctx) => transitionRefund(ctx, loadObject<Stripe.Refund>(ctx, 'refund', refundId), status)),
    setSubscriptionStatus: (subscriptionId, status, mode = 'test') =>
      act(mode, (ctx) =>
        transitionSubscription(ctx, loadObject<Stripe.Subscription>(ctx, 'subscription', subscriptionId), status),
      ),
    createDispute: (chargeId, options = {}) =>
      act(options.mode ?? 'test', (ctx) => openDispute(ctx, chargeId, options)),
    counts: (resource, mode = 'test') => env.store.count(mode, resource),
  };
}
