import type pg from 'pg';
import type { Scope } from '../../src-preload/contract';
import type { Clock } from '../platform/clock';

/** A verified delivery on its way into `webhook_inbox`. */
export interface InboxEntry {
  eventId: string;
  scope: Scope;
  receivedAt: number;
  /** The raw body as Stripe signed it. */
  payload: string;
}

/**
 * 'duplicate': the event is waiting in the inbox or came twice in the batch. A redelivery of an event already
 * applied (its inbox row deleted) is 'accepted' and stored again; the worker drops it at stripe_events, where each
 * event id is applied once whatever the inbox holds.
 */
export type InboxOutcome = 'accepted' | 'duplicate';

export interface GroupCommitOptions {
  /** Deliveries one INSERT writes at most (default 256). */
  maxBatch?: number;
  /**
   * How long (clock ms) the first delivery of a batch waits for others to join it. 0 (the default): a batch is what
   * arrived in the same turn of the event loop, plus whatever arrived while earlier commits were in flight.
   */
  maxWaitMs?: number;
  /** INSERTs in flight at once, each on its own connection (default 1: the next batch gathers while one commits). */
  maxInFlight?: number;
}

interface Waiting {
  entry: InboxEntry;
  settle: (outcome: InboxOutcome | Error) => void;
}

const COLUMNS = 5;

/**
 * Group commit for the webhook inbox: concurrent deliveries share ONE multi-row `INSERT … ON CONFLICT DO NOTHING`
 * (one statement, its own commit), and each is settled only once that commit is back — so a delivery is never
 * acknowledged before it is durable. A failed INSERT fails every delivery in it (the endpoint answers 5xx and Stripe
 * delivers again); none is half-stored. Payloads travel as plain parameters (no array literal to escape) through a
 * named statement per batch size, prepared once per connection.
 */
export class InboxGroupCommit {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private due = false;
  private cancelWait: (() => void) | null = null;
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private readonly maxInFlight: number;
  /** INSERTs committed, deliveries they wrote, and the most one wrote: for the bench and the tests. */
  readonly stats = { batches: 0, deliveries: 0, largest: 0 };

  constructor(
    private readonly pool: Pick<pg.Pool, 'query'>,
    private readonly clock: Clock,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = Math.max(1, options.maxBatch ?? 256);
    this.maxWaitMs = Math.max(0, options.maxWaitMs ?? 0);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 1);
  }

  /** Deliveries waiting for their batch's INSERT to start. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves once the delivery is committed to the inbox (or was there already); rejects if its batch failed. */
  write(entry: InboxEntry): Promise<InboxOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, settle: (o) => (o instanceof Error ? reject(o) : resolve(o)) });
      if (this.queue.length >= this.maxBatch) this.due = true;
      else if (!this.due && !this.cancelWait) this.cancelWait = this.startWait();
      this.pump();
    });
  }

  private startWait(): () => void {
    const fire = () => {
      this.cancelWait = null;
      this.due = true;
      this.pump();
    };
    if (this.maxWaitMs > 0) return this.clock.setTimer(fire, this.maxWaitMs);
    const tick = setImmediate(fire);
    return () => clearImmediate(tick);
  }

  private pump(): void {
    if (!this.due) return;
    this.cancelWait?.();
    this.cancelWait = null;
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      void this.commit(this.queue.splice(0, this.maxBatch));
    }
    // What is left waits for a commit to come back; it is then due at once (it has waited that long already).
    if (this.queue.length === 0) this.due = false;
  }

  private async commit(batch: Waiting[]): Promise<void> {
    this.inFlight++;
    try {
      const { rows } = await this.pool.query<{ event_id: string }>({
        ...insertStatement(batch.length),
        values: parameters(batch),
      });
      this.stats.batches++;
      this.stats.deliveries += batch.length;
      this.stats.largest = Math.max(this.stats.largest, batch.length);
      const inserted = new Set(rows.map((r) => r.event_id));
      // The same event twice in one batch: the first is the accepted one.
      for (const w of batch) w.settle(inserted.delete(w.entry.eventId) ? 'accepted' : 'duplicate');
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      for (const w of batch) w.settle(error);
    } finally {
      this.inFlight--;
      if (this.queue.length > 0) this.due = true;
      this.pump();
    }
  }
}

function parameters(batch: Waiting[]): unknown[] {
  const values = new Array<unknown>(batch.length * COLUMNS);
  let i = 0;
  for (const { entry } of batch) {
    values[i++] = entry.eventId;
    values[i++] = entry.scope.accountId;
    values[i++] = entry.scope.mode;
    values[i++] = entry.receivedAt;
    values[i++] = entry.payload;
  }
  return values;
}

const statements = new Map<number, { name: string; text: string }>();

/** `INSERT … VALUES ($1…$5), ($6…$10), …` for `rows` rows, named so each connection parses and plans it once. */
function insertStatement(rows: number): { name: string; text: string } {
  let statement = statements.get(rows);
  if (!statement) {
    const tuples = Array.from({ length: rows }, (_, r) => {
      const p = r * COLUMNS;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::bigint, $${p + 5})`;
    });
    // No probe of stripe_events here: as an anti-join in a cached generic plan it can scan the whole event log per
    // batch. A redelivery of an applied event is stored again and dropped by the worker at stripe_events.
    statement = {
      name: `team_inbox_insert_${rows}`,
      text: `INSERT INTO webhook_inbox (event_id, account_id, mode, received_at, payload) VALUES ${tuples.join(', ')}
             ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
    };
    statements.set(rows, statement);
  }
  return statement;
}
