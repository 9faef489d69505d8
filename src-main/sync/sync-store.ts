import type { Scope } from '../../src-preload/contract';
import { META } from '../cache';
import type {
  BackfillResource,
  Checkpoint,
  EventRecord,
  EventSource,
  Freshness,
  ResourceState,
  StripeObjectLike,
  UpsertOutcome,
} from '../cache';

/**
 * What the sync engine (backfill, event poller, event history, applier, refetches) needs from storage, for one
 * account+mode. The desktop keeps it in its SQLite cache (`SqliteSyncStore`); team mode keeps it in PostgreSQL
 * (`src-main/team/pg-sync-store.ts`). Every call may be asynchronous, and the work given to `transaction` must be
 * safe to run again: a store may retry it after a deadlock or a lost connection.
 */
export interface SyncWrites {
  /** Writes snapshots taken within `freshness`; an older snapshot never replaces a newer one (see freshness.ts). */
  upsert(
    resource: BackfillResource,
    objects: readonly StripeObjectLike[],
    freshness: Freshness,
  ): Promise<UpsertOutcome>;
  /** Marks an object deleted, keeping a tombstone so a late, older snapshot cannot bring it back. */
  markDeleted(resource: BackfillResource, id: string, freshness: Freshness): Promise<void>;
  /** Adds an event to the log; false when its id was already recorded (each event is applied once). */
  recordEvent(event: EventRecord, source: EventSource, receivedAt: number): Promise<boolean>;
  markEventApplied(id: string, at: number): Promise<void>;

  resourceState(resource: BackfillResource): Promise<ResourceState>;
  /** Begins (or re-begins) a resource's backfill with the ranges still to fetch. */
  beginResource(resource: BackfillResource, checkpoint: Checkpoint, now: number): Promise<void>;
  /** Records a page's progress; call in the transaction that stored the page, so data and checkpoint agree. */
  progress(resource: BackfillResource, checkpoint: Checkpoint, fetchedDelta: number, now: number): Promise<void>;
  completeResource(resource: BackfillResource, now: number): Promise<void>;
  resourceError(resource: BackfillResource, message: string, now: number): Promise<void>;
  /** Forgets every checkpoint, so the next run lists everything again (cached rows stay). */
  invalidateAll(): Promise<void>;

  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string | number): Promise<void>;
}

/** What the status bar and the sync service's health line read. */
export interface SyncStatusView {
  states: ResourceState[];
  /** Payment methods have no backfill counter of their own: they arrive inside other lists. */
  paymentMethods: number;
  /** Unix ms: everything stored reflects Stripe at least as of this moment. */
  dataAsOf: number | null;
}

export interface SyncStore extends SyncWrites {
  readonly scope: Scope;
  /** Runs `work` atomically: all of its writes land, or none. */
  transaction<T>(work: (tx: SyncWrites) => Promise<T>): Promise<T>;
  statusView(): Promise<SyncStatusView>;
}

/** Moves the data-as-of mark forward only: a poll that started before the last page ended must not pull it back. */
export async function advanceDataAsOf(store: SyncWrites, ms: number): Promise<void> {
  const current = await getMetaNumber(store, META.dataAsOf);
  if (current === null || ms > current) await store.setMeta(META.dataAsOf, ms);
}

export async function getMetaNumber(store: SyncWrites, key: string): Promise<number | null> {
  const value = await store.getMeta(key);
  return value === null ? null : Number(value);
}
