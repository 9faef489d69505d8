import type { AccountSummary, Scope } from '../../src-preload/contract';
import type { CoreServices, Feature } from '../app/feature';
import type { CacheRegistry } from '../cache';
import { DeadlineNotifier, type DueDispute, type NotificationSink } from './deadline-notifier';
import type { NotificationStore } from './notification-store';

export type NotificationsCall = 'notifications.prefs.get' | 'notifications.prefs.set' | 'notifications.open';

export interface NotificationsDeps {
  /** app.db's notification marks and lead times. */
  store: NotificationStore;
  caches: CacheRegistry;
  accounts(): AccountSummary[];
  /** Keeps a scope's cache current (the sync engine), so deadlines of accounts not on screen are seen too. */
  startSync(scope: Scope): void;
  selectSession(scope: Scope): Promise<unknown> | unknown;
  /** The OS notification centre in Electron; the contract's event reaches every window and the tests anyway. */
  sinks?: NotificationSink[];
}

/** How often deadlines are looked at besides after each sync poll: thresholds are crossed by time alone. */
const CHECK_EVERY_MS = 60_000;

/** Evidence-deadline notifications across every connected account and mode. */
export function createNotificationsFeature(
  core: CoreServices,
  deps: NotificationsDeps,
): Feature<NotificationsCall> & {
  notifier: DeadlineNotifier;
} {
  const { store } = deps;
  const scopes = () =>
    deps
      .accounts()
      .flatMap((account) =>
        account.keys.map((key) => ({ scope: { accountId: account.id, mode: key.mode }, accountName: account.name })),
      );
  const dueBefore = (scope: Scope, until: number): DueDispute[] =>
    deps.caches.open(scope).disputes.respondableDueBy(until);
  const notifier = new DeadlineNotifier({
    scopes,
    dueBefore,
    store,
    now: core.now,
    sinks: [{ show: (n) => core.events.emit('notifications.deadline', n) }, ...(deps.sinks ?? [])],
  });
  const check = () => {
    try {
      notifier.check();
    } catch (err) {
      core.logger.warn('deadline check failed', { error: String(err) });
    }
  };
  let cancelTimer: (() => void) | null = null;
  let unsubscribe: (() => void) | null = null;
  const tick = () => {
    check();
    cancelTimer = core.clock.setTimer(tick, CHECK_EVERY_MS);
  };

  return {
    notifier,
    handlers: {
      'notifications.prefs.get': () => store.prefs(),
      'notifications.prefs.set': (prefs) => {
        const saved = store.setPrefs(prefs);
        check();
        return saved;
      },
      'notifications.open': async ({ accountId, mode, disputeId }) => {
        await deps.selectSession({ accountId, mode });
        core.events.emit('notifications.open-dispute', { accountId, mode, disputeId });
        return null;
      },
    },
    async start() {
      for (const { scope } of scopes()) deps.startSync(scope);
      unsubscribe = core.events.subscribe((name) => {
        if (name === 'sync.progress' || name === 'disputes.changed') check();
        if (name === 'accounts.changed') for (const { scope } of scopes()) deps.startSync(scope);
      });
      tick();
    },
    async stop() {
      cancelTimer?.();
      unsubscribe?.();
    },
  };
}
