import { invalidRequest } from '../../http/errors';
import { unsupportedByDemo } from '../../params/validator';
import type { RequestContext } from '../../http/context';
import type { ParamReader } from '../../http/params';
import type { ColumnFilter, Cursor, RawCondition } from '../../store/object-store';
import type { CreatedRange, ObjectType, StripeObject } from '../../store/types';
import { loadObject } from './objects';

export interface ListResponse<T = StripeObject> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export function readLimit(params: ParamReader): number {
  const limit = params.integer('limit') ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest(`Invalid limit: must be at least 1 and no more than 100. You passed ${limit}.`, 'limit');
  }
  return limit;
}

/** `created=<ts>` or `created[gt|gte|lt|lte]=<ts>`. */
export function readCreated(params: ParamReader, name = 'created'): CreatedRange | undefined {
  const raw = params.params[name];
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') {
    const exact = params.integer(name) as number;
    return { gte: exact, lte: exact };
  }
  if (Array.isArray(raw)) throw invalidRequest(`Invalid ${name}: must be an integer or a hash`, name);
  const range: CreatedRange = {};
  for (const [op, value] of Object.entries(raw)) {
    if (op !== 'gt' && op !== 'gte' && op !== 'lt' && op !== 'lte') {
      throw invalidRequest(`Received unknown parameter: ${name}[${op}]`, `${name}[${op}]`);
    }
    if (typeof value !== 'string' || !/^\d+$/.test(value))
      throw invalidRequest(`Invalid integer: ${String(value)}`, `${name}[${op}]`);
    range[op] = Number(value);
  }
  return range;
}

function readCursor(
  ctx: RequestContext,
  type: ObjectType,
  param: 'starting_after' | 'ending_before',
): Cursor | undefined {
  const id = ctx.params.string(param);
  if (id === undefined || id === '') return undefined;
  const object = loadObject<StripeObject>(ctx, type, id, param);
  return { created: typeof object.created === 'number' ? object.created : 0, id };
}

const COMMON_LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'created', 'expand'];

/**
 * The list filters modelled per type: `handled` ones are applied by the resource, `json` ones compare the
 * field generically. Names Stripe doesn't know were already refused by the route's parameter table; any
 * other Stripe filter answers "not supported by the demo" rather than returning an unfiltered list.
 */
const LIST_FILTERS: Record<ObjectType, { handled?: string[]; json?: string[] }> = {
  customer: { handled: ['email'] },
  payment_method: { handled: ['customer'], json: ['type', 'allow_redisplay'] },
  payment_intent: { handled: ['customer'] },
  charge: { handled: ['customer', 'payment_intent'], json: ['transfer_group'] },
  refund: { handled: ['charge', 'payment_intent'] },
  dispute: { handled: ['charge', 'payment_intent'] },
  file: { handled: ['purpose'] },
  subscription: {
    handled: ['customer', 'price', 'status'],
    json: ['collection_method'],
  },
  invoice: { handled: ['customer', 'status', 'subscription'], json: ['collection_method'] },
  credit_note: { handled: ['invoice', 'customer'] },
  product: { handled: ['active'], json: ['url'] },
  price: { handled: ['active', 'product'], json: ['currency', 'type'] },
  balance_transaction: { handled: ['type', 'source', 'payout'], json: ['currency'] },
  early_fraud_warning: { handled: ['charge', 'payment_intent'] },
  review: {},
  payout: { handled: ['status', 'destination', 'arrival_date'] },
  event: { handled: ['type', 'types', 'delivery_success'] },
  webhook_endpoint: {},
  coupon: {},
  promotion_code: { handled: ['active', 'code', 'coupon', 'customer'] },
  discount: {},
};

/** Fields read with json_extract by list filters: the store must keep them even when they hold a default. */
export const JSON_FILTERED_FIELDS: Partial<Record<ObjectType, string[]>> = Object.fromEntries(
  Object.entries(LIST_FILTERS).map(([type, spec]) => [type, spec.json ?? []]),
);

function filterConditions(ctx: RequestContext, type: ObjectType): RawCondition[] {
  const spec = LIST_FILTERS[type];
  const conditions: RawCondition[] = [];
  for (const name of Object.keys(ctx.params.params)) {
    if (COMMON_LIST_PARAMS.includes(name) || spec.handled?.includes(name)) continue;
    if (!spec.json?.includes(name)) throw unsupportedByDemo(name);
    const value = ctx.params.string(name);
    if (value !== undefined) conditions.push({ sql: `json_extract(json, '$.${name}') = ?`, params: [value] });
  }
  return conditions;
}

export interface ListOptions {
  filters?: ColumnFilter[];
  conditions?: RawCondition[];
  created?: CreatedRange;
}

/** A standard Stripe list endpoint: limit, cursors, created filter, newest first. */
export function listObjects(
  ctx: RequestContext,
  type: ObjectType,
  url: string,
  options: ListOptions = {},
): ListResponse {
  const limit = readLimit(ctx.params);
  if (ctx.params.string('starting_after') && ctx.params.string('ending_before')) {
    throw invalidRequest(
      'You may only specify one of these parameters: starting_after, ending_before.',
      'ending_before',
    );
  }
  const created = { ...readCreated(ctx.params), ...options.created };
  const startingAfter = readCursor(ctx, type, 'starting_after');
  const endingBefore = readCursor(ctx, type, 'ending_before');
  const page = ctx.env.store.list({
    mode: ctx.mode,
    type,
    filters: options.filters ?? [],
    conditions: [...(options.conditions ?? []), ...filterConditions(ctx, type)],
    created,
    limit,
    ...(startingAfter ? { startingAfter } : {}),
    ...(endingBefore ? { endingBefore } : {}),
  });
  return { object: 'list', data: page.data, has_more: page.hasMore, url };
}

/** Builds column filters from optional string params, e.g. `{customer: 'customer'}`. */
export function columnFilters(params: ParamReader, mapping: Record<string, ColumnFilter['column']>): ColumnFilter[] {
  const filters: ColumnFilter[] = [];
  for (const [param, column] of Object.entries(mapping)) {
    const value = params.string(param);
    if (value !== undefined && value !== '') filters.push({ column, values: [value] });
  }
  return filters;
}
