import pg from 'pg';
import { ConsoleError, type Scope, type TeamModeState, type TeamModeStatus } from '../../src-preload/contract';
import type { CacheRegistry } from '../cache';
import type { LedgerStep, MutationRecord } from '../mutations/mutation-ledger';
import { Aborted, sleep, type Clock } from '../platform/clock';
import type { KeyVault } from '../platform/keychain';
import type { Logger } from '../platform/logger';
import { PgDatabase, isTransient } from './pg-database';
import { classifyFailure, describeFailure, parseTeamDatabase, withPassword, type TeamFailure } from './team-connection';
import { TeamLedger } from './team-ledger';
import type { OutboxActivity, TeamOutbox } from './team-outbox';
import { OutboxPusher, refusedReviewDetail } from './team-outbox-push';
import { TeamReviews, type SharedReview } from './team-reviews';
import { TeamSource } from './team-source';

/** The keychain entry holding the team database role's password. */
export const TEAM_PASSWORD_ENTRY = 'team:database';

export interface TeamConsoleDeps {
  vault: Pick<KeyVault, 'get' | 'set' | 'delete'>;
  /** Where the address (never the password) is kept across runs: its presence is what "team mode on" means. */
  savedUrl: { get(): string | null; set(url: string | null): void };
  caches: CacheRegistry;
  clock: Clock;
  logger: Logger;
  /** The console's own ledger's record of an intent (for claims). */
  findIntent: (intentId: string) => MutationRecord | null;
  agent: () => string;
  /** This console's dispute review markers: the team's are copied in by version. */
  reviews: { applyShared(scope: Scope, disputeId: string, review: SharedReview): void };
  /** What this console recorded for the team, kept in app.db until PostgreSQL has it. */
  outbox: TeamOutbox;
  /** A marker this console's agent set was not shared (someone replaced the version it was set over): say so. */
  reviewNotShared: (scope: Scope, disputeId: string, detail: string) => void;
  /** The account+mode the window shows: the one copied. */
  shownScope: () => Scope | null;
  /** Team mode went on: this console stops syncing with Stripe itself. */
  stopOwnSync: () => Promise<void>;
  /** Team mode went off: this console syncs what it shows again. */
  resumeOwnSync: () => void;
  onChange: (status: TeamModeStatus) => void;
  /** How often the copy looks for new rows (ms). */
  copyEveryMs?: number;
  /** How long a connection attempt may take before the server counts as out of reach (ms). */
  connectTimeoutMs?: number;
}

interface Connection {
  database: PgDatabase;
  ledger: TeamLedger;
  reviews: TeamReviews;
  sources: Map<string, TeamSource>;
  canAct: boolean;
  /** Ask the server what the role may do at the next successful copy (after a restart). */
  recheckGrants?: boolean;
}

const MAX_BACKOFF_STEPS = 4;

/**
 * A console in team mode: it does not sync with Stripe itself but copies the team database (filled by the one
 * team sync service) into its own SQLite cache, so every view reads as before and works offline; its writes are
 * claimed in the team's ledger first, and its Activity is appended to the team's. The address lives in Settings,
 * the role's password in the OS keychain only.
 */
export class TeamConsole {
  private connection: Connection | null = null;
  private state: TeamModeState = 'off';
  private message: string | null = null;
  private controller = new AbortController();
  private loop: Promise<void> | null = null;
  private wakers: (() => void)[] = [];
  /** Pushes the outbox over the current connection, one push at a time. */
  private readonly pusher = new OutboxPusher(() => {
    const connection = this.connection;
    return connection
      ? {
          outbox: this.deps.outbox,
          ledger: connection.ledger,
          reviews: connection.reviews,
          takeReview: (scope, review) => this.applyReview(scope, review),
          refused: (scope, disputeId, mine, theirs) =>
            this.deps.reviewNotShared(scope, disputeId, refusedReviewDetail(mine, theirs)),
        }
      : null;
  });

  constructor(private readonly deps: TeamConsoleDeps) {}

  /** Team mode is on (even before the keychain answered or while PostgreSQL is out of reach). */
  on(): boolean {
    return this.deps.savedUrl.get() !== null;
  }

  status(scope: Scope | null = this.deps.shownScope()): TeamModeStatus {
    const copied = scope && this.connection ? this.source(this.connection, scope).status() : null;
    return {
      state: this.state,
      database: this.deps.savedUrl.get(),
      canAct: this.connection?.canAct ?? false,
      lastCopyAt: copied?.lastPullAt ?? null,
      dataAsOf: copied?.dataAsOf ?? null,
      message: this.message,
    };
  }

