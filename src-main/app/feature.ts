import type { CallName } from '../../src-preload/contract';
import type { HandlerGroup } from '../ipc/router';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/event-bus';
import type { Logger } from '../platform/logger';
import type { SettingsStore } from '../settings/settings-store';
import type { StripeGateway } from '../stripe/gateway';
import type { ConnectivityMonitor } from '../stripe/connectivity';
import type { ActivityLog } from '../activity/activity-log';
import type { MutationLedger } from '../mutations/mutation-ledger';

/** The platform services every feature may use. Built once, by the composition root. */
export interface CoreServices {
  dataDir: string;
  logger: Logger;
  events: EventBus;
  settings: SettingsStore;
  gateway: StripeGateway;
  connectivity: ConnectivityMonitor;
  activity: ActivityLog;
  ledger: MutationLedger;
  clock: Clock;
  /** clock.now, for the many services that only stamp times. */
  now: () => number;
  /** Who is acting, for the Activity log: the name set in Settings, else the OS user. */
  agent: () => string;
}

/** A feature: its IPC handlers (thin) and its background work. */
export interface Feature<K extends CallName> {
  handlers: HandlerGroup<K>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
