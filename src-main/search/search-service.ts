import type Stripe from 'stripe';
import type { LiveSearchAnswer, Scope, SearchHit, SearchKind } from '../../src-preload/contract';
import type { CacheStore, StripeObjectLike } from '../cache';
import { toConsoleError } from '../stripe/errors';
import { CacheSearch } from './cache-search';
import { hitOf, stripeQueriesFor } from './stripe-search';

/** The cache table each kind of hit lives in (what the backfill must have finished for the cache to be enough). */
const RESOURCE_OF: Record<SearchKind, string> = {
  customer: 'customers',
  payment: 'payment_intents',
  invoice: 'invoices',
  subscription: 'subscriptions',
  dispute: 'disputes',
};

export interface SearchServiceDeps {
  cache(scope: Scope): CacheStore;
  /** The StripeGateway's client: every request it sends takes a token from the scope's rate budget. */
  stripe(scope: Scope): Promise<Stripe>;
  /** Cache tables whose backfill has finished for the scope. */
  completeResources(scope: Scope): ReadonlySet<string>;
  /** Writes what Stripe returned into the cache (freshness-checked), so opening a live hit works at once. */
  applyObject(scope: Scope, object: StripeObjectLike, sentAt: number): void;
  now(): number;
}

/** The header search: the cache at once, and Stripe's Search API for whatever sync hasn't fetched yet. */
export class SearchService {
  constructor(private readonly deps: SearchServiceDeps) {}

  everything(scope: Scope, query: string, kinds: readonly SearchKind[], limit: number): SearchHit[] {
    return new CacheSearch(this.deps.cache(scope)).search(query, kinds, limit);
  }

  async live(scope: Scope, query: string, kinds: readonly SearchKind[], limit: number): Promise<LiveSearchAnswer> {
    const complete = this.deps.completeResources(scope);
    const pending = kinds.filter((k) => !complete.has(RESOURCE_OF[k]));
    if (pending.length === 0) return { hits: [], asked: false, note: null };
    const queries = stripeQueriesFor(query, pending);
    if (queries.length === 0) return { hits: [], asked: false, note: null };
    const stripe = await this.deps.stripe(scope);
    const sentAt = this.deps.now();
    const answers = await Promise.allSettled(
      queries.map(async (q) => ({ kind: q.kind, objects: await q.run(stripe, limit) })),
    );
    const hits: SearchHit[] = [];
    const problems: string[] = [];
    for (const answer of answers) {
      if (answer.status === 'rejected') {
        const error = toConsoleError(answer.reason);
        // An id nobody has is simply not found.
        const missing = error.code === 'not_found' || (error.details as { statusCode?: unknown }).statusCode === 404;
        if (!missing) problems.push(error.message);
        continue;
      }
      for (const object of answer.value.objects) {
        if (!object?.id || object.deleted) continue;
        this.deps.applyObject(scope, object, sentAt);
        hits.push(hitOf(answer.value.kind, object));
      }
    }
    return {
      hits,
      asked: true,
      note: problems.length ? `Stripe couldn’t be searched: ${problems[0]}` : null,
    };
  }
}
