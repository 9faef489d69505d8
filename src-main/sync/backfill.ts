import type Stripe from 'stripe';
import { resourceOf, type BackfillResource, type PendingRange, type StripeObjectLike } from '../cache';
import type { ConcurrencyGate } from './concurrency-gate';
import { PAGE_SIZE, RangePlanner } from './range-planner';
import {
  BACKFILL_LISTS,
  collapseExpansions,
  LISTED_RESOURCES,
  PAYMENT_METHOD_SOURCES,
  type ListedResource,
} from './resource-api';
import { Aborted, untilSuccess, type RetryHooks } from './retry';
import type { StaleObject } from './event-applier';
import { advanceDataAsOf, type SyncStore } from './sync-store';

export interface BackfillDeps {
  store: SyncStore;
  stripe: () => Promise<Stripe>;
  gate: ConcurrencyGate;
  retry: RetryHooks;
  now: () => number;
  /** Most ranges paged at once, across all resources (each worker pages one `created` range at a time). */
  workers: number;
  /** The scope's rate budget, requests per second. */
  rate: () => number;
  onPage: (resource: ListedResource, count: number) => void;
  onStale: (objects: StaleObject[]) => void;
}

interface Job {
  resource: ListedResource;
  planner: RangePlanner;
  range: PendingRange;
}

/**
 * Lists every resource into the cache, all resources at once and each in several `created` ranges at once,
 * storing each page and the checkpoint of what remains in one transaction: after a quit or crash it
 * resumes where it was and never refetches a finished range. One pool of workers serves every resource: a
 * worker whose range ended takes a waiting range, or splits the biggest one left anywhere, so the budget
 * stays busy until the last page. A resource is recorded complete only after its last range reached its
 * end — a rate-limited or interrupted run never is.
 */
export class Backfill {
  readonly planners = new Map<ListedResource, RangePlanner>();
  readonly failures = new Map<ListedResource, unknown>();
  private waiters: (() => void)[] = [];
  /** Ranges being paged right now. */
  private streams = 0;
  /** The last page round trips (ms), waiting for the budget included. */
  private readonly roundTrips: number[] = [];

  constructor(private readonly deps: BackfillDeps) {}

  async run(): Promise<void> {
    const { store } = this.deps;
    const states = new Map(
      await Promise.all(LISTED_RESOURCES.map(async (r) => [r, await store.resourceState(r)] as const)),
    );
    const pending = LISTED_RESOURCES.filter((r) => !states.get(r)!.complete);
    if (pending.length === 0) return this.completePaymentMethods();
    const floor = await this.floor();
    for (const resource of pending) {
      let checkpoint = states.get(resource)!.checkpoint;
      if (!checkpoint) {
        checkpoint = RangePlanner.fresh(floor);
        await store.beginResource(resource, checkpoint, this.deps.now());
      }
      this.planners.set(resource, new RangePlanner(checkpoint.ranges, this.deps.now));
    }
    if (!(await store.resourceState('payment_methods')).startedAt)
      await store.beginResource('payment_methods', { ranges: [] }, this.deps.now());
    this.deps.retry.signal.addEventListener('abort', () => this.notify(), { once: true });
    await Promise.all(Array.from({ length: Math.max(1, this.deps.workers) }, () => this.worker()));
    if (this.deps.retry.signal.aborted) throw new Aborted();
    await this.completePaymentMethods();
  }

  private async worker(): Promise<void> {
    const { signal } = this.deps.retry;
    while (!signal.aborted && this.active().length > 0) {
      const job = this.take();
      if (!job) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      this.streams++;
      try {
        while (!job.planner.isFinished(job.range) && !this.failures.has(job.resource)) {
          await this.page(job);
          this.notify(); // a page teaches density: an idle worker may now split a range
        }
      } catch (err) {
        job.planner.release(job.range);
        if (err instanceof Aborted) return;
        await this.fail(job.resource, err);
      } finally {
        this.streams--;
        this.notify();
      }
    }
  }

  /** Planners with work left and no failure. */
  private active(): [ListedResource, RangePlanner][] {
    return [...this.planners].filter(([resource, planner]) => !planner.done && !this.failures.has(resource));
  }

