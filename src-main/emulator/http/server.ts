import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultInjector } from '../faults';
import { API_VERSION } from '../objects/common';
import { cryptoChars } from '../store/ids';
import type { KeyRegistry } from '../store/keys';
import { applyExpansions } from '../resources/shared/expand';
import { authenticate, authorize } from './auth';
import { matchRoute, RawResponse, type Environment, type RequestContext, type Route } from './context';
import {
  ApiError,
  idempotencyInFlight,
  idempotencyMismatch,
  internalError,
  rateLimitError,
  unknownRoute,
} from './errors';
import type { IdempotencyStore } from './idempotency';
import { parseMultipart, type UploadedFile } from './multipart';
import { ParamReader, parseFormBody, parseParams, type ParamValue, type Params } from './params';
import type { RateLimiter } from './rate-limiter';
import { loopbackRefusal } from '../../platform/loopback-guard';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** A failure the fault injector raises mid-execution (not a bug, so not logged). */
class InjectedCrash extends Error {}

export interface ServerDeps {
  env: Environment;
  routes: readonly Route[];
  keys: KeyRegistry;
  idempotency: IdempotencyStore;
  faults: FaultInjector;
  rateLimiter: RateLimiter | null;
  latencyMs: number;
  runInTransaction<T>(fn: () => T): T;
}

