import type Stripe from 'stripe';
import type { Clock } from '../clock';
import { buildEvent } from '../objects/event';
import type { IdFactory } from '../store/ids';
import type { ObjectStore } from '../store/object-store';
import type { Mode, StripeObject } from '../store/types';
import type { WebhookDispatcher } from './dispatcher';
import { endpointsFor } from './endpoints';

export interface EventOrigin {
  mode: Mode;
  requestId: string | null;
  idempotencyKey: string | null;
}

/**
 * Records an Event for every state change. Events are stored inside the request's transaction
 * but only delivered once it commits (flush), so a rolled-back request sends nothing.
 */
export class EventRecorder {
  private pending: { mode: Mode; event: Stripe.EventBase }[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly ids: IdFactory,
    private readonly clock: Clock,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  emit(
    origin: EventOrigin,
    type: Stripe.Event.Type,
    object: StripeObject,
    previousAttributes?: Record<string, unknown>,
  ): Stripe.EventBase {
    const created = this.clock.nowSeconds();
    const event = buildEvent({
      id: this.ids.make('evt', created),
      created,
      livemode: origin.mode === 'live',
      type,
      object,
      // Stripe sends previous_attributes only on `*.updated` events.
      ...(previousAttributes && type.endsWith('.updated') ? { previousAttributes } : {}),
      request: { id: origin.requestId, idempotency_key: origin.idempotencyKey },
      pendingWebhooks: endpointsFor(this.store, origin.mode, type).length,
    });
    // eslint-disable-next-line no-restricted-syntax -- the store takes any object as JSON by name; an SDK interface has no index signature
    this.store.put(origin.mode, 'event', event as unknown as StripeObject, this.clock.nowMs());
    this.pending.push({ mode: origin.mode, event });
    return event;
  }

  flush(): void {
    const ready = this.pending;
    this.pending = [];
    for (const { mode, event } of ready) this.dispatcher.deliver(mode, event);
  }

  discard(): void {
    this.pending = [];
  }
}

const isHash = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Stripe's previous_attributes: the old values of what changed, diffed key by key inside hashes
 * (`metadata: {added: null, changed: 'old'}`); arrays and scalars are replaced whole.
 */
export function previousAttributes(before: StripeObject, after: StripeObject): Record<string, unknown> {
  return diffHash(before, after);
}

function diffHash(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key];
    const now = after[key];
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    changed[key] = isHash(old) && isHash(now) ? diffHash(old, now) : (old ?? null);
  }
  return changed;
}
