import type { Scope } from '../../src-preload/contract';
import type { StripeObjectLike } from '../cache';
import type { SupportDeps } from './support-deps';

/** Puts what Stripe answered into the cache straight away, stamped with the request's time window. */
export class WriteBack {
  constructor(
    private readonly applyObject: SupportDeps['applyObject'],
    private readonly now: () => number,
  ) {}

  /** Sends a request and writes its answer. */
  async fetch<T extends object>(scope: Scope, request: () => Promise<T>): Promise<T> {
    const sentAt = this.now();
    const answer = await request();
    this.applyObject(scope, answer as unknown as StripeObjectLike, sentAt);
    return answer;
  }

  /** Re-reads an object a mutation changed (a charge after a refund). Best effort: the sync catches up if this fails. */
  async refresh(scope: Scope, request: () => Promise<object>): Promise<void> {
    try {
      await this.fetch(scope, request);
    } catch {
      // The mutation itself succeeded; a failed re-read must not turn it into an error.
    }
  }
}
