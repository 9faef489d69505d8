import type { CoreServices, Feature } from '../app/feature';
import type { CacheAccess } from '../cache/cache-access';
import { RadarService } from './radar-service';

export type RadarCall =
  | 'radar.warnings.list'
  | 'radar.warnings.refund'
  | 'radar.reviews.list'
  | 'radar.reviews.approve'
  | 'radar.reviews.refund';

/** Finance's dispute prevention: Radar's early fraud warnings and reviews. */
export function createRadarFeature(
  core: CoreServices,
  deps: CacheAccess,
): Feature<RadarCall> & { radar: RadarService } {
  const radar = new RadarService(
    { ledger: core.ledger, gateway: core.gateway, agent: core.agent, now: core.now },
    deps,
  );
  return {
    radar,
    handlers: {
      'radar.warnings.list': ({ scope, ...query }) => radar.queries(scope).warnings(query),
      'radar.warnings.refund': ({ scope, warningId, intentId }) => radar.refundWarning(scope, warningId, intentId),
      'radar.reviews.list': ({ scope, ...query }) => radar.queries(scope).reviews(query),
      'radar.reviews.approve': ({ scope, reviewId, intentId }) => radar.approveReview(scope, reviewId, intentId),
      'radar.reviews.refund': ({ scope, reviewId, intentId, fraudulent }) =>
        radar.refundReview(scope, reviewId, intentId, fraudulent),
    },
  };
}
