import type { PgMigration } from './pg-migrations';

/**
 * The team database. Every Stripe row carries its account and mode in its key: test and live never share a row.
 *
 *   stripe_objects(account_id, mode, resource, id) the synced objects: raw JSON (jsonb), `deleted` tombstones,
 *       fresh_lo/fresh_hi (unix ms: the window the snapshot was taken in, see cache/freshness.ts), `in_doubt`
 *       (a same-window snapshot differed: a refetch from Stripe is due), and `txid`, the transaction that last
 *       wrote the row — consoles copy changes in txid order, only below the oldest transaction still running.
 *   stripe_events(account_id, mode, id)  the event log and the applied-event ledger (poller, webhooks, history)
 *   sync_state / sync_meta                backfill checkpoints and the poller's cursor, per account+mode
 *   webhook_inbox                         signed deliveries acknowledged to Stripe, applied by workers
 *   team_mutations / team_activity / team_dispute_drafts / team_reviews   what the consoles share
 *   team_review_changes                   every review marker change (version, agent), append-only for consoles
 *
 * Roles (cluster-wide, created here if missing, NOLOGIN: operators grant them to login roles):
 *   stripe_console_reader  reads the synced data (consoles in team mode)
 *   stripe_console_agent   a console's role: reader, plus the shared ledger, Activity and review-marker changes
 *                          (insert only), drafts and review markers
 */
