import type { Scope, SyncProgress } from '../../src-preload/contract';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { ConnectivityMonitor } from '../stripe/connectivity';
import { StripeGateway } from '../stripe/gateway';
import type { StaleObject } from '../sync/event-applier';
import { ScopeSync, type ScopeSyncOptions } from '../sync/scope-sync';
import type { PgDatabase } from './pg-database';
import { PgSyncStore } from './pg-sync-store';
import type { TeamConfig } from './team-config';

export interface TeamSyncDeps {
  database: PgDatabase;
  config: Pick<TeamConfig, 'scopes' | 'rate' | 'apiEndpoint' | 'pollIntervalMs'>;
  clock: Clock;
  logger: Logger;
  options?: Partial<ScopeSyncOptions>;
}

const scopeKey = (scope: Scope) => ConnectivityMonitor.key(scope.accountId, scope.mode);

/**
 * The headless sync service: the desktop's sync engine (ScopeSync — backfill, event poller, history, refetches)
 * run once for the whole team per configured account+mode, writing to PostgreSQL through PgSyncStore. One rate
 * budget per account+mode however many consoles read the result.
 */
export class TeamSyncService {
  readonly gateway: StripeGateway;
  private readonly connectivity: ConnectivityMonitor;
  private readonly syncs = new Map<string, ScopeSync>();
  private readonly stores = new Map<string, PgSyncStore>();

  constructor(private readonly deps: TeamSyncDeps) {
    const { config, clock } = deps;
    this.connectivity = new ConnectivityMonitor(() => clock.now());
    const keys = new Map(config.scopes.map((s) => [scopeKey(s.scope), s.apiKey]));
    this.gateway = new StripeGateway({
      keys: {
        keyFor: async (scope) => {
          const key = keys.get(scopeKey(scope));
          if (!key) throw new Error(`No key configured for ${scopeKey(scope)}`);
          return key;
        },
      },
      endpointFor: () => config.apiEndpoint,
      rateFor: (mode) => config.rate[mode],
      connectivity: this.connectivity,
      clock,
    });
    for (const { scope } of config.scopes) {
      const store = new PgSyncStore(deps.database, scope);
      this.stores.set(scopeKey(scope), store);
      this.syncs.set(
        scopeKey(scope),
        new ScopeSync({
          scope,
          store,
          stripe: () => this.gateway.client(scope),
          ratePerSecond: () => this.gateway.budget(scope).ratePerSecond,
          online: () => this.connectivity.get(scopeKey(scope)).online,
          clock,
          now: () => clock.now(),
          logger: deps.logger,
          changed: () => undefined,
          options: { pollIntervalMs: config.pollIntervalMs, ...deps.options },
        }),
      );
    }
    this.connectivity.onChange((key, state) => {
      if (state.online) this.syncs.get(key)?.wake();
    });
  }

  get scopes(): Scope[] {
    return [...this.syncs.values()].map((s) => s.scope);
  }

  store(scope: Scope): PgSyncStore {
    const store = this.stores.get(scopeKey(scope));
    if (!store) throw new Error(`${scopeKey(scope)} is not configured`);
    return store;
  }

  /** Starts every scope; objects left in doubt by an earlier run are refetched first. */
  async start(): Promise<void> {
    for (const [key, sync] of this.syncs) {
      const doubtful = await this.stores.get(key)!.inDoubt();
      sync.start();
      if (doubtful.length > 0) sync.queueRefetch(doubtful);
    }
  }

  /** Snapshots whose order against the stored one could not be decided: fetched again within the budget. */
  refetch(scope: Scope, objects: StaleObject[]): void {
    if (objects.length > 0) this.syncs.get(scopeKey(scope))?.queueRefetch(objects);
  }

  async status(scope: Scope): Promise<SyncProgress> {
    const sync = this.syncs.get(scopeKey(scope));
    if (!sync) throw new Error(`${scopeKey(scope)} is not configured`);
    return sync.status(await this.store(scope).statusView());
  }

  async stop(): Promise<void> {
    await Promise.all([...this.syncs.values()].map((s) => s.stop()));
  }
}
