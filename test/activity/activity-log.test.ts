import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEntry, CallName, EventName, Scope } from '../../src-preload/contract';
import type { ActivityLog, ActivityEntryInput } from '../../src-main/activity/activity-log';
import { ActivityCsv } from '../../src-main/activity/activity-csv';
import { decimalAmount } from '../../src-preload/contract/money';
import { createConsoleApp, type ConsoleApp } from '../../src-main/app/composition';
import { systemClock } from '../../src-main/platform/clock';
import type { EventBus } from '../../src-main/platform/event-bus';
import type { CallRouter } from '../../src-main/ipc/router';
import { memoryKeychain } from '../support/keychain';

const scope: Scope = { accountId: 'acct_1Activity', mode: 'test' };

let dir: string;
let app: ConsoleApp;
let db: Database.Database;
let clock: number;
let log: ActivityLog;
let events: EventBus;
let router: CallRouter;

/** The app as it builds itself, with no Stripe behind it: the log is written directly, read through the router. */
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-activity-'));
  clock = Date.UTC(2026, 10, 1, 12, 0, 0);
  app = createConsoleApp({
    dataDir: dir,
    keychain: memoryKeychain(),
    demo: false,
    agentName: 'Test Agent',
    clock: { now: () => clock, setTimer: systemClock.setTimer },
    sync: { autoStart: false },
  });
  await app.start();
  ({ router, events } = app);
  log = app.core.activity;
  db = app.services.appDb;
});

