import type { Scope } from '../../src-preload/contract';
import {
  REVIEW_STATES,
  type DisputeCharts,
  type DisputeFilter,
  type DisputeRow,
  type DisputeTotal,
  type UrgentDisputes,
} from '../../src-preload/contract/disputes';
import type { CachedDisputeRow, DisputeQueueFilter, DisputeRepo } from '../cache/repos/dispute-repo';
import type { DisputeReviews } from './dispute-reviews';
import type { EvidenceDrafts } from './evidence-drafts';

/**
 * The dispute queue of one account+mode: the cache's disputes (ordered, filtered, totalled by SQLite, never from
 * what the renderer shows) joined with the review states and drafts kept in app.db.
 */
export class DisputeQueue {
  constructor(
    private readonly scope: Scope,
    private readonly disputes: DisputeRepo,
    private readonly reviews: DisputeReviews,
    private readonly drafts: EvidenceDrafts,
    /** Unix seconds: what counts as overdue. */
    private readonly nowSeconds: number,
  ) {}

  page(
    filter: DisputeFilter,
    cursor: string | null | undefined,
    limit: number,
  ): { rows: DisputeRow[]; nextCursor: string | null } {
    const page = this.disputes.queuePage(this.cacheFilter(filter), this.nowSeconds, cursor ?? null, limit);
    return { rows: this.withLocalState(page.rows), nextCursor: page.nextCursor };
  }

  count(filter: DisputeFilter): number {
    return this.disputes.queueCount(this.cacheFilter(filter));
  }

  /** Every row of the filtered queue, in queue order (for export). */
  all(filter: DisputeFilter): DisputeRow[] {
    return this.withLocalState(this.disputes.queueAll(this.cacheFilter(filter), this.nowSeconds));
  }

  /** The rows for these ids (a customer's other disputes). */
  byIds(ids: string[]): DisputeRow[] {
    return this.withLocalState(this.disputes.byIds(ids));
  }

  totals(filter: DisputeFilter): DisputeTotal[] {
    return this.disputes.totals(this.cacheFilter(filter));
  }

  charts(filter: DisputeFilter): DisputeCharts {
    return this.disputes.charts(this.cacheFilter(filter));
  }

  /** Disputes that need a response and are due within 48 hours (not yet overdue), soonest first. */
  urgent(): UrgentDisputes {
    return this.disputes.urgent(this.nowSeconds);
  }

  /** Review states live in app.db: match on the (hand-made, so few) ids set to the wanted — or unwanted — states. */
  private cacheFilter({ reviews: wanted, ...filter }: DisputeFilter): DisputeQueueFilter {
    if (!wanted?.length) return filter;
    if (wanted.includes('unreviewed')) {
      const unwanted = REVIEW_STATES.filter((s) => !wanted.includes(s));
      return { ...filter, ids: { except: this.reviews.idsIn(this.scope, unwanted) } };
    }
    return { ...filter, ids: { only: this.reviews.idsIn(this.scope, wanted) } };
  }

  private withLocalState(rows: CachedDisputeRow[]): DisputeRow[] {
    const ids = rows.map((r) => r.id);
    const reviews = this.reviews.states(this.scope, ids);
    const drafted = this.drafts.drafted(this.scope, ids);
    return rows.map((r) => ({ ...r, review: reviews.get(r.id) ?? 'unreviewed', drafted: drafted.has(r.id) }));
  }
}
