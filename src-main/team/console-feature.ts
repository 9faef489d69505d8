import type { Scope, SyncProgress, TeamModeStatus } from '../../src-preload/contract';
import type { Feature, CoreServices } from '../app/feature';
import type { CacheRegistry } from '../cache';
import type { HandlerGroup } from '../ipc/router';
import type { KeyVault } from '../platform/keychain';
import { TeamConsole, type TeamConsoleDeps } from './team-console';

export type TeamCall = 'team.status' | 'team.connect' | 'team.disconnect';
/** The sync feature's calls that mean "sync with Stripe yourself": answered by team mode while it is on. */
type OwnSyncCall = 'sync.status' | 'sync.start' | 'sync.resync';

export interface TeamConsoleFeatureDeps {
  vault: Pick<KeyVault, 'get' | 'set' | 'delete'>;
  savedUrl: { get(): string | null; set(url: string | null): void };
  caches: CacheRegistry;
  reviews: TeamConsoleDeps['reviews'];
  outbox: TeamConsoleDeps['outbox'];
  shownScope: () => Scope | null;
  stopOwnSync: () => Promise<void>;
  resumeOwnSync: () => void;
  copyEveryMs?: number;
}

/** Team mode for a console: Settings' switch, the copy from the team database, and the hooks for shared writes. */
export function createTeamConsoleFeature(core: CoreServices, deps: TeamConsoleFeatureDeps) {
  const team = new TeamConsole({
    ...deps,
    clock: core.clock,
    logger: core.logger,
    findIntent: (intentId) => core.ledger.find(intentId),
    agent: core.agent,
    reviewNotShared: (scope, disputeId, detail) =>
      core.activity.record({
        agent: core.agent(),
        accountId: scope.accountId,
        mode: scope.mode,
        action: 'dispute.review',
        objectId: disputeId,
        outcome: 'failed',
        detail,
      }),
    onChange: (status) => {
      core.events.emit('team.changed', status);
      const scope = deps.shownScope();
      if (scope) core.events.emit('sync.progress', progressOf(scope, status));
    },
  });

  const handlers: HandlerGroup<TeamCall> = {
    'team.status': ({ scope }) => team.status(scope),
    'team.connect': ({ databaseUrl, password }) => team.connect(databaseUrl, password),
    'team.disconnect': () => team.disconnect(),
  };

  /** The sync feature's handlers, answered by team mode while it is on (the console sends Stripe nothing then). */
  const guardOwnSync = (own: HandlerGroup<OwnSyncCall>): HandlerGroup<OwnSyncCall> => ({
    'sync.status': (input) =>
      team.on() ? progressOf(input.scope, team.status(input.scope)) : own['sync.status'](input),
    'sync.start': (input) => (team.on() ? progressOf(input.scope, team.status(input.scope)) : own['sync.start'](input)),
    'sync.resync': (input) =>
      team.on() ? progressOf(input.scope, team.status(input.scope)) : own['sync.resync'](input),
  });

  const feature: Feature<TeamCall> = {
    handlers,
    start: () => team.start(),
    stop: () => team.close(),
  };
  return { feature, team, guardOwnSync };
}

const PHASES: Record<TeamModeStatus['state'], SyncProgress['phase']> = {
  off: 'idle',
  connecting: 'backfill',
  connected: 'incremental',
  unreachable: 'offline',
  refused: 'error',
};

/** The status bar's sync summary in team mode: where the data comes from and how fresh it is. */
export function progressOf(scope: Scope, status: TeamModeStatus): SyncProgress {
  const source = 'Team sync';
  const message =
    status.state === 'connected'
      ? `${source}: copied from the team database`
      : status.state === 'connecting'
        ? `${source}: connecting to the team database`
        : `${source}: ${status.message ?? 'not connected'}`;
  return {
    accountId: scope.accountId,
    mode: scope.mode,
    phase: PHASES[status.state],
    resources: [],
    message,
    dataAsOf: status.dataAsOf === null ? null : Math.floor(status.dataAsOf / 1000),
  };
}
