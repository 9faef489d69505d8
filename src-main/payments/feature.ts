import type { Scope } from '../../src-preload/contract';
import type { CoreServices, Feature } from '../app/feature';
import { RefundService } from './refund-service';
import { CaptureService } from './capture-service';
import { PaymentQueries } from './payment-queries';
import { paymentsCsv } from './payment-csv';
import type { CacheAccess } from '../cache/cache-access';
import { PaymentRetries } from './payment-retry';
import { Receipts } from './receipts';
import { RefundList } from './refund-list';

type PaymentsCalls =
  | 'payments.list'
  | 'payments.get'
  | 'payments.exportCsv'
  | 'payments.refund'
  | 'payments.capture'
  | 'payments.cancel'
  | 'refunds.cancel'
  | 'refunds.refresh'
  | 'payments.retryWithCard'
  | 'payments.resendReceipt'
  | 'refunds.list'
  | 'refunds.exportCsv';

/**
 * Payments and refunds. Creating it registers the refund/capture/cancel executors with the ledger,
 * so it must be created before `ledger.reconcile()` runs at start-up.
 */
export function createPaymentsFeature(
  core: CoreServices,
  deps: CacheAccess,
): Feature<PaymentsCalls> & { refunds: RefundService; captures: CaptureService } {
  const services = { ledger: core.ledger, gateway: core.gateway, agent: core.agent, now: core.now };
  const refunds = new RefundService(services, deps);
  const captures = new CaptureService(services, deps);
  const queries = (scope: Scope) => new PaymentQueries(deps.caches.open(scope));
  const retries = new PaymentRetries({ ...services, ...deps });
  const receipts = new Receipts({ ...services, ...deps });
  const refundList = (scope: Scope) => new RefundList(deps.caches.open(scope));
  return {
    refunds,
    captures,
    handlers: {
      'payments.list': ({ scope, ...query }) => queries(scope).list(query),
      'payments.get': ({ scope, paymentIntentId }) => queries(scope).get(paymentIntentId, scope.mode),
      'payments.exportCsv': ({ scope, ...filters }) => paymentsCsv(queries(scope), filters, scope, core.now()),
      'payments.refund': ({ scope, ...request }) => refunds.refund(scope, request),
      'payments.capture': ({ scope, paymentIntentId, amount, intentId }) =>
        captures.capture(scope, paymentIntentId, amount, intentId),
      'payments.cancel': ({ scope, paymentIntentId, reason, intentId }) =>
        captures.cancel(scope, paymentIntentId, reason, intentId),
      'refunds.cancel': ({ scope, refundId, intentId }) => refunds.cancel(scope, refundId, intentId),
      'refunds.refresh': ({ scope, refundId }) => refunds.refresh(scope, refundId),
      'payments.retryWithCard': ({ scope, paymentIntentId, paymentMethodId, intentId }) =>
        retries.retry(scope, paymentIntentId, paymentMethodId, intentId),
      'payments.resendReceipt': ({ scope, chargeId, email, intentId }) =>
        receipts.resend(scope, chargeId, email, intentId),
      'refunds.list': ({ scope, ...query }) => refundList(scope).list(query),
      'refunds.exportCsv': ({ scope, ...filters }) => refundList(scope).csv(filters, scope, core.now()),
    },
  };
}
