import type { Scope } from '../../src-preload/contract';
import { fieldsOf, type AnyStripeObject } from '../cache';
import type { MutationLedger, MutationOutcome } from './mutation-ledger';
import type { StripeGateway } from '../stripe/gateway';
import type { Json } from '../stripe/stripe-json';
import type { CacheAccess } from '../cache/cache-access';

/** What a feature's write service is given: the cache for Stripe's answers, the ledger, the gateway, who acts, the clock. */
export interface WriteServiceDeps extends CacheAccess {
  ledger: MutationLedger;
  gateway: StripeGateway;
  agent: () => string;
  now: () => number;
}

type StripeAnswer = { id: string; status?: string | null; lastResponse?: { requestId?: string } };

/** Stripe's answer to a write, as the ledger keeps it. */
export function answerOf<T extends StripeAnswer>(object: T): MutationOutcome<T> {
  return { id: object.id, status: object.status ?? null, requestId: object.lastResponse?.requestId ?? null, object };
}

/** A Stripe object read as loose JSON (the row mappers' input). */
export function toJson(object: AnyStripeObject): Json {
  return fieldsOf(object);
}

/** Puts what Stripe answered into the cache straight away, stamped with the request's time window. */
export class WriteBack {
  constructor(
    private readonly applyObject: CacheAccess['applyObject'],
    private readonly now: () => number,
  ) {}

  /** Writes an answer Stripe gave to a request sent at `sentAt`. */
  apply(scope: Scope, answer: AnyStripeObject, sentAt: number): void {
    this.applyObject(scope, answer, sentAt);
  }

  /** Sends a read and writes its answer. */
  async fetch<T extends AnyStripeObject>(scope: Scope, request: () => Promise<T>): Promise<T> {
    const sentAt = this.now();
    const answer = await request();
    this.apply(scope, answer, sentAt);
    return answer;
  }

  /** Re-reads an object a write changed (a charge after a refund). Best effort: the sync catches up if this fails. */
  async refresh(scope: Scope, request: () => Promise<AnyStripeObject>): Promise<void> {
    try {
      await this.fetch(scope, request);
    } catch {
      // The write itself succeeded; a failed re-read must not turn it into an error.
    }
  }
}
