import { setMaxListeners } from 'node:events';
import type Stripe from 'stripe';
import type { Scope, SyncProgress } from '../../src-preload/contract';
import { META, RESOURCES, type BackfillResource, type Resource, type StripeObjectLike } from '../cache';
import type { Logger } from '../platform/logger';
import { toConsoleError } from '../stripe/errors';
import { Backfill } from './backfill';
import { ConcurrencyGate } from './concurrency-gate';
import type { StaleObject } from './event-applier';
import { EventHistory } from './event-history';
import { EventPoller } from './event-poller';
import { RateMeter } from './rate-meter';
import { RETRIEVERS, type ListedResource } from './resource-api';
import { sleep, type Clock } from '../platform/clock';
import { Aborted, untilSuccess, type RetryHooks, type RetryReason } from './retry';
import type { SyncStatusView, SyncStore } from './sync-store';

export interface ScopeSyncOptions {
  pollIntervalMs: number;
  /** Ranges paged at once by the backfill; by default enough to keep the rate budget busy (see ConcurrencyGate). */
  workers?: number;
}

export interface ScopeSyncDeps {
  scope: Scope;
  store: SyncStore;
  stripe: () => Promise<Stripe>;
  ratePerSecond: () => number;
  /** Whether Stripe answered the last request for this scope (from anyone: sync, views, actions). */
  online: () => boolean;
  clock: Clock;
  now: () => number;
  logger: Logger;
  /** Progress changed (the service throttles and emits `sync.progress`). */
  changed: () => void;
  options: ScopeSyncOptions;
}

const MAX_REFETCH_ATTEMPTS = 3;
const MAX_STOP_LISTENERS = 100;
const QUIET_REPORT_MS = 60_000;
const BACKFILL_RESOURCES = RESOURCES.filter((r): r is BackfillResource => r !== 'events');

/**
 * Keeps one account+mode's cache in step with Stripe: backfill (resumed from checkpoints) alongside the
 * event poller, plus refetches of objects whose snapshots were in doubt. Survives offline spells and 429s
 * by waiting and retrying; stop() ends everything promptly.
 */
export class ScopeSync {
  private controller = new AbortController();
  private running: Promise<void> | null = null;
  private backfill: Backfill | null = null;
  private readonly meters = new Map<Resource, RateMeter>();
  private readonly refetchQueue = new Map<string, StaleObject & { attempts: number }>();
  private wakeResolvers: (() => void)[] = [];
  private phaseReason: { reason: RetryReason; until: number } | null = null;
  private fatal: string | null = null;
  private notice: string | null = null;
  /** When a poll last reported progress (-Infinity: the first poll reports). */
  private pollReportedAt = -Infinity;
  private readonly gate: ConcurrencyGate;

  constructor(private readonly deps: ScopeSyncDeps) {
    this.gate = ConcurrencyGate.forRate(deps.ratePerSecond);
  }

  get scope(): Scope {
    return this.deps.scope;
  }

  get started(): boolean {
    return this.running !== null;
  }

  start(): void {
    if (this.running) return;
    this.controller = new AbortController();
    // Each request in flight listens for the stop (untilSuccess), up to the gate's 32 plus the backfill's waits.
    setMaxListeners(MAX_STOP_LISTENERS, this.controller.signal);
    this.fatal = null;
    this.running = this.run().finally(() => {
      this.running = null;
      this.deps.changed();
    });
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }

  /** Connectivity came back (or the user asked): cut short any offline wait. */
  wake(): void {
    for (const resolve of this.wakeResolvers.splice(0)) resolve();
  }

  /** Fetches one object from Stripe now and stores it (after a mutation, or when a snapshot was in doubt). */
  async refresh(resource: BackfillResource, id: string, attempts = 0): Promise<StripeObjectLike | null> {
    const { store, now } = this.deps;
    const stripe = await this.deps.stripe();
    const sentAt = now();
    try {
      const object = await untilSuccess(
        () => this.gate.run(() => RETRIEVERS[resource](stripe, id)),
        this.retryHooks(this.controller.signal),
      );
      const outcome = await store.upsert(resource, [object], { lo: sentAt, hi: now() });
      if (outcome.doubtful.length > 0) this.queueRefetch([{ resource, id }], attempts + 1);
      return object;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
      await store.markDeleted(resource, id, { lo: sentAt, hi: now() });
      return null;
    }
  }

  /** Progress from what the store holds (`view`) and what this run is doing now. */
  status(view: SyncStatusView): SyncProgress {
    const { scope, now } = this.deps;
    const states = new Map(view.states.map((s) => [s.resource, s]));
    const resources = BACKFILL_RESOURCES.map((resource) => {
      const state = states.get(resource);
      const rate = this.meters.get(resource)?.perSecond() ?? 0;
      const remaining = this.backfill?.planners.get(resource as ListedResource)?.estimatedRemaining() ?? null;
      return {
        resource,
        done: resource === 'payment_methods' ? view.paymentMethods : (state?.fetched ?? 0),
        ratePerSecond: Math.round(rate * 10) / 10,
        etaSeconds: state?.complete ? 0 : remaining !== null && rate > 0 ? Math.ceil(remaining / rate) : null,
        complete: state?.complete ?? false,
        lastError: state?.lastError ?? null,
      };
    });
    const dataAsOf = view.dataAsOf;
    const transient = !this.deps.online()
      ? 'offline'
      : this.phaseReason && this.phaseReason.until > now()
        ? this.phaseReason.reason
        : null;
    const phase: SyncProgress['phase'] = !this.running
      ? this.fatal
        ? 'error'
        : 'idle'
      : transient === 'offline'
        ? 'offline'
        : transient === 'rate_limited'
          ? 'rate_limited'
          : resources.every((r) => r.complete)
            ? 'incremental'
            : 'backfill';
    return {
      accountId: scope.accountId,
      mode: scope.mode,
      phase,
      resources,
      message: this.message(phase),
      dataAsOf: dataAsOf === null ? null : Math.floor(dataAsOf / 1000),
    };
  }

