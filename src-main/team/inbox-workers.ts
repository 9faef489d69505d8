import type { Scope } from '../../src-preload/contract';
import { Aborted, sleep, type Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { StaleObject } from '../sync/event-applier';
import { applyDeliveries } from './inbox-batch';
import type { PgDatabase, Queryable } from './pg-database';
import { isTransient } from './pg-database';
import type { PgSyncStore } from './pg-sync-store';

export interface InboxWorkersDeps {
  database: PgDatabase;
  /** The store of a configured account+mode, or null (then its deliveries are set aside). */
  storeFor: (scope: Scope) => PgSyncStore | null;
  /** Snapshots whose order could not be decided: refetched from Stripe by that scope's sync. */
  refetch: (scope: Scope, objects: StaleObject[]) => void;
  clock: Clock;
  logger: Logger;
  workers: number;
  /** Events claimed and committed together (500 by default: one transaction, a few statements, per batch). */
  batchSize?: number;
  /** How often an idle worker looks for deliveries another instance of the service accepted. */
  idlePollMs?: number;
}

interface InboxRow {
  seq: string;
  account_id: string;
  mode: 'test' | 'live';
  received_at: string;
  payload: string;
}

/** A delivery that failed this often (not for a lost connection) is set aside with its error, for an operator. */
const MAX_ATTEMPTS = 5;

/**
 * Workers that apply the webhook inbox. Each claims a batch of unapplied rows with FOR UPDATE SKIP LOCKED (so
 * workers, in this process or another, never take the same row), applies the batch set-wise (inbox-batch.ts: one INSERT of
 * its events, one locked read and one upsert of the objects they touch, each object's events folded in delivery
 * order) — once per event id, shared with the poller; an older snapshot never replaces a newer one — and deletes the
 * batch from the inbox in the same transaction.
 */
export class InboxWorkers {
  private controller = new AbortController();
  private running: Promise<void>[] = [];
  private wakers: (() => void)[] = [];
  /** A wake no worker was waiting for: the next worker to look for work finds it at once. */
  private wakePending = false;
  private applied = 0;
  private appliedAt: number | null = null;

  constructor(private readonly deps: InboxWorkersDeps) {}

  get appliedCount(): number {
    return this.applied;
  }

  /** When (clock ms) the last batch committed, or null before any. */
  get lastAppliedAt(): number | null {
    return this.appliedAt;
  }

  start(): void {
    if (this.running.length > 0) return;
    this.controller = new AbortController();
    this.running = Array.from({ length: this.deps.workers }, () => this.loop());
  }

  /**
   * New deliveries are in the inbox: one idle worker goes to claim them (waking them all would make the rest run
   * empty transactions); a busy worker keeps claiming until the inbox is empty.
   */
  wake(): void {
    const wake = this.wakers.shift();
    if (wake) wake();
    else this.wakePending = true;
  }

  async stop(): Promise<void> {
    this.controller.abort();
    for (const wake of this.wakers.splice(0)) wake();
    await Promise.all(this.running);
    this.running = [];
  }

  /** Applies what the inbox holds now, until it is empty (tests and benches call this directly). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.applyBatch(); n > 0; n = await this.applyBatch()) total += n;
    return total;
  }

  private async loop(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      let count = 0;
      try {
        count = await this.applyBatch();
      } catch (err) {
        this.deps.logger.error('webhook batch failed', { error: String((err as Error).message ?? err) });
      }
      if (count > 0) continue;
      try {
        await sleep(this.deps.clock, this.deps.idlePollMs ?? 1000, signal, () => this.nextWake());
      } catch (err) {
        if (!(err instanceof Aborted)) throw err;
      }
    }
  }

  private nextWake(): Promise<void> {
    if (this.wakePending) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  /** Claims and applies one batch; returns how many deliveries it settled. */
  private async applyBatch(): Promise<number> {
    const limit = this.deps.batchSize ?? 500;
    let claimed: string[] = [];
    try {
      const { settled, refetches } = await this.deps.database.transaction(async (client) => {
        const rows = await this.claim(client, limit);
        claimed = rows.map((r) => r.seq);
        return this.apply(client, rows);
      });
      for (const { scope, objects } of refetches) this.deps.refetch(scope, objects);
      this.settled(settled);
      return settled;
    } catch (err) {
      if (isTransient(err) || claimed.length === 0) throw err;
      // One bad delivery must not hold back the others: apply them one by one, setting aside what fails.
      let settled = 0;
      for (const seq of claimed) settled += await this.applyOne(seq);
      return settled;
    }
  }

  private settled(count: number): void {
    if (count === 0) return;
    this.applied += count;
    this.appliedAt = this.deps.clock.now();
  }

  private async applyOne(seq: string): Promise<number> {
    try {
      const { settled, refetches } = await this.deps.database.transaction(async (client) => {
        const { rows } = await client.query<InboxRow>(
          `SELECT seq, account_id, mode, received_at, payload FROM webhook_inbox
           WHERE seq = $1 AND applied_at IS NULL FOR UPDATE SKIP LOCKED`,
          [seq],
        );
        return this.apply(client, rows);
      });
      for (const { scope, objects } of refetches) this.deps.refetch(scope, objects);
      this.settled(settled);
      return settled;
    } catch (err) {
      if (isTransient(err)) throw err;
      this.deps.logger.error('webhook event could not be applied', { seq, error: String((err as Error).message) });
      await this.deps.database.query(
        'UPDATE webhook_inbox SET attempts = attempts + 1, last_error = $2 WHERE seq = $1',
        [seq, String((err as Error).message ?? err).slice(0, 500)],
      );
      return 1;
    }
  }

  private async claim(client: Queryable, limit: number): Promise<InboxRow[]> {
    const { rows } = await client.query<InboxRow>({
      name: 'team_inbox_claim',
      text: `SELECT seq, account_id, mode, received_at, payload FROM webhook_inbox
             WHERE applied_at IS NULL AND attempts < $2 ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
      values: [limit, MAX_ATTEMPTS],
    });
    return rows;
  }

  private async apply(
    client: Queryable,
    rows: InboxRow[],
  ): Promise<{ settled: number; refetches: { scope: Scope; objects: StaleObject[] }[] }> {
    const known: InboxRow[] = [];
    const unknown: string[] = [];
    for (const row of rows) {
      if (this.deps.storeFor({ accountId: row.account_id, mode: row.mode })) known.push(row);
      else unknown.push(row.seq);
    }
    const refetches = await applyDeliveries(
      client,
      known.map((row) => ({
        scope: { accountId: row.account_id, mode: row.mode },
        receivedAt: Number(row.received_at),
        payload: row.payload,
      })),
    );
    // Applied deliveries leave the inbox in the same transaction: a DELETE only marks each row (no new row
    // version with its payload, no index entries as an UPDATE writes), and the inbox stays as small as the backlog.
    // stripe_events, written above, remembers the event for redeliveries.
    if (known.length > 0)
      await client.query({
        name: 'team_inbox_applied',
        text: 'DELETE FROM webhook_inbox WHERE seq = ANY($1::bigint[])',
        values: [known.map((r) => r.seq)],
      });
    if (unknown.length > 0)
      await client.query(`UPDATE webhook_inbox SET attempts = $3, last_error = $2 WHERE seq = ANY($1::bigint[])`, [
        unknown,
        'account and mode not configured in this service',
        MAX_ATTEMPTS,
      ]);
    return { settled: rows.length, refetches };
  }
}
