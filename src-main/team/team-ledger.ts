import { randomUUID } from 'node:crypto';
import { ConsoleError } from '../../src-preload/contract';
import type { Mode } from '../../src-preload/contract';
import type { LedgerStep, MutationRecord } from '../mutations/mutation-ledger';
import type { PgDatabase } from './pg-database';

/** Another agent's write on a target is in their way for as long as Stripe keeps its idempotency key. */
const OPEN_FOR = '24 hours';
/** "After you confirmed" reaches this much further back: the intent's time is whole seconds, and the claim travels. */
const CONFIRM_MARGIN_SECONDS = 2;

/** An Activity entry as the console's log records it (ActivityLog.onRecord hands these over). */
export interface TeamActivityEntry {
  agent: string;
  accountId: string;
  mode: Mode;
  action: string;
  objectId: string;
  amount?: number | null;
  currency?: string | null;
  outcome: string;
  detail?: string | null;
  requestId?: string | null;
  resultId?: string | null;
  intentId?: string | null;
}

const TERMINAL: Record<string, string> = {
  succeeded: 'succeeded',
  failed: 'refused',
  unknown: 'unknown',
};

/**
 * The team's shared ledger. Each console keeps its own exactly-once state machine (MutationLedger: intent and
 * idempotency key persisted before sending, its own agent's key); before an intent leaves, it is claimed here,
 * under a lock on its target, and refused when another agent's write on the same object is still open or went
 * ahead after this one was confirmed — so two agents refunding one charge make one refund, and the second is told who. Outcomes and every
 * Activity entry are appended to PostgreSQL (team_activity refuses UPDATE and DELETE), naming the agent.
 */
export class TeamLedger {
  constructor(
    private readonly database: PgDatabase,
    /** The console's own ledger's record of an intent. */
    private readonly find: (intentId: string) => MutationRecord | null,
    private readonly agent: () => string,
    /** This desktop's clock: only the time since the agent confirmed is taken from it, never a moment. */
    private readonly now: () => number = Date.now,
  ) {}

  /** The ledger's hook between its steps (LedgerOptions.checkpoint): claims the target before the first send. */
  readonly checkpoint = async (step: LedgerStep, intentId: string): Promise<void> => {
    if (step === 'prepared') await this.claim(intentId);
  };

  async claim(intentId: string): Promise<void> {
    const intent = this.find(intentId);
    if (!intent) return;
    await this.database.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `${intent.accountId}:${intent.mode}:${intent.targetId}`,
      ]);
      const mine = await client.query('SELECT 1 FROM team_mutations WHERE intent_id = $1', [intentId]);
      if (mine.rowCount) return;
      // In the way: a write still open, or one that went ahead after this agent confirmed (they decided without it).
      // When that was is placed on the server's clock by how long ago it was on this desktop's: a desktop whose clock
      // is off by minutes still sees a write that went ahead since.
      const confirmedAgo = Math.max(0, this.now() / 1000 - intent.createdAt) + CONFIRM_MARGIN_SECONDS;
      const { rows } = await client.query<{ agent: string; kind: string; state: string }>(
        `SELECT agent, kind, state FROM team_mutations
         WHERE account_id = $1 AND mode = $2 AND target_id = $3 AND created_at > now() - interval '${OPEN_FOR}'
           AND (state IN ('sending', 'unknown') OR (state = 'succeeded' AND agent <> $5 AND created_at >= now() - make_interval(secs => $4::float8)))
         ORDER BY created_at LIMIT 1`,
        [intent.accountId, intent.mode, intent.targetId, confirmedAgo, this.agent()],
      );
      const other = rows[0];
      if (other)
        throw new ConsoleError(
          'conflict',
          other.state === 'succeeded'
            ? `${other.agent} just did this on ${intent.targetId} (${other.kind}) after you confirmed. Nothing was sent: look at it again, then decide.`
            : `${other.agent} is already acting on ${intent.targetId} (${other.kind}). Nothing was sent: wait for their result in Activity, then decide.`,
          { details: { agent: other.agent, kind: other.kind } },
        );
      await client.query(
        `INSERT INTO team_mutations (intent_id, account_id, mode, kind, target_id, agent, amount, currency, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'sending')`,
        [
          intentId,
          intent.accountId,
          intent.mode,
          intent.kind,
          intent.targetId,
          this.agent(),
          intent.amount,
          intent.currency,
        ],
      );
    });
  }

  /**
   * An Activity entry the console recorded (pushed from its outbox, `sourceKey` naming it): appended to the team's,
   * with its outcome, once — an entry pushed again (its commit's answer was lost) is refused by the unique key and
   * changes nothing. Without a key (the bench's direct appends) the entry is its own.
   */
  async recorded(entry: TeamActivityEntry & { at: number }, sourceKey: string = randomUUID()): Promise<void> {
    const state = entry.intentId ? TERMINAL[entry.outcome] : undefined;
    await this.database.transaction(async (client) => {
      const { rowCount } = await client.query(
        `INSERT INTO team_activity (agent, account_id, mode, action, object_id, amount, currency, outcome, detail,
           request_id, result_id, intent_id, source_key, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (source_key) DO NOTHING`,
        [
          entry.agent,
          entry.accountId,
          entry.mode,
          entry.action,
          entry.objectId,
          entry.amount ?? null,
          entry.currency ?? null,
          entry.outcome,
          entry.detail ?? null,
          entry.requestId ?? null,
          entry.resultId ?? null,
          entry.intentId ?? null,
          sourceKey,
          entry.at,
        ],
      );
      if (state && rowCount)
        await client.query(
          `UPDATE team_mutations SET state = $2, result_id = $3, detail = $4, updated_at = now() WHERE intent_id = $1`,
          [entry.intentId, state, entry.resultId ?? null, entry.detail ?? null],
        );
    });
  }
}
