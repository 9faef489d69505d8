import type Stripe from 'stripe';
import { ConsoleError } from '../../src-preload/contract';
import type { LookupContext, MutationOutcome } from './mutation-ledger';

/** Stripe lists events of the last 30 days only: before that, "no event" proves nothing. */
export const EVENT_RETENTION_SECONDS = 30 * 24 * 60 * 60;
/** Our clock and Stripe's may disagree by this much; the search window starts that much earlier. */
const CLOCK_SKEW_SECONDS = 5 * 60;
/** Pages of 100 events read at most; a busier account than that can't be searched to the end. */
const MAX_PAGES = 20;

/**
 * Finds the event Stripe recorded for this intent's request: every event carries the idempotency key of the
 * request that caused it, so an event with the intent's key proves the write took effect. Null when none of the
 * events since the first send has it (nothing took effect, or it changed nothing). Throws when the events that
 * would tell are gone (older than 30 days) or too many to read: the intent then stays unknown.
 */
export async function eventFor(
  stripe: Stripe,
  type: string,
  context: Pick<LookupContext, 'idempotencyKey' | 'firstSentAt' | 'now'>,
): Promise<Stripe.Event | null> {
  if (context.now - context.firstSentAt > EVENT_RETENTION_SECONDS - CLOCK_SKEW_SECONDS) throw cannotTell();
  let pages = 0;
  let startingAfter: string | undefined;
  for (;;) {
    const page = await stripe.events.list({
      type,
      created: { gte: context.firstSentAt - CLOCK_SKEW_SECONDS },
      limit: 100,
      ...(startingAfter ? { starting_after: startingAfter } : {}),
    });
    const mine = page.data.find((event) => event.request?.idempotency_key === context.idempotencyKey);
    if (mine) return mine;
    if (!page.has_more || page.data.length === 0) return null;
    if (++pages >= MAX_PAGES) throw cannotTell();
    startingAfter = page.data[page.data.length - 1]!.id;
  }
}

/** The object an event carries, as the ledger keeps a result (the snapshot the write produced, like a replay). */
export function outcomeOfEvent<T>(event: Stripe.Event): MutationOutcome<T> {
  const object = event.data.object as { id: string; status?: string | null };
  return { id: object.id, status: object.status ?? null, requestId: event.request?.id ?? null, object: object as T };
}

function cannotTell(): ConsoleError {
  return new ConsoleError(
    'conflict',
    'Stripe’s record of this request can no longer be searched, so it is unclear whether it was carried out. Check the object in Stripe.',
  );
}