export const TEAM_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'synced data, sync state, webhook inbox',
    sql: `
      CREATE TABLE stripe_objects (
        account_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('test', 'live')),
        resource text NOT NULL,
        id text NOT NULL,
        created bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        fresh_lo bigint NOT NULL,
        fresh_hi bigint NOT NULL,
        in_doubt boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        PRIMARY KEY (account_id, mode, resource, id)
      );
      CREATE INDEX stripe_objects_changes ON stripe_objects (account_id, mode, txid, resource, id);
      CREATE INDEX stripe_objects_in_doubt ON stripe_objects (account_id, mode) WHERE in_doubt;

      CREATE TABLE stripe_events (
        account_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('test', 'live')),
        id text NOT NULL,
        created bigint NOT NULL,
        type text NOT NULL,
        source text NOT NULL CHECK (source IN ('poll', 'webhook', 'history')),
        received_at bigint NOT NULL,
        applied_at bigint,
        data jsonb NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        PRIMARY KEY (account_id, mode, id)
      );
      CREATE INDEX stripe_events_changes ON stripe_events (account_id, mode, txid, id);

      CREATE TABLE sync_state (
        account_id text NOT NULL,
        mode text NOT NULL,
        resource text NOT NULL,
        complete boolean NOT NULL DEFAULT false,
        checkpoint jsonb,
        fetched bigint NOT NULL DEFAULT 0,
        started_at bigint,
        last_run_at bigint,
        completed_at bigint,
        last_error text,
        PRIMARY KEY (account_id, mode, resource)
      );
      CREATE TABLE sync_meta (
        account_id text NOT NULL,
        mode text NOT NULL,
        key text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (account_id, mode, key)
      );

      CREATE TABLE webhook_inbox (
        seq bigserial PRIMARY KEY,
        event_id text NOT NULL UNIQUE,
        account_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('test', 'live')),
        received_at bigint NOT NULL,
        payload text NOT NULL,
        applied_at bigint,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      );
      CREATE INDEX webhook_inbox_pending ON webhook_inbox (seq) WHERE applied_at IS NULL;
    `,
  },
  {
    version: 2,
    name: 'console roles',
    sql: `
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stripe_console_reader') THEN
          CREATE ROLE stripe_console_reader NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stripe_console_agent') THEN
          CREATE ROLE stripe_console_agent NOLOGIN IN ROLE stripe_console_reader;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database's migration won the race
      END $$;
      GRANT SELECT ON stripe_objects, stripe_events, sync_state, sync_meta TO stripe_console_reader;
    `,
  },
  {
    version: 3,
    name: 'shared ledger, activity and dispute drafts',
    sql: `
      CREATE TABLE team_mutations (
        intent_id text PRIMARY KEY,
        account_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('test', 'live')),
        kind text NOT NULL,
        target_id text NOT NULL,
        agent text NOT NULL,
        amount bigint,
        currency text,
        state text NOT NULL CHECK (state IN ('sending', 'succeeded', 'refused', 'unknown')),
        result_id text,
        detail text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX team_mutations_open ON team_mutations (account_id, mode, target_id)
        WHERE state IN ('sending', 'unknown');

      CREATE TABLE team_activity (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        agent text NOT NULL,
        account_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('test', 'live')),
        action text NOT NULL,
        object_id text NOT NULL,
        amount bigint,
        currency text,
        outcome text NOT NULL,
        detail text,
        request_id text,
        result_id text,
        intent_id text
      );
      CREATE INDEX team_activity_scope ON team_activity (account_id, mode, at DESC);
      CREATE FUNCTION team_activity_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
        'BEGIN RAISE EXCEPTION ''team_activity is append-only''; END';
      CREATE TRIGGER team_activity_append_only BEFORE UPDATE OR DELETE ON team_activity
        FOR EACH ROW EXECUTE FUNCTION team_activity_refuse_change();
      CREATE TRIGGER team_activity_no_truncate BEFORE TRUNCATE ON team_activity
        FOR EACH STATEMENT EXECUTE FUNCTION team_activity_refuse_change();

      CREATE TABLE team_dispute_drafts (
        account_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('test', 'live')),
        dispute_id text NOT NULL,
        evidence jsonb NOT NULL,
        version integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, mode, dispute_id)
      );

      GRANT SELECT, INSERT, UPDATE ON team_mutations, team_dispute_drafts TO stripe_console_agent;
      GRANT SELECT, INSERT ON team_activity TO stripe_console_agent;
      GRANT USAGE ON SEQUENCE team_activity_id_seq TO stripe_console_agent;
    `,
  },
  {
    version: 4,
    name: 'shared review markers',
    sql: `
      CREATE TABLE team_reviews (
        account_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('test', 'live')),
        dispute_id text NOT NULL,
        state text NOT NULL,
        note text NOT NULL,
        updated_at bigint NOT NULL,
        updated_by text NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        PRIMARY KEY (account_id, mode, dispute_id)
      );
      CREATE INDEX team_reviews_changes ON team_reviews (account_id, mode, txid, dispute_id);
      GRANT SELECT ON team_reviews TO stripe_console_reader;
      GRANT SELECT, INSERT, UPDATE ON team_reviews TO stripe_console_agent;
    `,
  },
  {
    version: 5,
    name: "activity pushed once from consoles' outboxes; versioned review markers",
    sql: `
      -- Each console names its entries (its outbox's source_key): an entry pushed again after a commit whose answer
      -- was lost is refused here. Rows from before have none (NULLs never conflict). recorded_at is the console's
      -- own time of the entry (unix seconds); at stays the team database's time of arrival.
      ALTER TABLE team_activity ADD COLUMN source_key text, ADD COLUMN recorded_at bigint;
      ALTER TABLE team_activity ADD CONSTRAINT team_activity_source_key UNIQUE (source_key);

      -- A marker is replaced only over the version its agent's console had taken (no desktop clock decides);
      -- updated_at is now the server's time. Every change is kept, named by its console's source_key, so a
      -- retried push finds it was applied.
      ALTER TABLE team_reviews ADD COLUMN version integer NOT NULL DEFAULT 1;
      CREATE TABLE team_review_changes (
        source_key text PRIMARY KEY,
        account_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('test', 'live')),
        dispute_id text NOT NULL,
        version integer NOT NULL,
        state text NOT NULL,
        note text NOT NULL,
        agent text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      GRANT SELECT, INSERT ON team_review_changes TO stripe_console_agent;
    `,
  },
];
