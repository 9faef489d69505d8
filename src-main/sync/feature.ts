import path from 'node:path';
import { ConsoleError, type Scope } from '../../src-preload/contract';
import type { WebhookSecretStore } from '../platform/keychain';
import type { CoreServices, Feature } from '../app/feature';
import type { CacheRegistry } from '../cache';
import { openDatabase } from '../platform/sqlite';
import { ReceiverControl } from '../webhooks/receiver-control';
import { WebhookLog, WEBHOOK_MIGRATIONS } from '../webhooks/webhook-log';
import { WebhookReceiver } from '../webhooks/webhook-receiver';
import { SyncService } from './sync-service';
import type { ScopeSyncOptions } from './scope-sync';

export type SyncCall =
  | 'sync.status'
  | 'sync.start'
  | 'sync.resync'
  | 'sync.state'
  | 'events.list'
  | 'events.get'
  | 'webhooks.deliveries'
  | 'webhooks.status';

export interface SyncFeatureDeps {
  caches: CacheRegistry;
  webhookSecrets: WebhookSecretStore;
  /** The connected account+modes: the webhook receiver routes each event to the one whose secret signed it. */
  webhookScopes: () => Scope[];
  /** Scopes to start syncing when the app starts (e.g. the session's account+mode). */
  initialScopes?: () => Scope[];
  options?: Partial<ScopeSyncOptions>;
}

/**
 * The sync feature: the SyncService (exposed for other features' applyObject and for connectivity's
 * data-as-of), the webhook receiver driven by Settings, and the Events view's calls.
 */
export function createSyncFeature(
  core: CoreServices,
  deps: SyncFeatureDeps,
): Feature<SyncCall> & { sync: SyncService; webhookLog: WebhookLog } {
  const sync = new SyncService({
    caches: deps.caches,
    gateway: core.gateway,
    connectivity: core.connectivity,
    events: core.events,
    logger: core.logger,
    clock: core.clock,
    ...(deps.options ? { options: deps.options } : {}),
  });
  const webhookDb = openDatabase(path.join(core.dataDir, 'webhooks.db'), WEBHOOK_MIGRATIONS);
  const log = new WebhookLog(webhookDb);
  const receiver = new WebhookReceiver({
    log,
    secrets: deps.webhookSecrets,
    sink: {
      ingest: (scope, event, receivedAt) => sync.ingestEvent(scope, event, 'webhook', receivedAt),
      known: (scope, id) => deps.caches.open(scope).has('events', id),
    },
    scopes: deps.webhookScopes,
    now: core.now,
    logger: core.logger,
    onDelivery: (delivery) => core.events.emit('webhooks.delivery', delivery),
  });
  const control = new ReceiverControl(receiver, log);
  let unsubscribe: (() => void) | null = null;

  return {
    sync,
    webhookLog: log,
    handlers: {
      'sync.status': ({ scope }) => sync.status(scope),
      'sync.start': ({ scope }) => sync.start(scope),
      'sync.resync': ({ scope }) => sync.resync(scope),
      'sync.state': ({ scope }) => sync.state(scope),
      'events.list': ({ scope, ...query }) => deps.caches.open(scope).events.list(query),
      'events.get': ({ scope, id }) => {
        const event = deps.caches.open(scope).events.get(id);
        if (!event) throw new ConsoleError('not_found', `Event ${id} is not in this account’s synced log.`);
        return event;
      },
      'webhooks.deliveries': (query) => {
        const page = log.deliveries(query);
        return { items: page.rows, nextCursor: page.nextCursor, total: null };
      },
      'webhooks.status': () => control.status(),
    },
    async start() {
      unsubscribe = core.settings.onChange((settings) => void control.apply(settings.webhookReceiver));
      await control.apply(core.settings.get().webhookReceiver);
      for (const scope of deps.initialScopes?.() ?? []) sync.start(scope);
    },
    async stop() {
      unsubscribe?.();
      await control.close();
      await sync.close();
      webhookDb.close();
    },
  };
}