  /** At app start: team mode picks up where it was, its password read from the keychain. */
  async start(): Promise<void> {
    const url = this.deps.savedUrl.get();
    if (!url) return;
    let password: string | null;
    try {
      password = await this.deps.vault.get(TEAM_PASSWORD_ENTRY);
    } catch (err) {
      // The console stays in team mode (it must not start hammering Stripe) and says why it can't copy.
      return this.set('refused', (err as Error).message);
    }
    if (password === null)
      return this.set(
        'refused',
        'The team database’s password is missing from the keychain. Connect again in Settings.',
      );
    // Whether the role may act is asked again once the server answers (grants may have changed since).
    this.open(url, password, false);
    this.connection!.recheckGrants = true;
  }

  /**
   * Switches this console to a team database: the address is checked, the connection tried (role, password,
   * read grant) and only then are the password (keychain) and address (Settings) kept. A failure changes nothing.
   */
  async connect(databaseUrl: string, typedPassword: string): Promise<TeamModeStatus> {
    const { url, embeddedPassword } = parseTeamDatabase(databaseUrl);
    const password = typedPassword || embeddedPassword;
    if (!password)
      throw new ConsoleError('invalid_input', 'Enter the password of the team database role.', {
        details: { field: 'password' },
      });
    const canAct = await this.probe(withPassword(url, password));
    await this.deps.vault.set(TEAM_PASSWORD_ENTRY, password);
    await this.close();
    this.deps.savedUrl.set(url);
    await this.deps.stopOwnSync();
    this.open(url, password, canAct);
    return this.status();
  }

  /** Back to syncing this console itself; what was copied stays in the cache. */
  async disconnect(): Promise<TeamModeStatus> {
    await this.close();
    this.deps.savedUrl.set(null);
    await this.deps.vault.delete(TEAM_PASSWORD_ENTRY);
    this.set('off', null);
    this.deps.resumeOwnSync();
    return this.status();
  }

  /** The window shows another account or mode: copy that one now. */
  follow(): void {
    for (const wake of this.wakers.splice(0)) wake();
  }

  /** The ledger's hook (LedgerOptions.checkpoint): in team mode an intent is claimed for the team before it leaves. */
  readonly checkpoint = async (step: LedgerStep, intentId: string): Promise<void> => {
    if (!this.on() || step !== 'prepared') return;
    const connection = this.connection;
    if (!connection || this.state === 'refused')
      throw new ConsoleError('offline', `${this.message ?? 'Not connected to the team database.'} Nothing was sent.`, {
        retryable: true,
        details: { outcome: 'not_sent' },
      });
    if (!connection.canAct)
      throw new ConsoleError(
        'permission_denied',
        'This console’s team role can read but not act: ask for stripe_console_agent. Nothing was sent.',
        { details: { outcome: 'not_sent' } },
      );
    try {
      await connection.ledger.checkpoint(step, intentId);
    } catch (err) {
      if (err instanceof ConsoleError) throw err;
      const failure = classifyFailure(err);
      throw new ConsoleError(
        failure === 'unreachable' ? 'offline' : 'permission_denied',
        `This write can’t be claimed for the team: ${describeFailure(failure, err)} Nothing was sent.`,
        { retryable: failure === 'unreachable', details: { outcome: 'not_sent' } },
      );
    }
  };

  /**
   * An Activity entry this console recorded: appended to the team's too, through the outbox (kept in app.db until
   * PostgreSQL has it, so an entry recorded while it is out of reach, or before a restart, is shared later, once).
   */
  recorded(entry: OutboxActivity): void {
    if (!this.shares()) return;
    this.deps.outbox.addActivity(entry);
    this.kick();
  }

  /** A review marker this console's agent set: shared with the team over the version this console had taken. */
  shareReview(scope: Scope, disputeId: string, review: { state: SharedReview['state']; note: string }): void {
    if (!this.shares()) return;
    this.deps.outbox.addReview(scope, disputeId, { state: review.state, note: review.note, agent: this.deps.agent() });
    this.kick();
  }

  async close(): Promise<void> {
    this.controller.abort();
    this.follow();
    await this.loop;
    this.loop = null;
    await this.pusher.idle();
    const connection = this.connection;
    this.connection = null;
    await connection?.database.close();
  }

