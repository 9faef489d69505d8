import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ScopedSecret } from '../platform/keychain';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { verifyDelivery } from '../webhooks/signature';
import { readBody, scopeMismatch } from '../webhooks/webhook-receiver';
import { InboxGroupCommit, type GroupCommitOptions, type InboxOutcome } from './inbox-group-commit';
import type { PgDatabase } from './pg-database';

export interface WebhookEndpointDeps {
  database: PgDatabase;
  /** Every account+mode's signing secrets; a scope listed twice (old and new secret) is a rotation under way. */
  secrets: readonly ScopedSecret[];
  clock: Clock;
  logger: Logger;
  /** Accepted deliveries are in the inbox: wake the workers. */
  onAccepted: () => void;
  /** How deliveries are grouped into one INSERT and commit. */
  groupCommit?: GroupCommitOptions;
}

export interface EndpointCounts {
  accepted: number;
  duplicate: number;
  rejected: number;
  unavailable: number;
}

/** The few answers there are, serialised once (an answer per delivery is the hot path). */
const answers = {
  accepted: answer(200, { received: true, outcome: 'accepted' }),
  duplicate: answer(200, { received: true, outcome: 'duplicate' }),
  unavailable: answer(503, { error: 'the inbox is unavailable; deliver again later' }),
  postOnly: answer(405, { error: 'POST only' }),
  tooLarge: answer(413, { error: 'body too large' }),
};

function answer(status: number, body: object): { status: number; headers: Record<string, string>; body: Buffer } {
  const bytes = Buffer.from(JSON.stringify(body));
  return {
    status,
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
    body: bytes,
  };
}

function send(res: http.ServerResponse, { status, headers, body }: ReturnType<typeof answer>): void {
  res.writeHead(status, headers);
  res.end(body);
}

/**
 * The team's webhook endpoint. A delivery is verified (Stripe-Signature against the account+mode's secrets),
 * written to the inbox table and only then acknowledged: concurrent deliveries share one INSERT and one commit
 * (InboxGroupCommit), so acknowledging stays fast under load without ever answering 2xx before the event is
 * durable. If PostgreSQL can't take a batch, every delivery in it is answered 503 and Stripe delivers it again.
 */
export class TeamWebhookEndpoint {
  private server: http.Server | null = null;
  private readonly inbox: InboxGroupCommit;
  private lastFailure: unknown = null;
  readonly counts: EndpointCounts = { accepted: 0, duplicate: 0, rejected: 0, unavailable: 0 };

  constructor(private readonly deps: WebhookEndpointDeps) {
    // Straight to the pool, not retried: a delivery must not hang while PostgreSQL is down.
    this.inbox = new InboxGroupCommit(deps.database.pool, deps.clock, deps.groupCommit);
  }

  /** INSERTs committed, the deliveries they wrote, and the most one wrote. */
  get inboxStats(): Readonly<InboxGroupCommit['stats']> {
    return this.inbox.stats;
  }

  /** Verified deliveries waiting for their batch's INSERT to start. */
  get waiting(): number {
    return this.inbox.waiting;
  }

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
    if (req.method !== 'POST') return send(res, answers.postOnly);
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch {
      return send(res, answers.tooLarge);
    }
    const signature = req.headers['stripe-signature'];
    const payload = raw.toString('utf8');
    const verified = verifyDelivery(
      payload,
      Array.isArray(signature) ? signature[0] : signature,
      this.deps.secrets,
      receivedAt,
    );
    const refusal = verified.ok ? scopeMismatch(verified.event, verified.scope) : verified.reason;
    if (!verified.ok || refusal) {
      this.counts.rejected++;
      return send(res, answer(400, { error: refusal }));
    }
    let outcome: InboxOutcome;
    try {
      outcome = await this.inbox.write({
        eventId: verified.event.id,
        scope: verified.scope,
        receivedAt,
        payload,
      });
    } catch (err) {
      this.counts.unavailable++;
      // Every delivery of a failed batch shares its error: logged once.
      if (err !== this.lastFailure)
        this.deps.logger.warn('webhook inbox write failed', { error: (err as { code?: string }).code ?? 'error' });
      this.lastFailure = err;
      return send(res, answers.unavailable);
    }
    this.counts[outcome]++;
    if (outcome === 'accepted') this.deps.onAccepted();
    send(res, answers[outcome]);
  }
}