  /** A waiting range of any resource, or else the lower part of the biggest range left anywhere. */
  private take(): Job | null {
    const active = this.active();
    for (const [resource, planner] of active) {
      const range = planner.takeIdle();
      if (range) return { resource, planner, range };
    }
    // Each extra range ends in one more partial page: split only while too few ranges keep the budget busy.
    if (!this.budgetUnderused()) return null;
    let best: [ListedResource, RangePlanner] | null = null;
    for (const entry of active) if (entry[1].splittable() > (best?.[1].splittable() ?? 0)) best = entry;
    const range = best?.[1].split();
    return best && range ? { resource: best[0], planner: best[1], range } : null;
  }

  /**
   * Whether the ranges being paged leave budget unused. By Little's law they send streams ÷ round trip
   * requests per second; while that reaches the rate, requests already queue for the budget and another
   * range would only add a partial page. Needs a few round trips to judge.
   */
  private budgetUnderused(): boolean {
    if (this.roundTrips.length < 5) return false;
    const roundTripSeconds = this.roundTrips.reduce((sum, ms) => sum + ms, 0) / this.roundTrips.length / 1000;
    return this.streams / roundTripSeconds < this.deps.rate() * 0.95;
  }

  private recordRoundTrip(ms: number): void {
    this.roundTrips.push(ms);
    if (this.roundTrips.length > 10) this.roundTrips.shift();
  }

  /** A request that retrying can't fix (bad key, missing permission): this resource stops, the others go on. */
  private async fail(resource: ListedResource, err: unknown): Promise<void> {
    this.failures.set(resource, err);
    await this.deps.store.resourceError(resource, String((err as Error)?.message ?? err), this.deps.now());
  }

  private notify(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private async page({ resource, planner, range }: Job): Promise<void> {
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
    this.recordRoundTrip(freshness.hi - sentAt);
    const nested = new Map<BackfillResource, StripeObjectLike[]>();
    for (const object of page.data) {
      for (const expanded of collapseExpansions(object, spec.expand ?? [])) {
        const nestedResource = resourceOf(expanded.object);
        if (nestedResource && nestedResource !== 'events')
          nested.set(nestedResource, [...(nested.get(nestedResource) ?? []), expanded]);
      }
    }
    const last = page.data[page.data.length - 1];
    planner.advance(range, {
      count: page.data.length,
      last: last ? { id: last.id, created: last.created ?? 0 } : null,
      hasMore: page.has_more,
    });
    const checkpoint = planner.checkpoint();
    const done = planner.done;
    // The page, its expanded objects and the checkpoint of what remains commit together (or not at all).
    const stale = await store.transaction(async (tx) => {
      for (const [nestedResource, objects] of nested) await tx.upsert(nestedResource, objects, freshness);
      const { doubtful } = await tx.upsert(resource, page.data, freshness);
      await tx.progress(resource, checkpoint, page.data.length, freshness.hi);
      if (done) await tx.completeResource(resource, freshness.hi);
      await advanceDataAsOf(tx, freshness.hi);
      return doubtful.map((id): StaleObject => ({ resource, id }));
    });
    this.deps.onPage(resource, page.data.length);
    if (stale.length > 0) this.deps.onStale(stale);
  }

  /** The account's creation time bounds every object's `created`; without it (restricted key), the epoch. */
  private async floor(): Promise<number> {
    const stripe = await this.deps.stripe();
    try {
      const account = await untilSuccess(
        () => this.deps.gate.run(() => stripe.accounts.retrieveCurrent()),
        this.deps.retry,
      );
      return Math.max(0, (account.created ?? 0) - 1);
    } catch (err) {
      if (err instanceof Aborted) throw err;
      return 0;
    }
  }

  private async completePaymentMethods(): Promise<void> {
    const { store, now } = this.deps;
    const state = await store.resourceState('payment_methods');
    if (state.complete) return;
    const sources = await Promise.all(PAYMENT_METHOD_SOURCES.map((r) => store.resourceState(r)));
    if (sources.every((s) => s.complete)) {
      if (!state.startedAt) await store.beginResource('payment_methods', { ranges: [] }, now());
      await store.completeResource('payment_methods', now());
    }
  }
}
