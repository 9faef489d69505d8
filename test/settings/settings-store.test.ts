import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src-main/app/app-db';
import { DEFAULT_RATE_BUDGET, SettingsStore } from '../../src-main/settings/settings-store';

let dir: string;
let db: Database.Database;
let settings: SettingsStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-settings-'));
  db = openAppDatabase(dir);
  settings = new SettingsStore(db, { agentName: 'Ada' });
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const names = () => db.prepare('SELECT name FROM settings ORDER BY name').pluck().all();

describe('SettingsStore, the settings table’s one writer', () => {
  it('keeps preferences across a reopen, a patch leaving the others as they were', () => {
    const port = settings.get().webhookReceiver.port;
    settings.update({ agentName: 'Grace' });
    settings.update({ rateBudget: { test: 5, live: 7 } });
    const reopened = new SettingsStore(db, { agentName: 'Ada' }).get();
    expect(reopened).toMatchObject({ agentName: 'Grace', rateBudget: { test: 5, live: 7 } });
    expect(reopened.webhookReceiver.port).toBe(port);
  });

  it('answers defaults before anything is stored', () => {
    expect(settings.get()).toMatchObject({ agentName: 'Ada', rateBudget: DEFAULT_RATE_BUDGET });
    expect(settings.lastAccountId()).toBeNull();
    expect(settings.sessionOnlyAccounts()).toEqual([]);
  });

  it('remembers the last account shown, and forgets it only for that account', () => {
    settings.rememberLastAccount('acct_1First');
    settings.forgetLastAccount('acct_1Other');
    expect(settings.lastAccountId()).toBe('acct_1First');
    settings.forgetLastAccount('acct_1First');
    expect(settings.lastAccountId()).toBeNull();
  });

  it('notes session-only accounts and leaves no row once none is left', () => {
    settings.noteSessionOnlyAccounts(['acct_1Session', 'acct_1Other']);
    expect(settings.sessionOnlyAccounts()).toEqual(['acct_1Session', 'acct_1Other']);
    settings.noteSessionOnlyAccounts([]);
    expect(settings.sessionOnlyAccounts()).toEqual([]);
    expect(names()).not.toContain('session.eraseOnExit');
  });
});
