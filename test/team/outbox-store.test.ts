import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStores, openAppDatabase } from '../../src-main/app/app-db';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** app.db's stores on a fresh file, as the app opens it (migrations included). */
function stores() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-outbox-'));
  dirs.push(dir);
  const db = openAppDatabase(dir);
  const pending = () => db.prepare('SELECT count(*) FROM team_outbox').pluck().get();
  return { db, pending, ...createAppStores(db, { now: () => 1_700_000_000_000 }) };
}

const live = { accountId: 'acct_1', mode: 'live' as const };
const test = { accountId: 'acct_1', mode: 'test' as const };
const entry = (objectId: string, scope = live) => ({
  agent: 'Alice',
  ...scope,
  action: 'customer.note',
  objectId,
  outcome: 'recorded' as const,
});

describe('the team outbox in app.db (TeamOutbox)', () => {
  it('hands entries out oldest first; a failed push stays first with its error; a shared one leaves', () => {
    const { activity, teamOutbox, pending } = stores();
    activity.onRecord((e) => teamOutbox.addActivity(e));
    const [a, b] = [activity.record(entry('cus_a')), activity.record(entry('cus_b'))];
    teamOutbox.addReview(live, 'dp_1', { state: 'flagged', note: 'x', agent: 'Alice' });
    const first = teamOutbox.next()!;
    expect(first).toMatchObject({ kind: 'activity', scope: live, attempts: 0, activity: { id: a, objectId: 'cus_a' } });
    teamOutbox.failed(first.seq, 'ECONNREFUSED');
    expect(teamOutbox.next()).toMatchObject({ seq: first.seq, sourceKey: first.sourceKey, attempts: 1 });
    expect(teamOutbox.unsharedActivity([a, b, 999])).toEqual(new Set([a, b]));
    teamOutbox.shared(first.seq);
    expect(teamOutbox.unsharedActivity([a, b])).toEqual(new Set([b]));
    expect(pending()).toBe(2);
  });

  it('keeps an Activity entry and its outbox row together: a recording that fails keeps neither', () => {
    const { db, activity, teamOutbox, pending } = stores();
    activity.onRecord((e) => teamOutbox.addActivity(e));
    activity.onRecord(() => {
      throw new Error('disk full');
    });
    expect(() => activity.record(entry('cus_a'))).toThrow(/disk full/);
    expect(db.prepare('SELECT count(*) FROM activity').pluck().get()).toBe(0);
    expect(pending()).toBe(0);
  });

  it('drops one dispute’s pending markers at once, tracks the team’s versions, and forgets a removed scope', () => {
    const { teamOutbox } = stores();
    teamOutbox.addReview(live, 'dp_1', { state: 'flagged', note: '', agent: 'Alice' });
    teamOutbox.addReview(live, 'dp_2', { state: 'reviewed', note: '', agent: 'Alice' });
    teamOutbox.addReview(live, 'dp_1', { state: 'needs_info', note: 'receipts', agent: 'Alice' });
    teamOutbox.addReview(test, 'dp_1', { state: 'reviewed', note: '', agent: 'Alice' });
    const dropped = teamOutbox.dropReviews(live, 'dp_1');
    expect(dropped.map((d) => (d.kind === 'review' ? d.review.state : null))).toEqual(['flagged', 'needs_info']);
    expect(teamOutbox.hasPendingReview(live, 'dp_1')).toBe(false);
    expect(teamOutbox.hasPendingReview(test, 'dp_1')).toBe(true);

    expect(teamOutbox.reviewVersion(live, 'dp_1')).toBe(0);
    teamOutbox.setReviewVersion(live, 'dp_1', 3);
    teamOutbox.setReviewVersion(live, 'dp_1', 4);
    teamOutbox.setReviewVersion(test, 'dp_1', 1);
    expect(teamOutbox.reviewVersion(live, 'dp_1')).toBe(4);

    teamOutbox.forget(live);
    expect(teamOutbox.reviewVersion(live, 'dp_1')).toBe(0);
    expect(teamOutbox.hasPendingReview(live, 'dp_2')).toBe(false);
    expect(teamOutbox.reviewVersion(test, 'dp_1')).toBe(1);
    expect(teamOutbox.hasPendingReview(test, 'dp_1')).toBe(true);
  });
});
