import type { Scope } from '../../src-preload/contract';
import { META, type CacheStore } from '../cache';
import type { SyncStatusView, SyncStore, SyncWrites } from './sync-store';

/**
 * The desktop's sync storage: the account+mode's SQLite cache. SQLite answers synchronously, so a transaction's
 * work never waits on I/O; transactions are still queued one at a time because they share one connection.
 */
export class SqliteSyncStore implements SyncStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly cache: CacheStore) {}

  get scope(): Scope {
    return this.cache.scope;
  }

  transaction<T>(work: (tx: SyncWrites) => Promise<T>): Promise<T> {
    // One transaction at a time per connection: calls queue behind each other.
    const run = this.queue.then(() => this.cache.writeTransaction(() => work(this)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Synchronous, for the desktop's status bar (called on every progress tick). */
  statusViewNow(): SyncStatusView {
    return {
      states: this.cache.state.all(),
      paymentMethods: this.cache.count('payment_methods'),
      dataAsOf: this.cache.state.getMetaNumber(META.dataAsOf),
    };
  }

  statusView = async (): Promise<SyncStatusView> => this.statusViewNow();
  upsert: SyncWrites['upsert'] = async (resource, objects, freshness) =>
    this.cache.upsert(resource, objects, freshness);
  markDeleted: SyncWrites['markDeleted'] = async (resource, id, freshness) =>
    this.cache.markDeleted(resource, id, freshness);
  recordEvent: SyncWrites['recordEvent'] = async (event, source, receivedAt) =>
    this.cache.recordEvent(event, source, receivedAt);
  markEventApplied: SyncWrites['markEventApplied'] = async (id, at) => this.cache.markEventApplied(id, at);
  resourceState: SyncWrites['resourceState'] = async (resource) => this.cache.state.get(resource);
  beginResource: SyncWrites['beginResource'] = async (resource, checkpoint, now) =>
    this.cache.state.begin(resource, checkpoint, now);
  progress: SyncWrites['progress'] = async (resource, checkpoint, delta, now) =>
    this.cache.state.progress(resource, checkpoint, delta, now);
  completeResource: SyncWrites['completeResource'] = async (resource, now) => this.cache.state.complete(resource, now);
  resourceError: SyncWrites['resourceError'] = async (resource, message, now) =>
    this.cache.state.error(resource, message, now);
  invalidateAll: SyncWrites['invalidateAll'] = async () => this.cache.state.invalidateAll();
  getMeta: SyncWrites['getMeta'] = async (key) => this.cache.state.getMeta(key);
  setMeta: SyncWrites['setMeta'] = async (key, value) => this.cache.state.setMeta(key, value);
}
