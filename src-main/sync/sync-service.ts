import type { Mode, Scope, SyncProgress, SyncStateView } from '../../src-preload/contract';
import {
  META,
  RESOURCES,
  resourceOf,
  type BackfillResource,
  type CacheRegistry,
  type EventRecord,
  type EventSource,
  type AnyStripeObject,
  type UpsertOutcome,
} from '../cache';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/event-bus';
import type { Logger } from '../platform/logger';
import { ConnectivityMonitor } from '../stripe/connectivity';
import type { StripeGateway } from '../stripe/gateway';
import { applyEvent, type ApplyOutcome } from './event-applier';
import { ScopeSync, type ScopeSyncOptions } from './scope-sync';
import { SqliteSyncStore } from './sqlite-sync-store';

export interface SyncServiceDeps {
  caches: CacheRegistry;
  gateway: StripeGateway;
  connectivity: ConnectivityMonitor;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  options?: Partial<ScopeSyncOptions>;
}

const DEFAULT_OPTIONS: ScopeSyncOptions = { pollIntervalMs: 5000 };
const PROGRESS_INTERVAL_MS = 250;

/**
 * The one entry point to syncing: per account+mode a ScopeSync, started on demand and kept running until
 * stop(). Features call applyObject() with what Stripe answered a mutation, so the cache shows it at once.
 */
