import type Stripe from 'stripe';
import { META, resourceOf, type CacheStore, type PendingRange } from '../cache';
import type { ConcurrencyGate } from './concurrency-gate';
import { RangePlanner } from './range-planner';
import { BACKFILL_LISTS, collapseExpansions, LISTED_RESOURCES, PAYMENT_METHOD_SOURCES, type ListedResource } from './resource-api';
import { Aborted, untilSuccess, type RetryHooks } from './retry';
import type { StaleObject } from './event-applier';

export interface BackfillDeps {
  store: CacheStore;
  stripe: () => Promise<Stripe>;
  gate: ConcurrencyGate;
  retry: RetryHooks;
  now: () => number;
  /** Parallel workers per resource (each pages its own `created` range). */
  workersPerResource: number;
  onPage: (resource: ListedResource, count: number) => void;
  onStale: (objects: StaleObject[]) => void;
}

const PAGE_SIZE = 100;

/**
 * Lists every resource into the cache, all resources at once and each in several `created` ranges at once,
 * storing each page and the checkpoint of what remains in one transaction: after a quit or crash it
 * resumes where it was and never refetches a finished range. A resource is recorded complete only after its
 * last range reached its end — a rate-limited or interrupted run never is.
 */
export class Backfill {
  readonly planners = new Map<ListedResource, RangePlanner>();
  readonly failures = new Map<ListedResource, unknown>();

  constructor(private readonly deps: BackfillDeps) {}

  async run(): Promise<void> {
    const { store } = this.deps;
    const pending = LISTED_RESOURCES.filter((r) => !store.state.get(r).complete);
    if (pending.length === 0) return this.completePaymentMethods();
    const floor = await this.floor();
    for (const resource of pending) {
      let checkpoint = store.state.get(resource).checkpoint;
      if (!checkpoint) {
        checkpoint = RangePlanner.fresh(floor);
        store.state.begin(resource, checkpoint, this.deps.now());
      }
      this.planners.set(resource, new RangePlanner(checkpoint.ranges, this.deps.now));
    }
    if (!store.state.get('payment_methods').startedAt) store.state.begin('payment_methods', { ranges: [] }, this.deps.now());
    this.deps.retry.signal.addEventListener('abort', () => this.planners.forEach((p) => p.notify()), { once: true });
    await Promise.all(pending.map((resource) => this.runResource(resource)));
    if (this.deps.retry.signal.aborted) throw new Aborted();
    this.completePaymentMethods();
  }

  private async runResource(resource: ListedResource): Promise<void> {
    const planner = this.planners.get(resource)!;
    const workers = Array.from({ length: this.deps.workersPerResource }, () => this.worker(resource, planner));
    const results = await Promise.allSettled(workers);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof Aborted));
    if (failure) {
      this.failures.set(resource, failure.reason);
      this.deps.store.state.error(resource, String((failure.reason as Error)?.message ?? failure.reason), this.deps.now());
    } else if (planner.done) {
      this.deps.store.state.complete(resource, this.deps.now());
    }
  }

  private async worker(resource: ListedResource, planner: RangePlanner): Promise<void> {
    const { signal } = this.deps.retry;
    while (!planner.done && !signal.aborted && !this.failures.has(resource)) {
      const range = planner.take();
      if (!range) {
        await planner.changed();
        continue;
      }
      try {
        while (!planner.isFinished(range)) await this.page(resource, planner, range);
      } catch (err) {
        planner.release(range);
        this.failures.set(resource, err);
        throw err;
      }
    }
  }

  private async page(resource: ListedResource, planner: RangePlanner, range: PendingRange): Promise<void> {
    const { store, now } = this.deps;
    const spec = BACKFILL_LISTS[resource];
    const params = {
      ...spec.params,
      limit: PAGE_SIZE,
      created: range.hi === null ? { gte: range.lo } : { gte: range.lo, lt: range.hi },
      ...(range.after ? { starting_after: range.after } : {}),
      ...(spec.expand ? { expand: spec.expand } : {}),
    };
    const stripe = await this.deps.stripe();
    const sentAt = now();
    const page = await untilSuccess(() => this.deps.gate.run(() => spec.list(stripe, params)), this.deps.retry);
    const freshness = { lo: sentAt, hi: now() };
    const stale = store.transaction(() => {
      const doubtful: StaleObject[] = [];
      for (const object of page.data) {
        for (const nested of collapseExpansions(object, spec.expand ?? [])) {
          const nestedResource = resourceOf(nested.object);
          if (nestedResource && nestedResource !== 'events') store.upsert(nestedResource, [nested], freshness);
        }
      }
      for (const id of store.upsert(resource, page.data, freshness).doubtful) doubtful.push({ resource, id });
      const last = page.data[page.data.length - 1];
      planner.advance(range, {
        count: page.data.length,
        last: last ? { id: last.id, created: last.created ?? 0 } : null,
        hasMore: page.has_more,
      });
      store.state.progress(resource, planner.checkpoint(), page.data.length, freshness.hi);
      store.state.setMeta(META.dataAsOf, freshness.hi);
      return doubtful;
    });
    this.deps.onPage(resource, page.data.length);
    if (stale.length > 0) this.deps.onStale(stale);
  }

  /** The account's creation time bounds every object's `created`; without it (restricted key), the epoch. */
  private async floor(): Promise<number> {
    const stripe = await this.deps.stripe();
    try {
      const account = await untilSuccess(() => this.deps.gate.run(() => stripe.accounts.retrieveCurrent()), this.deps.retry);
      return Math.max(0, (account.created ?? 0) - 1);
    } catch (err) {
      if (err instanceof Aborted) throw err;
      return 0;
    }
  }

  private completePaymentMethods(): void {
    const { store, now } = this.deps;
    if (store.state.get('payment_methods').complete) return;
    if (PAYMENT_METHOD_SOURCES.every((r) => store.state.get(r).complete)) {
      if (!store.state.get('payment_methods').startedAt) store.state.begin('payment_methods', { ranges: [] }, now());
      store.state.complete('payment_methods', now());
    }
  }
}
