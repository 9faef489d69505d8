import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src-main/platform/sqlite';
import { WEBHOOK_LOG_LIMITS, WebhookLog, WEBHOOK_MIGRATIONS } from '../../src-main/webhooks/webhook-log';

const LIMITS = { deliveries: 300, appliedInbox: 200, pruneEvery: 20 };

/** What grows from outside stays bounded: the delivery log and the applied inbox keep their newest rows only. */
it('caps the delivery log and the applied inbox, and never drops a pending event', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-webhook-cap-'));
  const db = openDatabase(path.join(dir, 'webhooks.db'), WEBHOOK_MIGRATIONS);
  try {
    const log = new WebhookLog(db, LIMITS);
    const scope = { accountId: 'acct_1Cap', mode: 'test' as const };
    const total = LIMITS.deliveries + 3 * LIMITS.pruneEvery;
    const receive = (i: number) =>
      log.receive(
        {
          receivedAt: i,
          outcome: 'accepted',
          reason: null,
          eventId: `evt_${i}`,
          eventType: 'customer.updated',
          accountId: scope.accountId,
          mode: scope.mode,
        },
        { payload: '{}', scope },
      );
    receive(0); // stays pending throughout
    db.transaction(() => {
      for (let i = 1; i < total; i++) {
        receive(i);
        log.markApplied(i + 1, i);
      }
    })();
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(count('SELECT count(*) FROM deliveries')).toBeLessThanOrEqual(LIMITS.deliveries + LIMITS.pruneEvery);
    expect(count('SELECT count(*) FROM inbox WHERE applied_at IS NOT NULL')).toBeLessThanOrEqual(
      LIMITS.appliedInbox + LIMITS.pruneEvery,
    );
    expect(log.pending().map((item) => item.eventId)).toEqual(['evt_0']);
    // The newest lines are the ones kept.
    expect(log.deliveries({ limit: 1 }).rows[0]!.eventId).toBe(`evt_${total - 1}`);
    // The app's own limits are those this test scales down.
    expect(WEBHOOK_LOG_LIMITS).toEqual({ deliveries: 10_000, appliedInbox: 10_000, pruneEvery: 100 });
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
