import type Stripe from 'stripe';
import { META, type EventRecord } from '../cache';
import type { ConcurrencyGate } from './concurrency-gate';
import { applyEventIn, type StaleObject } from './event-applier';
import { untilSuccess, type RetryHooks } from './retry';
import { advanceDataAsOf, getMetaNumber, type SyncStore } from './sync-store';

/** Stripe keeps events for 30 days; a cache last polled before that may have missed changes for good. */
export const EVENT_RETENTION_MS = 30 * 24 * 3600 * 1000;
/** Events can become visible in the list a little after their `created` second: each poll looks back this far. */
const LOOKBACK_SECONDS = 10;

export interface PollerDeps {
  store: SyncStore;
  stripe: () => Promise<Stripe>;
  gate: ConcurrencyGate;
  retry: RetryHooks;
  now: () => number;
  onStale: (objects: StaleObject[]) => void;
}

/**
 * Incremental sync: lists events created since the last poll (minus a look-back), oldest first, and applies
 * each once by id. Duplicates and reordering are harmless: the ledger drops repeats and the freshness rule
 * drops older snapshots.
 */
export class EventPoller {
  constructor(private readonly deps: PollerDeps) {}

  /** Where polling starts when the cache is new: just before the backfill began. */
  static async startAt(store: SyncStore, nowMs: number): Promise<void> {
    if ((await store.getMeta(META.eventsSince)) === null)
      await store.setMeta(META.eventsSince, Math.floor(nowMs / 1000) - LOOKBACK_SECONDS);
  }

  /** True when the last successful poll is older than Stripe keeps events. */
  static async awayTooLong(store: SyncStore, nowMs: number): Promise<boolean> {
    const last = await getMetaNumber(store, META.lastPollAt);
    return last !== null && nowMs - last > EVENT_RETENTION_MS;
  }

  async pollOnce(): Promise<{ applied: number; duplicates: number }> {
    const { store, now } = this.deps;
    const since = (await getMetaNumber(store, META.eventsSince)) ?? Math.floor(now() / 1000) - LOOKBACK_SECONDS;
    const stripe = await this.deps.stripe();
    const startedAt = now();
    const events: EventRecord[] = [];
    let after: string | null = null;
    for (;;) {
      const params = { limit: 100, created: { gte: since }, ...(after ? { starting_after: after } : {}) };
      const page: Stripe.ApiList<Stripe.Event> = await untilSuccess(
        () => this.deps.gate.run(() => stripe.events.list(params)),
        this.deps.retry,
      );
      // A spread copy is the SDK's typed event as a plain record (what the cache stores), no cast needed.
      events.push(...page.data.map((event): EventRecord => ({ ...event })));
      if (!page.has_more || page.data.length === 0) break;
      after = page.data[page.data.length - 1]!.id;
    }
    const receivedAt = now();
    // The list is newest first; apply oldest first.
    events.reverse().sort((a, b) => a.created - b.created);
    const newest = events.reduce((max, e) => Math.max(max, e.created), since);
    // One transaction for the whole poll: the events and the cursor that follows them land together.
    const outcomes = await store.transaction(async (tx) => {
      const results = [];
      for (const event of events) results.push(await applyEventIn(tx, event, 'poll', receivedAt));
      await tx.setMeta(META.eventsSince, Math.max(since, newest - LOOKBACK_SECONDS));
      await tx.setMeta(META.lastPollAt, startedAt);
      await advanceDataAsOf(tx, startedAt);
      if (events.length > 0) await tx.setMeta(META.lastEventId, events[events.length - 1]!.id);
      return results;
    });
    let applied = 0;
    let duplicates = 0;
    for (const outcome of outcomes) {
      if (outcome.status === 'duplicate') duplicates++;
      else {
        applied++;
        if (outcome.refetch.length > 0) this.deps.onStale(outcome.refetch);
      }
    }
    return { applied, duplicates };
  }
}
