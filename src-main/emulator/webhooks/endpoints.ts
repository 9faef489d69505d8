import type Stripe from 'stripe';
import type { Db } from '../store/database';
import type { ObjectStore } from '../store/object-store';
import type { Mode } from '../store/types';

/** Webhook endpoints of one mode that subscribe to an event type. */
export function endpointsFor(store: ObjectStore, mode: Mode, eventType: string): Stripe.WebhookEndpoint[] {
  const { data } = store.list<Stripe.WebhookEndpoint & { [k: string]: unknown }>({
    mode,
    type: 'webhook_endpoint',
    limit: 1000,
  });
  return data.filter(
    (endpoint) =>
      endpoint.status === 'enabled' &&
      endpoint.enabled_events.some((pattern) => pattern === '*' || pattern === eventType),
  );
}

/** Secrets live outside the endpoint JSON because Stripe only reveals them on creation. */
export class EndpointSecrets {
  constructor(private readonly db: Db) {}

  save(endpointId: string, secret: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO webhook_secrets (endpoint_id, secret) VALUES (?, ?)')
      .run(endpointId, secret);
  }

  get(endpointId: string): string | undefined {
    const row = this.db.prepare('SELECT secret FROM webhook_secrets WHERE endpoint_id = ?').get(endpointId) as
      | { secret: string }
      | undefined;
    return row?.secret;
  }
}
