import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Scope, WebhookDelivery } from '../../src-preload/contract';
import type { WebhookSecretStore } from '../platform/keychain';
import type { EventRecord } from '../cache';
import type { Logger } from '../platform/logger';
import { loopbackRefusal } from '../platform/loopback-guard';
import { verifyDelivery } from './signature';
import type { WebhookLog } from './webhook-log';

/** Where accepted events go: the sync engine, which applies each event id once (shared with the poller). */
export interface WebhookSink {
  ingest(scope: Scope, event: EventRecord, receivedAt: number): Promise<{ status: 'applied' | 'duplicate' }>;
  /** Already applied (e.g. by the poller)? */
  known(scope: Scope, eventId: string): boolean;
}

export interface WebhookReceiverDeps {
  log: WebhookLog;
  secrets: WebhookSecretStore;
  sink: WebhookSink;
  /** The connected accounts' modes: each may have its own signing secret, and only they receive events. */
  scopes: () => Scope[];
  now: () => number;
  logger: Logger;
  onDelivery?: (delivery: WebhookDelivery) => void;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Receives events forwarded by `stripe listen` (or the demo account) on 127.0.0.1. A delivery is verified,
 * written to the durable inbox and acknowledged at once; a worker then applies the inbox in order. If the app
 * dies between the two, the inbox still holds the event and the next start applies it.
 */
export class WebhookReceiver {
  private server: http.Server | null = null;
  /** Requests refused before any signature verified: counted, never stored (any web page can send them). */
  private refusals = { count: 0, lastReason: null as string | null };
  private draining: Promise<void> | null = null;
  private drainAgain = false;

  constructor(private readonly deps: WebhookReceiverDeps) {}

  get port(): number | null {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? address.port : null;
  }

  /** Starts listening (0 = any free port) and applies whatever a previous run left in the inbox. */
  async listen(port: number): Promise<number> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    void this.drain();
    return this.port!;
  }

  /** Unauthenticated requests refused since start, and why the last one was. */
  refused(): { count: number; lastReason: string | null } {
    return { ...this.refusals };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await this.draining;
  }

  /** Applies pending inbox events in arrival order; safe to call any time (runs one drain at a time). */
  drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.drainAgain = false;
        await this.applyPending();
      } while (this.drainAgain);
    })().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async applyPending(): Promise<void> {
    for (;;) {
      const items = this.deps.log.pending();
      if (items.length === 0) return;
      const connected = new Set(this.deps.scopes().map(scopeKey));
      for (const item of items) {
        if (!connected.has(scopeKey(item.scope))) {
          // Its account was removed (or lost that mode) after the event arrived: nowhere to apply it.
          this.deps.log.discard(item.seq);
          continue;
        }
        try {
          await this.deps.sink.ingest(item.scope, JSON.parse(item.payload) as EventRecord, item.receivedAt);
          this.deps.log.markApplied(item.seq, this.deps.now());
        } catch (err) {
          // Left in the inbox: the next drain (or the next start) tries again.
          this.deps.logger.error('webhook apply failed', { eventId: item.eventId, error: String(err) });
          return;
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const receivedAt = this.deps.now();
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const refuse = (status: number, reason: string) => {
      this.refusals = { count: this.refusals.count + 1, lastReason: reason };
      answer(status, { error: reason });
    };
    const guard = loopbackRefusal(req.headers, this.port ?? 0);
    if (guard) return refuse(403, guard);
    if (req.method !== 'POST') return refuse(405, 'POST only');
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch {
      return refuse(413, 'body too large');
    }
    const secrets = await this.deps.secrets.all(this.deps.scopes()).catch(() => []);
    const verified = verifyDelivery(raw, header(req, 'stripe-signature'), secrets, receivedAt);
    if (!verified.ok) return refuse(400, verified.reason);
    const { event, scope } = verified;
    const fields = {
      receivedAt,
      eventId: event.id,
      eventType: event.type,
      accountId: scope.accountId,
      mode: scope.mode,
    };
    const mismatch = scopeMismatch(event, scope);
    if (mismatch) {
      // Signed with this account's secret, so worth showing — but never applied anywhere.
      this.record({ ...fields, outcome: 'rejected', reason: mismatch }, null);
      return answer(400, { error: mismatch });
    }
    const known = this.deps.sink.known(scope, event.id);
    const delivery = this.record(
      {
        ...fields,
        outcome: known ? 'duplicate' : 'accepted',
        reason: known ? 'already applied from the event poller' : null,
      },
      known ? null : { payload: raw.toString('utf8'), scope },
    );
    answer(200, { received: true, outcome: delivery.outcome });
    if (delivery.outcome === 'accepted') void this.drain();
  }

  private record(
    delivery: Omit<WebhookDelivery, 'id'>,
    inbox: { payload: string; scope: Scope } | null,
  ): WebhookDelivery {
    const recorded = this.deps.log.receive(delivery, inbox);
    this.deps.onDelivery?.(recorded);
    return recorded;
  }
}

const scopeKey = (scope: Scope) => `${scope.accountId}:${scope.mode}`;

/** An event names its account (Connect) and mode; both must be those of the secret that signed it. */
export function scopeMismatch(event: EventRecord, scope: Scope): string | null {
  if (event.livemode !== (scope.mode === 'live'))
    return `signed with ${scope.accountId}’s ${scope.mode} secret but livemode is ${String(event.livemode)}`;
  if (event.account !== undefined && event.account !== null && event.account !== scope.accountId)
    return `signed with ${scope.accountId}’s secret but names another account`;
  return null;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
