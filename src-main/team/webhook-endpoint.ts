import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Scope } from '../../src-preload/contract';
import type { ScopedSecret } from '../platform/keychain';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { verifyDelivery } from '../webhooks/signature';
import { readBody, scopeMismatch } from '../webhooks/webhook-receiver';
import type { PgDatabase } from './pg-database';

export interface WebhookEndpointDeps {
  database: PgDatabase;
  /** Every account+mode's signing secrets; a scope listed twice (old and new secret) is a rotation under way. */
  secrets: readonly ScopedSecret[];
  clock: Clock;
  logger: Logger;
  /** Accepted deliveries are in the inbox: wake the workers. */
  onAccepted: () => void;
}

interface Pending {
  eventId: string;
  scope: Scope;
  receivedAt: number;
  payload: string;
  settle: (outcome: 'accepted' | 'duplicate' | Error) => void;
}

export interface EndpointCounts {
  accepted: number;
  duplicate: number;
  rejected: number;
  unavailable: number;
}

/**
 * The team's webhook endpoint. A delivery is verified (Stripe-Signature against the account+mode's secrets),
 * written to the inbox table and only then acknowledged; deliveries arriving together share one INSERT (one
 * commit), so acknowledging stays fast under load without ever answering 2xx before the event is durable. If
 * PostgreSQL can't take it, the answer is 503 and Stripe delivers again later.
 */
export class TeamWebhookEndpoint {
  private server: http.Server | null = null;
  private queue: Pending[] = [];
  private flushing = false;
  readonly counts: EndpointCounts = { accepted: 0, duplicate: 0, rejected: 0, unavailable: 0 };

  constructor(private readonly deps: WebhookEndpointDeps) {}

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const receivedAt = this.deps.clock.now();
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return answer(405, { error: 'POST only' });
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch {
      return answer(413, { error: 'body too large' });
    }
    const signature = req.headers['stripe-signature'];
    const verified = verifyDelivery(
      raw,
      Array.isArray(signature) ? signature[0] : signature,
      this.deps.secrets,
      receivedAt,
    );
    const refusal = verified.ok ? scopeMismatch(verified.event, verified.scope) : verified.reason;
    if (!verified.ok || refusal) {
      this.counts.rejected++;
      return answer(400, { error: refusal });
    }
    const outcome = await new Promise<'accepted' | 'duplicate' | Error>((settle) => {
      this.queue.push({
        eventId: verified.event.id,
        scope: verified.scope,
        receivedAt,
        payload: raw.toString('utf8'),
        settle,
      });
      if (!this.flushing) void this.flush();
    });
    if (outcome instanceof Error) {
      this.counts.unavailable++;
      return answer(503, { error: 'the inbox is unavailable; deliver again later' });
    }
    this.counts[outcome]++;
    answer(200, { received: true, outcome });
  }

  /** Writes every delivery waiting, in one statement, until none wait. */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          // Straight to the pool, not retried: a delivery must not hang while PostgreSQL is down.
          const { rows } = await this.deps.database.pool.query<{ event_id: string }>(
            `INSERT INTO webhook_inbox (event_id, account_id, mode, received_at, payload)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[])
             ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
            [
              batch.map((p) => p.eventId),
              batch.map((p) => p.scope.accountId),
              batch.map((p) => p.scope.mode),
              batch.map((p) => p.receivedAt),
              batch.map((p) => p.payload),
            ],
          );
          const inserted = new Set(rows.map((r) => r.event_id));
          for (const pending of batch) {
            // The same event twice in one batch: the first is the accepted one.
            pending.settle(inserted.delete(pending.eventId) ? 'accepted' : 'duplicate');
          }
          if (rows.length > 0) this.deps.onAccepted();
        } catch (err) {
          this.deps.logger.warn('webhook inbox write failed', { error: (err as { code?: string }).code ?? 'error' });
          for (const pending of batch) pending.settle(err instanceof Error ? err : new Error(String(err)));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
