import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleError } from '../../src-preload/contract';
import type { MutationRecord } from '../../src-main/mutations/mutation-ledger';
import { PgDatabase } from '../../src-main/team/pg-database';
import { migrate } from '../../src-main/team/pg-migrations';
import { TEAM_MIGRATIONS } from '../../src-main/team/team-schema';
import { TeamLedger } from '../../src-main/team/team-ledger';
import { createTestDatabase, pgUnavailable } from './pg-harness';

let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let db: PgDatabase;
beforeAll(async () => {
  if (pgUnavailable) return;
  testDb = await createTestDatabase('sc_claims');
  db = new PgDatabase({ connectionString: testDb.url, max: 2 });
  await migrate(db, TEAM_MIGRATIONS);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

const HOUR = 3_600_000;

/** Bob's refund of a charge, confirmed `ago` ms before his console claims it, by a desktop clock `skew` ms off. */
function bobsClaim(chargeId: string, skew: number, ago: number) {
  const now = () => Date.now() + skew;
  const intent: MutationRecord = {
    intentId: `bob-${chargeId}`,
    idempotencyKey: `key-${chargeId}`,
    accountId: 'acct_claims',
    mode: 'test',
    kind: 'refund.create',
    targetId: chargeId,
    params: {},
    amount: 100,
    currency: 'usd',
    state: 'prepared',
    resultId: null,
    error: null,
    attempts: 0,
    createdAt: Math.floor((now() - ago) / 1000),
  };
  return new TeamLedger(
    db,
    () => intent,
    () => 'Bob',
    now,
  ).claim(intent.intentId);
}

/** Alice's refund of the charge went ahead `ago` seconds ago, by the team database's clock. */
const alicesRefund = (chargeId: string, ago: number) =>
  db.query(
    `INSERT INTO team_mutations (intent_id, account_id, mode, kind, target_id, agent, state, created_at)
     VALUES ($1, 'acct_claims', 'test', 'refund.create', $2, 'Alice', 'succeeded', now() - make_interval(secs => $3))`,
    [`alice-${chargeId}`, chargeId, ago],
  );

describe.skipIf(pgUnavailable)('a claim’s “went ahead after you confirmed” (TeamLedger, real PostgreSQL)', () => {
  it('holds whatever the desktop’s clock says: an hour ahead or behind, Alice’s refund since Bob confirmed stops his', async () => {
    for (const [chargeId, skew] of [
      ['ch_ahead', HOUR],
      ['ch_behind', -HOUR],
      ['ch_right', 0],
    ] as const) {
      await alicesRefund(chargeId, 3);
      const refused = await bobsClaim(chargeId, skew, 10_000).catch((err: unknown) => err);
      expect(refused, chargeId).toBeInstanceOf(ConsoleError);
      expect((refused as ConsoleError).message).toMatch(/Alice just did this on .* after you confirmed/);
    }
  });

  it('lets a decision made after the other write went ahead through, whatever the desktop’s clock says', async () => {
    for (const [chargeId, skew] of [
      ['ch_later_ahead', HOUR],
      ['ch_later_behind', -HOUR],
    ] as const) {
      await alicesRefund(chargeId, 60);
      await bobsClaim(chargeId, skew, 5_000);
      const { rows } = await db.query('SELECT state FROM team_mutations WHERE intent_id = $1', [`bob-${chargeId}`]);
      expect(rows).toEqual([{ state: 'sending' }]);
    }
  });
});
