import type Stripe from 'stripe';
import { API_VERSION } from './common';
import type { StripeObject } from '../store/types';

export interface EventInput {
  id: string;
  created: number;
  livemode: boolean;
  type: Stripe.Event.Type;
  object: StripeObject;
  previousAttributes?: Record<string, unknown>;
  request: { id: string | null; idempotency_key: string | null };
  pendingWebhooks: number;
}

export function buildEvent(e: EventInput): Stripe.EventBase {
  return {
    id: e.id,
    object: 'event',
    api_version: API_VERSION,
    created: e.created,
    data: {
      object: e.object,
      ...(e.previousAttributes ? { previous_attributes: e.previousAttributes } : {}),
    },
    livemode: e.livemode,
    pending_webhooks: e.pendingWebhooks,
    request: e.request,
    type: e.type,
  } satisfies Stripe.EventBase;
}
