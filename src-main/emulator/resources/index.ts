import type { Route } from '../http/context';
import { accountRoutes } from './account';
import { balanceRoutes } from './balance';
import { balanceTransactionRoutes } from './balance-transactions';
import { catalogRoutes } from './catalog';
import { chargeRoutes } from './charges';
import { customerRoutes } from './customers';
import { customerDeletionRoutes } from './customer-deletion';
import { disputeRoutes } from './disputes';
import { eventRoutes } from './events';
import { fileRoutes } from './files';
import { invoiceRoutes } from './invoices';
import { invoiceActionRoutes } from './invoice-actions';
import { invoiceDraftRoutes } from './invoice-drafts';
import { creditNoteRoutes } from './credit-notes';
import { couponRoutes } from './coupons';
import { paymentIntentRoutes } from './payment-intents';
import { payoutRoutes } from './payouts';
import { radarRoutes } from './radar';
import { refundRoutes } from './refunds';
import { subscriptionRoutes } from './subscriptions';
import { webhookEndpointRoutes } from './webhook-endpoints';

/** Every endpoint the emulator serves. Within a resource, `/search` precedes `/:id`. */
export const ROUTES: readonly Route[] = [
  ...accountRoutes,
  ...customerRoutes,
  ...customerDeletionRoutes,
  ...paymentIntentRoutes,
  ...chargeRoutes,
  ...refundRoutes,
  ...disputeRoutes,
  ...fileRoutes,
  ...subscriptionRoutes,
  ...invoiceRoutes,
  ...invoiceActionRoutes,
  ...invoiceDraftRoutes,
  ...creditNoteRoutes,
  ...couponRoutes,
  ...catalogRoutes,
  ...balanceRoutes,
  ...balanceTransactionRoutes,
  ...payoutRoutes,
  ...radarRoutes,
  ...eventRoutes,
  ...webhookEndpointRoutes,
];
