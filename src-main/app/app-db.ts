import type Database from 'better-sqlite3';
import path from 'node:path';
import type { Scope } from '../../src-preload/contract';
import { openDatabase } from '../platform/sqlite';
import type { Migration } from '../platform/migrations';
import { AccountStore, ACCOUNTS_SCHEMA } from '../accounts/account-store';
import type { AccountRows } from '../accounts/account-purge';
import { SettingsStore, SETTINGS_SCHEMA } from '../settings/settings-store';
import { ActivityLog, ACTIVITY_SCHEMA } from '../activity/activity-log';
import { MutationStore, MUTATIONS_SCHEMA, MUTATION_STATES_MIGRATION } from '../mutations/mutation-store';
import { NotificationStore } from '../notifications/notification-store';
import { EvidenceDrafts } from '../disputes/evidence-drafts';
import { DisputeReviews } from '../disputes/dispute-reviews';
import { TeamOutbox, TEAM_OUTBOX_SCHEMA } from '../team/team-outbox';

/**
 * The app's own database (accounts list, settings, mutation ledger, activity log, local dispute work,
 * notification marks, team mode's outbox). Stripe's cached objects live apart, one store per account+mode (see cache/). Never holds
 * a key. Each table has one owner, a store that holds its SQL; features are handed the stores, never the database.
 */
const migrations: Migration[] = [
  (db) => {
    db.exec(ACCOUNTS_SCHEMA);
    db.exec(SETTINGS_SCHEMA);
    db.exec(MUTATIONS_SCHEMA);
    db.exec(ACTIVITY_SCHEMA);
    // Owned by disputes/ (EvidenceDrafts, DisputeReviews).
    db.exec(`
      CREATE TABLE dispute_drafts (
        account_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        dispute_id TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT '{}',
        files TEXT NOT NULL DEFAULT '{}',
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, mode, dispute_id)
      );
      CREATE TABLE dispute_reviews (
        account_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        dispute_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('unreviewed','reviewed','flagged','needs_info')),
        note TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, mode, dispute_id)
      );
    `);
  },
  // The ledger's total state machine (docs/reliability.md): prepared → sending → succeeded | refused | unknown.
  (db) => db.exec(MUTATION_STATES_MIGRATION),
  // Team mode: what a console recorded for the team until PostgreSQL has it (owned by team/TeamOutbox).
  (db) => db.exec(TEAM_OUTBOX_SCHEMA),
];

export function openAppDatabase(dataDir: string): Database.Database {
  const db = openDatabase(path.join(dataDir, 'app.db'), migrations);
  // A removed account's rows are overwritten, not left readable in free pages.
  db.pragma('secure_delete = ON');
  return db;
}

/** Every app.db table's owner, on one connection. */
export interface AppStores {
  accounts: AccountStore;
  settings: SettingsStore;
  activity: ActivityLog;
  mutations: MutationStore;
  notifications: NotificationStore;
  evidenceDrafts: EvidenceDrafts;
  disputeReviews: DisputeReviews;
  teamOutbox: TeamOutbox;
  /** What an account's removal erases, store by store. */
  accountRows: AccountRows;
}

export interface AppStoreOptions {
  now: () => number;
  /** Settings' default agent name (the OS user). */
  agentName?: string;
  /** Which scopes have a webhook signing secret in the keychain (Settings lists them). */
  webhookSecretScopes?: () => Scope[];
}

export function createAppStores(db: Database.Database, options: AppStoreOptions): AppStores {
  const activity = new ActivityLog(db, options.now);
  const stores = {
    accounts: new AccountStore(db),
    settings: new SettingsStore(
      db,
      options.agentName === undefined ? {} : { agentName: options.agentName },
      options.webhookSecretScopes,
    ),
    activity,
    mutations: new MutationStore(db, activity),
    notifications: new NotificationStore(db),
    evidenceDrafts: new EvidenceDrafts(db, options.now),
    disputeReviews: new DisputeReviews(db, activity, options.now),
    teamOutbox: new TeamOutbox(db),
  };
  return {
    ...stores,
    accountRows: {
      scoped: [
        stores.mutations,
        activity,
        stores.evidenceDrafts,
        stores.disputeReviews,
        stores.notifications,
        stores.teamOutbox,
      ],
      settings: stores.settings,
      eraseAtomically: (work) => {
        db.transaction(work)();
        db.pragma('wal_checkpoint(TRUNCATE)');
      },
    },
  };
}