interface Reply {
  status: number;
  body: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Destroy the socket instead of answering (fault injection). */
  drop?: boolean;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, { type: 'invalid_request_error', message: 'Request body too large.' }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function errorReply(error: ApiError, requestId: string, mode: string | undefined): Reply {
  const logUrl = `https://dashboard.stripe.com/${mode === 'live' ? '' : 'test/'}logs/${requestId}`;
  return {
    status: error.status,
    body: JSON.stringify({ error: { ...error.body, request_log_url: logUrl } }, null, 2),
    headers: error.headers,
  };
}

const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const API_VERSION_FORMAT = /^(\d{4}-\d{2}-\d{2})(?:\.([a-z]+))?$/;
const [, CURRENT_VERSION_DATE, CURRENT_VERSION_NAME] = API_VERSION_FORMAT.exec(API_VERSION) ?? [];

/** Stripe refuses versions it never released: malformed, later than the emulator's, or misnamed. */
function checkApiVersion(header: string | string[] | undefined): void {
  if (header === undefined) return;
  const version = String(header);
  const match = API_VERSION_FORMAT.exec(version);
  const date = match?.[1] ?? '';
  const name = match?.[2];
  const released =
    match &&
    date >= '2011-01-01' &&
    date <= (CURRENT_VERSION_DATE as string) &&
    (date !== CURRENT_VERSION_DATE || name === undefined || name === CURRENT_VERSION_NAME);
  if (!released) {
    throw new ApiError(400, {
      type: 'invalid_request_error',
      message: `Invalid Stripe API version: ${version}. See https://docs.stripe.com/api/versioning for the versions Stripe accepts.`,
    });
  }
}

function readIdempotencyKey(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  if (header.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new ApiError(400, {
      type: 'invalid_request_error',
      message: `Invalid idempotency key: it can be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long; yours has ${header.length}.`,
    });
  }
  return header;
}

/** The HTTP front: auth, routing, faults, rate limits, idempotency, then the handler in a transaction. */
export class EmulatorHttpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly deps: ServerDeps) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
    this.server.on('connection', (socket) => {
      if (deps.faults.isOffline) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    deps.faults.onOffline = () => this.destroySockets();
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.destroySockets();
    });
  }

  private destroySockets(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // No web page may drive the emulator (DNS rebinding, cross-site forms): only its own Host, and no Origin.
    const address = this.server.address();
    const refused = loopbackRefusal(req.headers, typeof address === 'object' && address ? address.port : 0);
    if (refused) {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: `Request refused: ${refused}.` } }));
      return;
    }
    const requestId = `req_${cryptoChars(14)}`;
    let mode: string | undefined;
    let reply: Reply;
    try {
      const body = await readBody(req);
      const result = await this.process(req, body, requestId, (m) => (mode = m));
      reply = result;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : internalError();
      if (!(error instanceof ApiError) && !(error instanceof InjectedCrash))
        console.error('[emulator] unexpected error', error);
      reply = errorReply(apiError, requestId, mode);
    }
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    const version = req.headers['stripe-version'];
    res.writeHead(reply.status, {
      'Content-Type': reply.contentType ?? 'application/json',
      'Cache-Control': 'no-cache, no-store',
      'Request-Id': requestId,
      'Stripe-Version': typeof version === 'string' ? version : API_VERSION,
      ...(typeof req.headers['idempotency-key'] === 'string'
        ? { 'Idempotency-Key': req.headers['idempotency-key'] }
        : {}),
      ...reply.headers,
    });
    res.end(reply.body);
  }

  private async process(
    req: IncomingMessage,
    body: Buffer,
    requestId: string,
    setMode: (mode: string) => void,
  ): Promise<Reply> {
    const { deps } = this;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';

    const key = authenticate(req.headers, deps.keys);
    setMode(key.mode);
    checkApiVersion(req.headers['stripe-version']);
    const idempotencyKey = readIdempotencyKey(req.headers['idempotency-key']);
    const matched = matchRoute(deps.routes, method, path);
    if (!matched) throw unknownRoute(method, path);
    authorize(key, matched.route.permission, deps.env.accountId);
    if (deps.rateLimiter && !deps.rateLimiter.tryTake(key.mode, matched.route.rateCategory)) {
      throw rateLimitError('rate_limit');
    }
    const injected = deps.faults.takeFailure(method, path);
    if (injected) throw injected;

    const { params, files } = this.readParams(req, method, url, body);
    matched.route.validate(
      params,
      files.map((file) => file.field),
    );
    const ctx: RequestContext = {
      env: deps.env,
      mode: key.mode,
      livemode: key.mode === 'live',
      method,
      path,
      pathParams: matched.pathParams,
      params: new ParamReader(params),
      files,
      requestId,
      idempotencyKey: method === 'POST' ? idempotencyKey : null,
    };
    const drop = deps.faults.takeDrop(method, path);
    const reply = ctx.idempotencyKey
      ? await this.executeIdempotently(ctx, matched.route, ctx.idempotencyKey, fingerprint(method, path, params, files))
      : await this.execute(ctx, matched.route);
    return { ...reply, drop };
  }

  private readParams(
    req: IncomingMessage,
    method: string,
    url: URL,
    body: Buffer,
  ): { params: Params; files: UploadedFile[] } {
    // stripe-node puts GET and DELETE parameters in the query; older clients sent DELETE parameters as a form body.
    if (method === 'DELETE' && body.length > 0) {
      return {
        params: parseParams([...url.searchParams.entries(), ...new URLSearchParams(body.toString('utf8'))]),
        files: [],
      };
    }
    if (method !== 'POST') return { params: parseParams(url.searchParams.entries()), files: [] };
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      const multipart = parseMultipart(body, contentType);
      return { params: parseParams(multipart.fields), files: multipart.files };
    }
    return { params: parseFormBody(body.toString('utf8')), files: [] };
  }

  private async executeIdempotently(ctx: RequestContext, route: Route, key: string, print: string): Promise<Reply> {
    const { idempotency } = this.deps;
    const requestId = ctx.requestId ?? '';
    const saved = idempotency.find(ctx.mode, key);
    if (saved) {
      if (saved.fingerprint !== print) throw idempotencyMismatch(key);
      return {
        status: saved.status,
        body: saved.body,
        headers: { 'Idempotent-Replayed': 'true', 'Original-Request': saved.requestId },
      };
    }
    if (!idempotency.begin(ctx.mode, key)) throw idempotencyInFlight(key);
    try {
      const reply = await this.execute(ctx, route);
      idempotency.save(ctx.mode, key, {
        fingerprint: print,
        status: reply.status,
        body: String(reply.body),
        requestId,
      });
      return reply;
    } catch (error) {
      // Stripe saves the result once execution started (parameters were validated before): a refused capture,
      // a card decline or an internal error replays for this key instead of executing later.
      const apiError = error instanceof ApiError ? error : internalError();
      const reply = errorReply(apiError, requestId, ctx.mode);
      idempotency.save(ctx.mode, key, {
        fingerprint: print,
        status: reply.status,
        body: String(reply.body),
        requestId,
      });
      if (!(error instanceof ApiError) && !(error instanceof InjectedCrash)) {
        console.error('[emulator] unexpected error', error);
      }
      return reply;
    } finally {
      idempotency.end(ctx.mode, key);
    }
  }

  private async execute(ctx: RequestContext, route: Route): Promise<Reply> {
    const { deps } = this;
    const held = deps.faults.heldUntil(ctx.method, ctx.path, ctx.params);
    if (held) await held;
    const wait = deps.latencyMs + deps.faults.takeDelay(ctx.method, ctx.path);
    if (wait > 0) await sleep(wait);
    let result: unknown;
    try {
      const crash = deps.faults.takeCrash(ctx.method, ctx.path);
      result = deps.runInTransaction(() => {
        const value = route.handle(ctx);
        if (crash) throw new InjectedCrash();
        return value;
      });
    } catch (error) {
      deps.env.events.discard();
      throw error;
    }
    deps.env.events.flush();
    // Handlers return (rather than throw) errors whose side effects must persist, e.g. a declined charge.
    if (result instanceof ApiError) throw result;
    if (result instanceof RawResponse) return { status: 200, body: result.data, contentType: result.contentType };
    const expand = (ctx.params.stringList('expand') ?? []).filter((path) => path !== 'total_count');
    const expanded = expand.length > 0 ? applyExpansions(ctx, result, expand) : result;
    // Compact JSON: Stripe pretty-prints, but whitespace means nothing to clients and costs on 100-item pages.
    return { status: 200, body: JSON.stringify(expanded) };
  }
}

/** Same parameters in any order → same fingerprint (Stripe compares parameters, not their encoding). */
function canonical(value: ParamValue): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(canonical);
  return Object.keys(value)
    .sort()
    .map((key) => [key, canonical(value[key] as ParamValue)]);
}

function fingerprint(method: string, path: string, params: Params, files: UploadedFile[]): string {
  const hash = createHash('sha256').update(`${method} ${path} ${JSON.stringify(canonical(params))}`);
  for (const file of files) hash.update(file.data);
  return hash.digest('hex');
}