  private message(phase: SyncProgress['phase']): string | null {
    switch (phase) {
      case 'offline':
        return 'Offline — showing cached data; sync resumes by itself.';
      case 'rate_limited':
        return 'Stripe is rate limiting this account — waiting, then continuing.';
      case 'error':
        return this.fatal;
      default:
        return this.notice;
    }
  }

  private async run(): Promise<void> {
    const { store, now, logger, scope } = this.deps;
    const signal = this.controller.signal;
    try {
      if (await EventPoller.awayTooLong(store, now())) {
        await store.transaction(async (tx) => {
          await tx.invalidateAll();
          await tx.setMeta(META.eventsSince, Math.floor(now() / 1000) - 10);
          await tx.setMeta(META.backfillReason, 'away_over_30_days');
        });
        this.notice = 'Away longer than Stripe keeps events (30 days) — re-syncing everything.';
      }
      await EventPoller.startAt(store, now());
    } catch (err) {
      this.fatal = toConsoleError(err).message;
      logger.error('sync could not start', { accountId: scope.accountId, mode: scope.mode, error: this.fatal });
      return;
    }
    const retry = this.retryHooks(signal);
    this.backfill = new Backfill({
      store,
      stripe: this.deps.stripe,
      gate: this.gate,
      retry,
      now,
      workers: this.deps.options.workers ?? this.gate.limit,
      rate: this.deps.ratePerSecond,
      onPage: (resource, count) => this.meter(resource).add(count),
      onStale: (objects) => this.queueRefetch(objects),
    });
    const poller = new EventPoller({
      store,
      stripe: this.deps.stripe,
      gate: this.gate,
      retry,
      now,
      onStale: (o) => this.queueRefetch(o),
    });
    const history = new EventHistory({ store, stripe: this.deps.stripe, gate: this.gate, retry, now });
    try {
      await this.joinBranches([
        this.backfill.run().then(async () => {
          if (this.backfill!.failures.size === 0) this.notice = null;
          this.deps.changed();
          // The event log's history comes after the objects: views need those first.
          if ((await history.run()) > 0) this.deps.changed();
        }),
        this.pollLoop(poller, signal),
      ]);
    } catch (err) {
      if (err instanceof Aborted) return;
      this.fatal = toConsoleError(err).message;
      logger.error('sync stopped', { accountId: scope.accountId, mode: scope.mode, error: this.fatal });
    }
  }

  /**
   * Waits for every branch, so nothing writes after stop() returns. The first failure aborts the others (a fatal
   * error must not leave a branch running unowned); the first failure other than the abort is the one reported.
   */
  private async joinBranches(branches: Promise<void>[]): Promise<void> {
    const outcomes = await Promise.allSettled(
      branches.map((branch) =>
        branch.catch((err: unknown) => {
          this.controller.abort();
          throw err;
        }),
      ),
    );
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    const failure = failures.find((err) => !(err instanceof Aborted)) ?? failures[0];
    if (failure !== undefined) throw failure;
  }

  private async pollLoop(poller: EventPoller, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const { applied } = await poller.pollOnce();
      const refetched = await this.drainRefetches();
      // Progress is for what changed: every report has the views ask main again and main check deadlines. A quiet
      // poll reports only once a minute, so the status bar's "as of" time (shown to the minute) still moves on.
      const now = this.deps.now();
      if (applied > 0 || refetched > 0 || now - this.pollReportedAt >= QUIET_REPORT_MS) {
        this.pollReportedAt = now;
        this.deps.changed();
      }
      await sleep(this.deps.clock, this.deps.options.pollIntervalMs, signal, () => this.nextWake());
    }
    throw new Aborted();
  }

  /** Objects whose cached snapshot is in doubt: refetched by the poll loop (woken now). */
  queueRefetch(objects: StaleObject[], attempts = 0): void {
    for (const o of objects)
      if (o.resource !== 'events') this.refetchQueue.set(`${o.resource}:${o.id}`, { ...o, attempts });
    this.wake();
  }

  /** Refetches objects whose snapshots were in doubt (a few attempts each, then the next event settles it); how many were. */
  private async drainRefetches(): Promise<number> {
    const items = [...this.refetchQueue.values()];
    this.refetchQueue.clear();
    let refetched = 0;
    for (const item of items) {
      if (item.attempts >= MAX_REFETCH_ATTEMPTS) continue;
      try {
        await this.refresh(item.resource as BackfillResource, item.id, item.attempts);
        refetched++;
      } catch (err) {
        if (err instanceof Aborted) throw err;
        this.deps.logger.warn('refetch failed', {
          resource: item.resource,
          id: item.id,
          error: toConsoleError(err).code,
        });
      }
    }
    return refetched;
  }

  private retryHooks(signal: AbortSignal): RetryHooks {
    return {
      signal,
      clock: this.deps.clock,
      wake: () => this.nextWake(),
      onRetry: (reason, _attempt, delayMs) => {
        this.phaseReason = { reason, until: this.deps.now() + delayMs + 1000 };
        this.deps.changed();
      },
      onSuccess: () => {
        if (this.phaseReason) {
          this.phaseReason = null;
          this.deps.changed();
        }
      },
    };
  }

  private nextWake(): Promise<void> {
    return new Promise((resolve) => this.wakeResolvers.push(resolve));
  }

  private meter(resource: Resource): RateMeter {
    let meter = this.meters.get(resource);
    if (!meter) this.meters.set(resource, (meter = new RateMeter(this.deps.now)));
    return meter;
  }
}