  /** A throwaway connection: does the server answer, take the role and password, and let it read (and act)? */
  private async probe(connectionString: string): Promise<boolean> {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: this.deps.connectTimeoutMs ?? 10_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ read: boolean; act: boolean }>(
        `SELECT has_table_privilege('stripe_objects', 'SELECT') AS read,
                has_table_privilege('team_mutations', 'INSERT') AS act`,
      );
      if (!rows[0]?.read) throw Object.assign(new Error('no read grant'), { code: '42501' });
      return rows[0].act;
    } catch (err) {
      const failure = classifyFailure(err);
      // A database without the team schema answers "relation does not exist": not a team database.
      const message =
        (err as { code?: string }).code === '42P01'
          ? 'That database has no team data: point at the database the team sync service writes to.'
          : describeFailure(failure, err);
      const code = failure === 'refused' ? 'unauthorized' : failure === 'not_allowed' ? 'permission_denied' : 'offline';
      throw new ConsoleError(code, message, {
        retryable: failure === 'unreachable',
        details: { field: 'databaseUrl' },
      });
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private open(url: string, password: string, canAct: boolean): void {
    // Fail fast: a console reading offline shows its copy; a claim that can't reach the team sends nothing.
    const database = new PgDatabase({ connectionString: withPassword(url, password), max: 3, attempts: 1 });
    this.connection = {
      database,
      canAct,
      ledger: new TeamLedger(database, this.deps.findIntent, this.deps.agent, () => this.deps.clock.now()),
      reviews: new TeamReviews(database),
      sources: new Map(),
    };
    this.set('connecting', null);
    this.controller = new AbortController();
    this.loop = this.copy(this.connection, this.controller.signal);
  }

  private source(connection: Connection, scope: Scope): TeamSource {
    const key = `${scope.accountId}:${scope.mode}`;
    let source = connection.sources.get(key);
    if (!source) {
      source = new TeamSource(connection.database, this.deps.caches.open(scope), () => this.deps.clock.now());
      connection.sources.set(key, source);
    }
    return source;
  }

  /** Copies what the window shows, again and again; a failure is said and retried later, the copy stays readable. */
  private async copy(connection: Connection, signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const scope = this.deps.shownScope();
      if (scope) {
        try {
          const source = this.source(connection, scope);
          let copied = await source.pull();
          if (connection.recheckGrants) {
            const { rows } = await connection.database.pool.query<{ act: boolean }>(
              `SELECT has_table_privilege('team_mutations', 'INSERT') AS act`,
            );
            connection.canAct = rows[0]?.act === true;
            connection.recheckGrants = false;
          }
          // What was recorded while PostgreSQL was out of reach (or before a restart) goes first, then the markers.
          if (connection.canAct) await this.push();
          copied += await source.pullReviews((review) => this.takeReview(scope, review));
          failures = 0;
          if (copied > 0 || this.state !== 'connected') this.set('connected', null);
        } catch (err) {
          if (signal.aborted) break;
          failures++;
          this.fail(classifyFailure(err), err);
        }
      }
      try {
        const wait = (this.deps.copyEveryMs ?? 2_000) * 2 ** Math.min(failures, MAX_BACKOFF_STEPS);
        await sleep(this.deps.clock, wait, signal, () => new Promise((resolve) => this.wakers.push(resolve)));
      } catch (err) {
        if (!(err instanceof Aborted)) throw err;
      }
    }
  }

  /** Team mode is on and the role is not known to be read-only: what this console records is for the team. */
  private shares(): boolean {
    const connection = this.connection;
    return this.on() && !(connection && !connection.canAct && !connection.recheckGrants);
  }

  /**
   * Pushes the outbox without waiting (the push starts a turn later: after the recording transaction committed);
   * a failure leaves it for the copy loop's next round.
   */
  private kick(): void {
    if (!this.connection?.canAct) return;
    this.push().catch((err: unknown) =>
      this.deps.logger.warn('team outbox not pushed yet', { code: (err as { code?: string }).code ?? 'error' }),
    );
  }

  /**
   * Pushes the outbox. A lost connection is thrown (the copy loop says so and retries); a refusal (e.g. a grant
   * taken away) is logged and leaves the entries waiting.
   */
  private async push(): Promise<void> {
    try {
      // The Activity view shows which entries are not shared yet: told when some are now.
      if ((await this.pusher.push()) > 0) this.deps.onChange(this.status());
    } catch (err) {
      if (isTransient(err)) throw err;
      this.deps.logger.warn('team outbox refused', { code: (err as { code?: string }).code ?? 'error' });
    }
  }

  /** A marker the copy brought: taken when newer than the version this console has, unless one of ours is pending. */
  private takeReview(scope: Scope, review: SharedReview): void {
    // The pending marker's push decides: it is applied over this one, or refused and this one taken then.
    if (this.deps.outbox.hasPendingReview(scope, review.disputeId)) return;
    if (review.version <= this.deps.outbox.reviewVersion(scope, review.disputeId)) return;
    this.applyReview(scope, review);
  }

  private applyReview(scope: Scope, review: SharedReview): void {
    this.deps.reviews.applyShared(scope, review.disputeId, review);
    this.deps.outbox.setReviewVersion(scope, review.disputeId, review.version);
  }

  private fail(failure: TeamFailure, err: unknown): void {
    this.deps.logger.warn('team copy failed', { code: (err as { code?: string }).code ?? 'error' });
    this.set(failure === 'unreachable' ? 'unreachable' : 'refused', describeFailure(failure, err));
  }

  private set(state: TeamModeState, message: string | null): void {
    const changed = state !== this.state || message !== this.message;
    this.state = state;
    this.message = message;
    // A copy that brought rows is news too (views refresh), so 'connected' is told every time.
    if (changed || state === 'connected') this.deps.onChange(this.status());
  }
}
