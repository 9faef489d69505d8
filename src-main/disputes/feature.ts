import path from 'node:path';
import type { Scope } from '../../src-preload/contract';
import type { CoreServices, Feature } from '../app/feature';
import type { CacheAccess } from '../cache/cache-access';
import type { AnyStripeObject } from '../cache/resources';
import { ConnectivityMonitor } from '../stripe/connectivity';
import { disputesCsv } from './dispute-csv';
import { cachedDispute, disputeDetail } from './dispute-detail';
import { DisputeQueue } from './dispute-queue';
import type { DisputeReviews } from './dispute-reviews';
import { assertEvidenceOpen } from './dispute-rules';
import type { EvidenceDrafts } from './evidence-drafts';
import { combineEvidence } from './evidence-combine';
import { EvidenceFiles } from './evidence-files';
import { EvidenceSubmission } from './evidence-submission';

export type DisputesCall =
  | 'disputes.list'
  | 'disputes.totals'
  | 'disputes.charts'
  | 'disputes.exportCsv'
  | 'disputes.urgent'
  | 'disputes.get'
  | 'disputes.draft.save'
  | 'disputes.file.upload'
  | 'disputes.file.uploadCombined'
  | 'disputes.file.retry'
  | 'disputes.file.remove'
  | 'disputes.file.content'
  | 'disputes.evidence.send'
  | 'disputes.accept'
  | 'disputes.review.set';

/** Finance's dispute work: the queue, one dispute, local-first evidence drafts, exactly-once sending. */
export function createDisputesFeature(
  core: CoreServices,
  deps: CacheAccess,
  { drafts, reviews }: { drafts: EvidenceDrafts; reviews: DisputeReviews },
): Feature<DisputesCall> {
  const files = new EvidenceFiles(path.join(core.dataDir, 'dispute-evidence'), drafts, core.ledger, core.now);
  const submission = new EvidenceSubmission({
    ledger: core.ledger,
    online: (scope) => core.connectivity.get(ConnectivityMonitor.key(scope.accountId, scope.mode)).online,
    client: (scope) => core.gateway.client(scope),
    now: core.now,
  });
  const nowSeconds = () => Math.floor(core.now() / 1000);

  const queueOf = async (scope: Scope) => {
    const cache = deps.caches.open(scope);
    return { cache, queue: new DisputeQueue(scope, cache.disputes, reviews, drafts, nowSeconds()) };
  };
  const detail = async (scope: Scope, disputeId: string) => {
    const { cache, queue } = await queueOf(scope);
    const draft = drafts.get(scope, disputeId);
    return disputeDetail(
      {
        scope,
        cache,
        queue,
        draft: draft && files.settle(scope, disputeId, draft),
        review: reviews.get(scope, disputeId),
        nowSeconds: nowSeconds(),
      },
      disputeId,
    );
  };
  const changed = (scope: Scope, disputeId: string) => core.events.emit('disputes.changed', { ...scope, disputeId });
  /** After Stripe answered: into the cache (the queue shows the new status at once), then the fresh detail. */
  const applied = async (scope: Scope, dispute: AnyStripeObject, sentAt: number) => {
    await deps.applyObject(scope, dispute, sentAt);
    changed(scope, dispute.id);
    return detail(scope, dispute.id);
  };

  return {
    handlers: {
      'disputes.list': async ({ scope, filter, cursor, limit }) => {
        const { queue } = await queueOf(scope);
        const page = queue.page(filter, cursor, limit);
        return { items: page.rows, nextCursor: page.nextCursor, total: queue.count(filter) };
      },
      'disputes.totals': async ({ scope, filter }) => (await queueOf(scope)).queue.totals(filter),
      'disputes.charts': async ({ scope, filter }) => (await queueOf(scope)).queue.charts(filter),
      'disputes.exportCsv': async ({ scope, filter }) => {
        const rows = (await queueOf(scope)).queue.all(filter);
        const day = new Date(core.now()).toISOString().slice(0, 10);
        return {
          filename: `disputes-${scope.accountId}-${scope.mode}-${day}.csv`,
          csv: disputesCsv(rows),
          rows: rows.length,
        };
      },
      'disputes.urgent': async ({ scope }) => (await queueOf(scope)).queue.urgent(),
      'disputes.get': ({ scope, disputeId }) => detail(scope, disputeId),
      'disputes.draft.save': ({ scope, disputeId, evidence }) => drafts.saveText(scope, disputeId, evidence),
      'disputes.file.upload': async ({ scope, disputeId, field, name, dataBase64, intentId }) => {
        assertEvidenceOpen(cachedDispute(deps.caches.open(scope), disputeId), nowSeconds());
        return files.upload({ scope, disputeId, field, name, dataBase64, intentId, agent: core.agent() });
      },
      'disputes.file.uploadCombined': async ({ scope, disputeId, field, parts, intentId }) => {
        assertEvidenceOpen(cachedDispute(deps.caches.open(scope), disputeId), nowSeconds());
        const combined = await combineEvidence(parts);
        const name = `${field.replaceAll('_', '-')}-${parts.length}-documents.pdf`;
        return files.upload({
          scope,
          disputeId,
          field,
          name,
          dataBase64: combined.toString('base64'),
          intentId,
          agent: core.agent(),
        });
      },
      'disputes.file.retry': ({ scope, disputeId, field }) => files.retry(scope, disputeId, field, core.agent()),
      'disputes.file.remove': ({ scope, disputeId, field }) => files.remove(scope, disputeId, field),
      'disputes.file.content': ({ scope, disputeId, field }) => files.content(scope, disputeId, field),
      'disputes.evidence.send': async ({ scope, disputeId, submit, intentId }) => {
        const dispute = cachedDispute(deps.caches.open(scope), disputeId);
        // Never edited here: what the editor showed (Stripe's evidence plus what the cache pre-filled) is what goes.
        const draft = drafts.get(scope, disputeId) ?? (await detail(scope, disputeId)).draft;
        const sentAt = core.now();
        const result = await submission.send(scope, dispute, draft, submit, intentId, core.agent());
        return applied(scope, result, sentAt);
      },
      'disputes.accept': async ({ scope, disputeId, intentId }) => {
        const dispute = cachedDispute(deps.caches.open(scope), disputeId);
        const sentAt = core.now();
        const result = await submission.accept(scope, dispute, intentId, core.agent());
        return applied(scope, result, sentAt);
      },
      'disputes.review.set': ({ scope, disputeId, state, note }) => {
        const review = reviews.set(scope, disputeId, state, note, core.agent());
        changed(scope, disputeId);
        return review;
      },
    },
  };
}
