import type Stripe from 'stripe';
import { route, type RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import { API_VERSION } from '../objects/common';
import { buildWebhookEndpoint } from '../objects/webhook-endpoint';
import { cryptoChars } from '../store/ids';
import { EndpointSecrets } from '../webhooks/endpoints';
import { listObjects } from './shared/list';
import { loadObject, saveObject } from './shared/objects';

const read = { resource: 'webhook', access: 'read' } as const;
const write = { resource: 'webhook', access: 'write' } as const;

/** Creates an endpoint; the secret is generated unless given (admin helpers pass the emulator's). */
export function createWebhookEndpoint(
  ctx: RequestContext,
  input: {
    url: string;
    enabledEvents: string[];
    description: string | null;
    metadata: Record<string, string>;
    secret?: string;
  },
): Stripe.WebhookEndpoint {
  const created = ctx.env.clock.nowSeconds();
  const endpoint = buildWebhookEndpoint({
    id: ctx.env.ids.make('we', created),
    created,
    livemode: ctx.livemode,
    url: input.url,
    enabledEvents: input.enabledEvents,
    description: input.description,
    apiVersion: API_VERSION,
    metadata: input.metadata,
  });
  const secret = input.secret ?? `whsec_${cryptoChars(32)}`;
  saveObject(ctx, 'webhook_endpoint', endpoint);
  new EndpointSecrets(ctx.env.store.db).save(endpoint.id, secret);
  // Only the creation response reveals the secret, as at Stripe.
  return { ...endpoint, secret };
}

function create(ctx: RequestContext): Stripe.WebhookEndpoint {
  const url = ctx.params.string('url');
  if (!url) throw invalidRequest('Missing required param: url.', 'url');
  if (!/^https?:\/\//.test(url)) throw invalidRequest('Invalid URL: URL must be publicly accessible.', 'url');
  const enabledEvents = ctx.params.stringList('enabled_events');
  if (!enabledEvents || enabledEvents.length === 0)
    throw invalidRequest('Missing required param: enabled_events.', 'enabled_events');
  return createWebhookEndpoint(ctx, {
    url,
    enabledEvents,
    description: ctx.params.string('description') ?? null,
    metadata: ctx.params.metadata({}) ?? {},
  });
}

function remove(ctx: RequestContext) {
  const endpoint = loadObject<Stripe.WebhookEndpoint>(ctx, 'webhook_endpoint', ctx.pathParams.id as string);
  ctx.env.store.delete(endpoint.id);
  return { id: endpoint.id, object: 'webhook_endpoint', deleted: true } satisfies Stripe.DeletedWebhookEndpoint;
}

export const webhookEndpointRoutes = [
  route('GET', '/v1/webhook_endpoints', read, (ctx) => listObjects(ctx, 'webhook_endpoint', '/v1/webhook_endpoints')),
  route('POST', '/v1/webhook_endpoints', write, create, {
    accepts: ['url', 'enabled_events', 'description', 'metadata'],
  }),
  route('GET', '/v1/webhook_endpoints/:id', read, (ctx) =>
    loadObject(ctx, 'webhook_endpoint', ctx.pathParams.id as string),
  ),
  route('DELETE', '/v1/webhook_endpoints/:id', write, remove),
];
