import type { Clock } from '../clock';
import type { EventRecorder } from '../webhooks/event-recorder';
import type { IdFactory } from '../store/ids';
import type { ObjectStore } from '../store/object-store';
import type { Mode } from '../store/types';
import type { RequiredPermission } from './auth';
import type { UploadedFile } from './multipart';
import type { ParamReader } from './params';
import { businessRules } from '../params/business-rules';
import { endpointKey, findEndpoint } from '../params/table';
import { compileValidator, supportedParamsCheck, type RouteValidator } from '../params/validator';

/** Everything a handler may use that outlives a single request. */
export interface Environment {
  store: ObjectStore;
  clock: Clock;
  ids: IdFactory;
  events: EventRecorder;
  accountId: string;
  baseUrl: string;
  searchIndexLagMs: number;
}

export interface RequestContext {
  env: Environment;
  mode: Mode;
  livemode: boolean;
  method: string;
  path: string;
  pathParams: Record<string, string>;
  params: ParamReader;
  files: UploadedFile[];
  /** null for actions Stripe takes by itself (admin helpers). */
  requestId: string | null;
  idempotencyKey: string | null;
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface Route {
  method: HttpMethod;
  pattern: RegExp;
  keys: string[];
  permission: RequiredPermission;
  /** Search has its own, lower rate limit at Stripe. */
  rateCategory: 'default' | 'search';
  /** Stripe's parameter rules for this endpoint (from the SDK's types), then the handler's own `accepts`. */
  validate: RouteValidator;
  handle(ctx: RequestContext): unknown;
}

export interface RouteOptions {
  rateCategory?: Route['rateCategory'];
  /**
   * The parameters the handler stores or honours (names, or bracket paths like `invoice_settings[default_payment_method]`).
   * Any other parameter Stripe accepts is refused as "not supported by the demo" instead of silently dropped.
   * Omit only while a handler honours every parameter of its endpoint.
   */
  accepts?: readonly string[];
}

/**
 * Declares a route like `route('GET', '/v1/customers/:id', {resource: 'customer', access: 'read'}, handler)`.
 * The endpoint must exist in Stripe's parameter table (`params/stripe-params.json`): its parameters are
 * validated before the handler runs, so a handler only ever sees names, nesting and types Stripe accepts.
 */
export function route(
  method: HttpMethod,
  path: string,
  permission: RequiredPermission,
  handle: (ctx: RequestContext) => unknown,
  options: RouteOptions | Route['rateCategory'] = {},
): Route {
  const { rateCategory = 'default', accepts } = typeof options === 'string' ? { rateCategory: options } : options;
  const endpoint = findEndpoint(method, path);
  if (!endpoint)
    throw new Error(`${method} ${path} is not a Stripe endpoint (no entry in the emulator's parameter table)`);
  const stripeRules = compileValidator(endpoint.params);
  const supported = accepts ? supportedParamsCheck(accepts) : undefined;
  const business = businessRules(endpointKey(method, path));
  const validate: RouteValidator = (params, fileFields) => {
    stripeRules(params, fileFields);
    supported?.(params);
    business(params);
  };
  const keys: string[] = [];
  const source = path.replace(/:([a-z_]+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { method, pattern: new RegExp(`^${source}$`), keys, permission, rateCategory, validate, handle };
}

export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; pathParams: Record<string, string> } | undefined {
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const pathParams: Record<string, string> = {};
    candidate.keys.forEach((key, i) => (pathParams[key] = decodeURIComponent(match[i + 1] ?? '')));
    return { route: candidate, pathParams };
  }
  return undefined;
}

/** A handler result that is not JSON, e.g. file contents. */
export class RawResponse {
  constructor(
    readonly contentType: string,
    readonly data: Buffer,
  ) {}
}