export class SyncService {
  private readonly syncs = new Map<string, ScopeSync>();
  /** One per scope: the sync engine's transactions on a cache file are queued on it. */
  private readonly stores = new Map<string, SqliteSyncStore>();
  private readonly emitTimers = new Map<string, () => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: SyncServiceDeps) {
    // Back online: cut every offline wait short instead of sleeping out the backoff.
    // Either way, the status bar's sync summary follows at once (it says offline rather than "up to date").
    this.unsubscribe = deps.connectivity.onChange((key, state) => {
      const sync = this.syncs.get(key);
      if (!sync) return;
      if (state.online) sync.wake();
      this.scheduleEmit(sync.scope);
    });
  }

  start(scope: Scope): SyncProgress {
    this.sync(scope).start();
    return this.status(scope);
  }

  status(scope: Scope): SyncProgress {
    return this.sync(scope).status(this.store(scope).statusViewNow());
  }

  /** Forgets every checkpoint and lists everything again; cached rows are replaced as pages arrive. */
  async resync(scope: Scope): Promise<SyncProgress> {
    const sync = this.sync(scope);
    await sync.stop();
    this.deps.caches.open(scope).state.invalidateAll();
    sync.start();
    return this.status(scope);
  }

  /** Stops one scope's sync, or every one. Checkpoints are already on disk; start() resumes. */
  async stop(scope?: Scope): Promise<void> {
    const targets = scope ? [this.syncs.get(key(scope))] : [...this.syncs.values()];
    await Promise.all(targets.map((s) => s?.stop()));
  }

  /** Stops and drops an account's syncs — one mode's, or both — before those cache files are deleted. */
  async forget(accountId: string, only?: Mode): Promise<void> {
    const forgotten = (k: string) => k.startsWith(`${accountId}:`) && (!only || k === `${accountId}:${only}`);
    for (const [k, sync] of [...this.syncs]) {
      if (!forgotten(k)) continue;
      await sync.stop();
      this.syncs.delete(k);
    }
    // After the stops: a webhook applied meanwhile may have scheduled a progress report on a scope with no sync.
    for (const k of [...this.stores.keys()]) if (forgotten(k)) this.stores.delete(k);
    for (const [k, cancel] of [...this.emitTimers]) {
      if (!forgotten(k)) continue;
      cancel();
      this.emitTimers.delete(k);
    }
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.stop();
    for (const cancel of this.emitTimers.values()) cancel();
    this.emitTimers.clear();
  }

  /** Stores an object Stripe just returned; `sentAt` is when the request that returned it was sent. */
  applyObject(scope: Scope, object: AnyStripeObject, sentAt?: number): UpsertOutcome | null {
    const now = this.deps.clock.now();
    const outcome = this.deps.caches.open(scope).applyObject(object, { lo: sentAt ?? now, hi: now });
    const resource = resourceOf(object.object);
    if (resource && outcome?.doubtful.length) this.sync(scope).queueRefetch([{ resource, id: object.id }]);
    return outcome;
  }

  /** Applies an event from the webhook inbox: once per id, shared ledger with the poller. */
  async ingestEvent(scope: Scope, event: EventRecord, source: EventSource, receivedAt: number): Promise<ApplyOutcome> {
    const outcome = await applyEvent(this.store(scope), event, source, receivedAt);
    if (outcome.status === 'applied' && outcome.refetch.length > 0) this.sync(scope).queueRefetch(outcome.refetch);
    if (outcome.status === 'applied') this.scheduleEmit(scope);
    return outcome;
  }

  /** Unix seconds of the newest moment the cache is known to reflect. */
  dataAsOf(scope: Scope): number | null {
    const ms = this.deps.caches.open(scope).state.getMetaNumber(META.dataAsOf);
    return ms === null ? null : Math.floor(ms / 1000);
  }

  state(scope: Scope): SyncStateView {
    const store = this.deps.caches.open(scope);
    const states = new Map(store.state.all().map((s) => [s.resource, s]));
    const resources = RESOURCES.filter((r): r is BackfillResource => r !== 'events').map((resource) => {
      const s = states.get(resource);
      const ranges = s?.checkpoint?.ranges ?? [];
      const newest = ranges.find((r) => r.after);
      return {
        resource,
        complete: s?.complete ?? false,
        fetched: s?.fetched ?? 0,
        startedAt: s?.startedAt ?? null,
        lastRunAt: s?.lastRunAt ?? null,
        completedAt: s?.completedAt ?? null,
        lastError: s?.lastError ?? null,
        cursor:
          ranges.length === 0
            ? null
            : `${ranges.length} range${ranges.length === 1 ? '' : 's'} left${newest ? `, continuing after ${newest.after}` : ''}`,
        cached: store.count(resource),
      };
    });
    return {
      resources,
      eventsSince: store.state.getMetaNumber(META.eventsSince),
      lastEventId: store.state.getMeta(META.lastEventId),
      lastPollAt: store.state.getMetaNumber(META.lastPollAt),
      dataAsOf: this.dataAsOf(scope),
      backfillReason: store.state.getMeta(META.backfillReason),
    };
  }

  private sync(scope: Scope): ScopeSync {
    const k = key(scope);
    let sync = this.syncs.get(k);
    if (!sync) {
      const { gateway, clock, logger } = this.deps;
      sync = new ScopeSync({
        scope,
        store: this.store(scope),
        stripe: () => gateway.client(scope, 'background'),
        ratePerSecond: () => gateway.budget(scope).ratePerSecond,
        online: () => this.deps.connectivity.get(k).online,
        clock,
        now: () => clock.now(),
        logger,
        changed: () => this.scheduleEmit(scope),
        options: { ...DEFAULT_OPTIONS, ...this.deps.options },
      });
      this.syncs.set(k, sync);
    }
    return sync;
  }

  private store(scope: Scope): SqliteSyncStore {
    const k = key(scope);
    let store = this.stores.get(k);
    if (!store) this.stores.set(k, (store = new SqliteSyncStore(this.deps.caches.open(scope))));
    return store;
  }

  /** At most one `sync.progress` per scope every 250 ms, however many pages land. */
  private scheduleEmit(scope: Scope): void {
    const k = key(scope);
    if (this.emitTimers.has(k)) return;
    this.emitTimers.set(
      k,
      this.deps.clock.setTimer(() => {
        this.emitTimers.delete(k);
        this.deps.events.emit('sync.progress', this.status(scope));
      }, PROGRESS_INTERVAL_MS),
    );
  }
}

function key(scope: Scope): string {
  return ConnectivityMonitor.key(scope.accountId, scope.mode);
}
