import type { ReviewState, Scope } from '../../src-preload/contract';
import type { OutboxItem, OutboxReview, TeamOutbox } from './team-outbox';
import type { TeamLedger } from './team-ledger';
import type { SharedReview, TeamReviews } from './team-reviews';

export interface OutboxPushDeps {
  outbox: TeamOutbox;
  ledger: Pick<TeamLedger, 'recorded'>;
  reviews: Pick<TeamReviews, 'share'>;
  /** The team's marker, for this console's copy (and the version it now has). */
  takeReview(scope: Scope, review: SharedReview): void;
  /** A marker of this console's agent was not shared: someone else's replaced the version it was set over. */
  refused(scope: Scope, disputeId: string, mine: OutboxReview, theirs: SharedReview): void;
}

/**
 * Pushes the outbox to the team database, oldest first, one entry at a time: an entry leaves the outbox only once
 * PostgreSQL has it, and the first failure stops the push (thrown) so the order holds; the entry is tried again
 * first next time, and its source key makes a repeat of a push that did commit change nothing. Returns how many
 * entries left the outbox.
 */
export async function pushOutbox(deps: OutboxPushDeps): Promise<number> {
  let pushed = 0;
  for (let item = deps.outbox.next(); item; item = deps.outbox.next()) {
    try {
      if (item.kind === 'activity') await deps.ledger.recorded(item.activity, item.sourceKey);
      else await pushReview(deps, item);
    } catch (err) {
      deps.outbox.failed(item.seq, (err as { code?: string }).code ?? String((err as Error).message));
      throw err;
    }
    deps.outbox.shared(item.seq);
    pushed++;
  }
  return pushed;
}

/**
 * Runs pushOutbox one push at a time (so entries leave in order); a push asked for while one runs follows it, and
 * both callers hear how the last one ended. `deps` is null while there is no connection: nothing is pushed then.
 */
export class OutboxPusher {
  private running: Promise<number> | null = null;
  private again = false;

  constructor(private readonly deps: () => OutboxPushDeps | null) {}

  /** Resolves with how many entries left the outbox; rejects with the failure that stopped it. */
  push(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async () => {
      let pushed = 0;
      try {
        do {
          this.again = false;
          const deps = this.deps();
          if (!deps) break;
          pushed += await pushOutbox(deps);
        } while (this.again);
        return pushed;
      } finally {
        this.running = null;
      }
    };
    // Started after this turn, so `running` is set before the first push can end (and clear it).
    this.running = Promise.resolve().then(run);
    return this.running;
  }

  /** Waits for a push under way, whatever its end. */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}

async function pushReview(deps: OutboxPushDeps, item: OutboxItem & { kind: 'review' }): Promise<void> {
  const { scope, disputeId } = item;
  const outcome = await deps.reviews.share(
    scope,
    item.sourceKey,
    { disputeId, ...item.review },
    deps.outbox.reviewVersion(scope, disputeId),
  );
  if (outcome.applied) {
    deps.outbox.setReviewVersion(scope, disputeId, outcome.version);
    deps.outbox.shared(item.seq);
    // Replaced since (this push is a retry whose first answer was lost), and nothing of ours left to push over it:
    // the copy skipped that marker while ours was pending, so it is taken here.
    if (outcome.current.version > outcome.version && !deps.outbox.hasPendingReview(scope, disputeId))
      deps.takeReview(scope, outcome.current);
    return;
  }
  // Every marker still pending on this dispute was set over the version someone replaced: none is shared.
  const dropped = deps.outbox.dropReviews(scope, disputeId);
  deps.takeReview(scope, outcome.current);
  for (const mine of dropped) if (mine.kind === 'review') deps.refused(scope, disputeId, mine.review, outcome.current);
}

const said = (state: ReviewState) => state.replace('_', ' ');

/** The Activity detail of a marker that was not shared, in plain words. */
export function refusedReviewDetail(mine: OutboxReview, theirs: SharedReview): string {
  const yours = `${said(mine.state)}${mine.note ? `: ${mine.note}` : ''}`;
  const kept = `${said(theirs.state)}${theirs.note ? `: ${theirs.note}` : ''}`;
  return `Not shared: ${theirs.updatedBy} changed this review to “${kept}” before yours reached the team, so theirs stays. Yours was “${yours}”: set it again if you still mean it.`;
}
