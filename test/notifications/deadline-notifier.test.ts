import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DeadlineNotification, Scope } from '../../src-preload/contract';
import { crossed, DeadlineNotifier, type DueDispute } from '../../src-main/notifications/deadline-notifier';
import { NotificationStore } from '../../src-main/notifications/notification-store';

const HOUR = 3600;
const T0 = 1_800_000_000;
const shown: DeadlineNotification[] = [];

/** Two accounts, one of them with a live key: deadlines in each, none of it tied to what is on screen. */
function setup(db = new Database(':memory:'), disputes: Record<string, DueDispute[]> = {}) {
  const clock = { ms: T0 * 1000 };
  const store = new NotificationStore(db);
  const scopes: { scope: Scope; accountName: string }[] = [
    { scope: { accountId: 'acct_a', mode: 'test' }, accountName: 'Shown account' },
    { scope: { accountId: 'acct_b', mode: 'live' }, accountName: 'Other account' },
  ];
  const notifier = new DeadlineNotifier({
    scopes: () => scopes,
    dueBefore: (scope, until) => (disputes[`${scope.accountId}:${scope.mode}`] ?? []).filter((d) => d.dueBy <= until),
    store,
    sinks: [{ show: (n) => shown.push(n) }],
    now: () => clock.ms,
  });
  return { db, clock, store, notifier, at: (hoursFromT0: number) => (clock.ms = (T0 + hoursFromT0 * HOUR) * 1000) };
}

const dispute = (id: string, dueInHours: number): DueDispute => ({
  id,
  dueBy: T0 + dueInHours * HOUR,
  amount: 12_345,
  currency: 'usd',
});
const kinds = (fired: DeadlineNotification[]) =>
  fired.map((n) => `${n.disputeId}@${n.threshold.kind === 'overdue' ? 'overdue' : `${n.threshold.hours}h`}`);

describe('crossed', () => {
  it('names the tightest threshold crossed and the wider ones passed', () => {
    expect(crossed(T0 + 80 * HOUR, T0, [72, 24, 4])).toBeNull();
    expect(crossed(T0 + 70 * HOUR, T0, [4, 72, 24])).toEqual({ hit: { kind: 'lead', hours: 72 }, passed: [] });
    expect(crossed(T0 + 3 * HOUR, T0, [72, 24, 4])?.hit).toEqual({ kind: 'lead', hours: 4 });
    expect(crossed(T0 + 3 * HOUR, T0, [72, 24, 4])?.passed).toHaveLength(2);
    expect(crossed(T0, T0, [72, 24, 4])?.hit).toEqual({ kind: 'overdue' });
  });
});

describe('DeadlineNotifier', () => {
  it('notifies once per threshold as time passes, in every account and mode, overdue included', () => {
    const { notifier, at } = setup(undefined, {
      'acct_a:test': [dispute('dp_shown', 100)],
      'acct_b:live': [dispute('dp_other', 30)],
    });
    at(0);
    expect(kinds(notifier.check())).toEqual(['dp_other@72h']);
    at(10);
    expect(kinds(notifier.check())).toEqual(['dp_other@24h']);
    expect(notifier.check()).toEqual([]);
    at(26.5);
    expect(kinds(notifier.check())).toEqual(['dp_other@4h']);
    at(30);
    expect(kinds(notifier.check())).toEqual(['dp_shown@72h', 'dp_other@overdue']);
    at(200);
    expect(kinds(notifier.check())).toEqual(['dp_shown@overdue']);
    expect(notifier.check()).toEqual([]);
  });

  it('a deadline first seen late fires only its tightest threshold, and remembers across restarts', () => {
    const db = new Database(':memory:');
    const disputes = { 'acct_b:live': [dispute('dp_late', 3)] };
    const first = setup(db, disputes);
    first.at(0);
    const fired = first.notifier.check();
    expect(kinds(fired)).toEqual(['dp_late@4h']);
    expect(fired[0]).toMatchObject({ accountId: 'acct_b', mode: 'live', accountName: 'Other account' });
    expect(fired[0]!.title).toBe('Dispute due in 3 h — $123.45');
    expect(fired[0]!.body).toContain('Other account (live)');
    const again = setup(db, disputes);
    again.at(1);
    expect(again.notifier.check()).toEqual([]);
  });

  it('follows the chosen lead times, and stays quiet when turned off', () => {
    const { notifier, store, at } = setup(undefined, { 'acct_a:test': [dispute('dp_x', 40)] });
    at(0);
    store.setPrefs({ enabled: true, leadHours: [48, 12] });
    expect(store.prefs().leadHours).toEqual([48, 12]);
    expect(kinds(notifier.check())).toEqual(['dp_x@48h']);
    store.setPrefs({ enabled: false, leadHours: [48, 12] });
    at(35);
    expect(notifier.check()).toEqual([]);
  });
});
