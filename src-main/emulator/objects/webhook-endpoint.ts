import type Stripe from 'stripe';

export interface WebhookEndpointInput {
  id: string;
  created: number;
  livemode: boolean;
  url: string;
  enabledEvents: string[];
  description: string | null;
  apiVersion: string | null;
  metadata: Record<string, string>;
}

export function buildWebhookEndpoint(w: WebhookEndpointInput): Stripe.WebhookEndpoint {
  return {
    id: w.id,
    object: 'webhook_endpoint',
    api_version: w.apiVersion,
    application: null,
    created: w.created,
    description: w.description,
    enabled_events: w.enabledEvents,
    livemode: w.livemode,
    metadata: w.metadata,
    status: 'enabled',
    url: w.url,
  } satisfies Stripe.WebhookEndpoint;
}
