import type Stripe from 'stripe';
import { META } from '../cache';
import type { ConcurrencyGate } from './concurrency-gate';
import { EVENT_RETENTION_MS } from './event-poller';
import { untilSuccess, type RetryHooks } from './retry';
import { getMetaNumber, type SyncStore } from './sync-store';

const HISTORY_AFTER = 'events.history_after';
const HISTORY_DONE = 'events.history_done';

export interface EventHistoryDeps {
  store: SyncStore;
  stripe: () => Promise<Stripe>;
  gate: ConcurrencyGate;
  retry: RetryHooks;
  now: () => number;
}

/**
 * Fills the event log (Events view, customer timelines) with the 30 days Stripe keeps. Only events created before
 * the poller's starting point are listed, so the two never overlap, and they are stored, not applied: the backfill
 * already holds state newer than any of them. Pages stream to the store and the cursor is checkpointed, so a big
 * account neither holds its history in memory nor lists it twice after a restart.
 */
export class EventHistory {
  constructor(private readonly deps: EventHistoryDeps) {}

  async run(): Promise<number> {
    const { store, now } = this.deps;
    const before = await getMetaNumber(store, META.eventsSince);
    if (before === null || (await store.getMeta(HISTORY_DONE)) !== null) return 0;
    // A minute inside the window, so an event isn't pruned by Stripe between two pages.
    const since = Math.floor((now() - EVENT_RETENTION_MS) / 1000) + 60;
    const stripe = await this.deps.stripe();
    let after = await store.getMeta(HISTORY_AFTER);
    let stored = 0;
    for (;;) {
      const params = { limit: 100, created: { gte: since, lt: before }, ...(after ? { starting_after: after } : {}) };
      const page = await untilSuccess(() => this.deps.gate.run(() => stripe.events.list(params)), this.deps.retry);
      const receivedAt = now();
      const last = page.data[page.data.length - 1];
      stored += await store.transaction(async (tx) => {
        let recorded = 0;
        for (const event of page.data) if (await tx.recordEvent({ ...event }, 'history', receivedAt)) recorded++;
        if (last) await tx.setMeta(HISTORY_AFTER, last.id);
        if (!page.has_more || !last) await tx.setMeta(HISTORY_DONE, receivedAt);
        return recorded;
      });
      if (!page.has_more || !last) return stored;
      after = last.id;
    }
  }
}