afterEach(async () => {
  await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function entry(overrides: Partial<ActivityEntryInput> = {}): ActivityEntryInput {
  return {
    agent: 'Ada',
    accountId: scope.accountId,
    mode: scope.mode,
    action: 'refund.create',
    objectId: 'ch_1',
    amount: 1999,
    currency: 'usd',
    outcome: 'succeeded',
    requestId: 'req_1',
    resultId: 're_1',
    ...overrides,
  };
}

/** Records an entry at a given minute past the base time. */
function recordAt(minute: number, overrides: Partial<ActivityEntryInput> = {}): number {
  clock = Date.UTC(2026, 10, 1, 12, minute, 0);
  return log.record(entry(overrides));
}

async function call<T>(name: CallName, input: unknown): Promise<T> {
  const result = await router.dispatch(name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('Activity log', () => {
  it('is append-only: the table refuses UPDATE and DELETE', () => {
    const id = recordAt(0);
    expect(() => db.prepare(`UPDATE activity SET outcome = 'failed' WHERE id = ?`).run(id)).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM activity WHERE id = ?`).run(id)).toThrow(/append-only/);
    expect(db.prepare('SELECT outcome FROM activity WHERE id = ?').pluck().get(id)).toBe('succeeded');
  });

  it('lists one account+mode newest first, keyset-paginated, with the total', async () => {
    for (let minute = 0; minute < 5; minute++) recordAt(minute, { objectId: `ch_${minute}` });
    recordAt(6, { mode: 'live' });
    recordAt(7, { accountId: 'acct_1Other' });

    const first = await call<{ items: ActivityEntry[]; nextCursor: string | null; total: number }>('activity.list', {
      scope,
      limit: 2,
    });
    expect(first.total).toBe(5);
    expect(first.items.map((e) => e.objectId)).toEqual(['ch_4', 'ch_3']);
    const second = await call<{ items: ActivityEntry[]; nextCursor: string | null }>('activity.list', {
      scope,
      limit: 2,
      cursor: first.nextCursor,
    });
    const third = await call<{ items: ActivityEntry[]; nextCursor: string | null }>('activity.list', {
      scope,
      limit: 2,
      cursor: second.nextCursor,
    });
    expect([...second.items, ...third.items].map((e) => e.objectId)).toEqual(['ch_2', 'ch_1', 'ch_0']);
    expect(third.nextCursor).toBeNull();
  });

  it('keeps entries recorded in the same second in order', async () => {
    recordAt(0, { objectId: 'ch_a' });
    log.record(entry({ objectId: 'ch_b' }));
    const page = await call<{ items: ActivityEntry[]; nextCursor: string | null }>('activity.list', {
      scope,
      limit: 1,
    });
    const rest = await call<{ items: ActivityEntry[] }>('activity.list', { scope, limit: 5, cursor: page.nextCursor });
    expect([...page.items, ...rest.items].map((e) => e.objectId)).toEqual(['ch_b', 'ch_a']);
  });

  it('filters by action, outcome, agent, object id (acted-on or resulting) and date range', async () => {
    recordAt(0, { action: 'refund.create', objectId: 'ch_1', resultId: 're_1' });
    recordAt(10, {
      action: 'subscription.cancel_at_period_end',
      objectId: 'sub_1',
      resultId: 'sub_1',
      amount: null,
      currency: null,
      outcome: 'failed',
      agent: 'Bob',
    });
    recordAt(20, {
      action: 'subscription.undo_cancel_at_period_end',
      objectId: 'sub_1',
      resultId: 'sub_1',
      amount: null,
      currency: null,
    });
    const ids = async (filters: object) =>
      (await call<{ items: ActivityEntry[] }>('activity.list', { scope, filters })).items.map(
        (e) => `${e.action}@${e.objectId}`,
      );

    expect(await ids({ action: 'refund.create' })).toEqual(['refund.create@ch_1']);
    expect(await ids({ outcome: 'failed' })).toEqual(['subscription.cancel_at_period_end@sub_1']);
    expect(await ids({ agent: 'Bob' })).toEqual(['subscription.cancel_at_period_end@sub_1']);
    expect(await ids({ objectId: 're_1' })).toEqual(['refund.create@ch_1']);
    expect(await ids({ objectId: 'sub_1' })).toHaveLength(2);
    const at = (minute: number) => Date.UTC(2026, 10, 1, 12, minute, 0) / 1000;
    expect(await ids({ from: at(5), to: at(15) })).toEqual(['subscription.cancel_at_period_end@sub_1']);
    expect(await call('activity.facets', { scope })).toEqual({
      actions: ['refund.create', 'subscription.cancel_at_period_end', 'subscription.undo_cancel_at_period_end'],
      agents: ['Ada', 'Bob'],
    });
  });

  it('rejects a date range that ends before it starts, and an unknown outcome', async () => {
    const backwards = await router.dispatch('activity.list', { scope, filters: { from: 200, to: 100 } });
    expect(backwards.ok).toBe(false);
    expect(!backwards.ok && backwards.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('start date is after the end date'),
    });
    const outcome = await router.dispatch('activity.list', { scope, filters: { outcome: 'great' } });
    expect(!outcome.ok && outcome.error.code).toBe('invalid_input');
  });

  it('pushes each new entry as activity.recorded', () => {
    const seen: { name: EventName; payload: unknown }[] = [];
    events.subscribe((name, payload) => seen.push({ name, payload }));
    const id = recordAt(3, { action: 'subscription.cancel', objectId: 'sub_9', requestId: 'req_9' });
    expect(seen).toEqual([
      {
        name: 'activity.recorded',
        payload: expect.objectContaining({
          id,
          action: 'subscription.cancel',
          objectId: 'sub_9',
          requestId: 'req_9',
          outcome: 'succeeded',
        }),
      },
    ]);
  });
});

describe('Activity CSV export', () => {
  it('formats amounts exactly for zero-, two- and three-decimal currencies', () => {
    expect(decimalAmount(500, 'jpy')).toBe('500');
    expect(decimalAmount(1999, 'usd')).toBe('19.99');
    expect(decimalAmount(5, 'usd')).toBe('0.05');
    expect(decimalAmount(1500, 'kwd')).toBe('1.500');
    expect(decimalAmount(7, 'KWD')).toBe('0.007');
    expect(decimalAmount(-250, 'eur')).toBe('-2.50');
  });

  it('exports the filtered log with headers, both amount forms and request ids', async () => {
    recordAt(0, { objectId: 'ch_usd', amount: 1999, currency: 'usd', requestId: 'req_usd' });
    recordAt(1, { objectId: 'ch_jpy', amount: 500, currency: 'jpy', requestId: 'req_jpy' });
    recordAt(2, { objectId: 'ch_kwd', amount: 1500, currency: 'kwd', requestId: 'req_kwd' });
    recordAt(3, {
      action: 'subscription.cancel',
      objectId: 'sub_1',
      amount: null,
      currency: null,
      outcome: 'failed',
      detail: '=cmd|evil',
      requestId: null,
    });

    const all = await call<{ filename: string; csv: string; rows: number }>('activity.exportCsv', { scope });
    expect(all.filename).toBe('activity-acct_1Activity-test-2026-11-01.csv');
    expect(all.rows).toBe(4);
    const parsed = Papa.parse<Record<string, string>>(all.csv, { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([...ActivityCsv.headers]);
    const byObject = Object.fromEntries(parsed.data.map((row) => [row.object_id, row]));
    expect(byObject.ch_usd).toMatchObject({
      amount_minor: '1999',
      amount: '19.99',
      currency: 'USD',
      stripe_request_id: 'req_usd',
      outcome: 'succeeded',
    });
    expect(byObject.ch_jpy).toMatchObject({ amount_minor: '500', amount: '500', currency: 'JPY' });
    expect(byObject.ch_kwd).toMatchObject({
      amount_minor: '1500',
      amount: '1.500',
      currency: 'KWD',
      time_utc: '2026-11-01T12:02:00.000Z',
    });
    // No amount stays empty; a formula-looking message is neutralised for spreadsheets.
    expect(byObject.sub_1).toMatchObject({
      amount_minor: '',
      amount: '',
      currency: '',
      detail: "'=cmd|evil",
      stripe_request_id: '',
    });

    const filtered = await call<{ csv: string; rows: number }>('activity.exportCsv', {
      scope,
      filters: { outcome: 'failed' },
    });
    expect(filtered.rows).toBe(1);
    expect(
      Papa.parse<Record<string, string>>(filtered.csv, { header: true, skipEmptyLines: true }).data.map(
        (r) => r.object_id,
      ),
    ).toEqual(['sub_1']);
  });

  it('exports a long log in pages, every entry once', async () => {
    for (let i = 0; i < 2500; i++) log.record(entry({ objectId: `ch_${i}` }));
    const { rows, csv } = await call<{ csv: string; rows: number }>('activity.exportCsv', { scope });
    expect(rows).toBe(2500);
    const ids = new Set(
      Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data.map((r) => r.object_id),
    );
    expect(ids.size).toBe(2500);
  });
});
