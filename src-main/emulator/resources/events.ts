import { route, type RequestContext } from '../http/context';
import { invalidRequest, resourceMissing } from '../http/errors';
import type { ColumnFilter } from '../store/object-store';
import { readCreated, listObjects } from './shared/list';
import { loadObject } from './shared/objects';

const read = { resource: 'event', access: 'read' } as const;
const RETENTION_SECONDS = 30 * 86400;

/** `type=customer.*` wildcards become LIKE patterns; `types[]` lists exact types. */
function typeFilter(ctx: RequestContext): ColumnFilter[] {
  const type = ctx.params.string('type');
  const types = ctx.params.stringList('types');
  if (type && types) throw invalidRequest('You may only specify one of these parameters: type, types.', 'types');
  if (types) return [{ column: 'status', values: types }];
  if (!type) return [];
  if (type.includes('*'))
    return [{ column: 'status', values: [type.replace(/[%_]/g, '\\$&').replace(/\*/g, '%')], like: true }];
  return [{ column: 'status', values: [type] }];
}

function list(ctx: RequestContext) {
  // Stripe only keeps events for 30 days.
  const floor = ctx.env.clock.nowSeconds() - RETENTION_SECONDS;
  const created = readCreated(ctx.params) ?? {};
  ctx.params.boolean('delivery_success');
  return listObjects(ctx, 'event', '/v1/events', {
    filters: typeFilter(ctx),
    created: { ...created, gte: Math.max(created.gte ?? floor, floor) },
  });
}

function retrieve(ctx: RequestContext) {
  const id = ctx.pathParams.id as string;
  const event = loadObject<{ created: number }>(ctx, 'event', id);
  if (event.created < ctx.env.clock.nowSeconds() - RETENTION_SECONDS) throw resourceMissing('event', id);
  return event;
}

export const eventRoutes = [route('GET', '/v1/events', read, list), route('GET', '/v1/events/:id', read, retrieve)];
