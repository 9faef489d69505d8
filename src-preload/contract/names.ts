/**
 * The contract's call and event names, and nothing else: what the preload bridge (and the browser host's stand-in
 * for it) needs to forward a call or an event. Importing the contract's index there built every call's zod schema
 * before the page could ask for anything (177 ms of the first row at a million customers); payloads are validated
 * in main, where it is enforced.
 *
 * One source of truth: `index.ts` defines the calls and events; these lists must name exactly those, which the
 * checks at the end of this file make a compile error (test/ipc/contract-names.test.ts checks it at run time too).
 */
import type { CallName, EventName } from './index';

export const CALL_NAMES = [
  'app.info',
  'session.get',
  'session.select',
  'connectivity.get',
  'settings.get',
  'settings.update',
  'shell.openExternal',
  'accounts.list',
  'accounts.add',
  'accounts.rotateKey',
  'accounts.rename',
  'accounts.removeKey',
  'accounts.remove',
  'sync.status',
  'sync.start',
  'sync.resync',
  'sync.state',
  'events.list',
  'events.get',
  'webhooks.deliveries',
  'webhooks.status',
  'customers.search',
  'customers.count',
  'customers.get',
  'customers.timeline',
  'customers.profile',
  'customers.create',
  'customers.update',
  'customers.setDefaultPaymentMethod',
  'customers.detachPaymentMethod',
  'customers.delete',
  'customers.export',
  'customers.chargeSavedCard',
  'invoices.list',
  'invoices.get',
  'invoices.act',
  'invoices.previewCreditNote',
  'invoices.createCreditNote',
  'subscriptions.changeOptions',
  'subscriptions.previewChange',
  'subscriptions.change',
  'subscriptions.cancelAndRefund',
  'payments.list',
  'payments.get',
  'payments.refund',
  'payments.capture',
  'payments.cancel',
  'refunds.cancel',
  'refunds.refresh',
  'subscriptions.list',
  'subscriptions.get',
  'subscriptions.act',
  'disputes.list',
  'disputes.totals',
  'disputes.charts',
  'disputes.exportCsv',
  'disputes.urgent',
  'disputes.get',
  'disputes.draft.save',
  'disputes.file.upload',
  'disputes.file.uploadCombined',
  'disputes.file.retry',
  'disputes.file.remove',
  'disputes.file.content',
  'disputes.evidence.send',
  'disputes.accept',
  'disputes.review.set',
  'radar.warnings.list',
  'radar.warnings.refund',
  'radar.reviews.list',
  'radar.reviews.approve',
  'radar.reviews.refund',
  'balance.get',
  'payouts.list',
  'payouts.get',
  'payouts.exportCsv',
  'notifications.prefs.get',
  'notifications.prefs.set',
  'notifications.open',
  'activity.list',
  'activity.facets',
  'activity.exportCsv',
  'search.everything',
  'search.live',
  'customers.exportCsv',
  'payments.exportCsv',
  'payments.retryWithCard',
  'payments.resendReceipt',
  'refunds.list',
  'refunds.exportCsv',
  'invoices.sendForAmount',
  'subscriptions.discounts',
  'subscriptions.applyDiscount',
  'subscriptions.removeDiscount',
  'team.status',
  'team.connect',
  'team.disconnect',
] as const satisfies readonly CallName[];

export const EVENT_NAMES = [
  'session.changed',
  'connectivity.changed',
  'settings.changed',
  'accounts.changed',
  'sync.progress',
  'webhooks.delivery',
  'disputes.changed',
  'activity.recorded',
  'notifications.deadline',
  'notifications.open-dispute',
  'team.changed',
] as const satisfies readonly EventName[];

const callNameSet: ReadonlySet<string> = new Set(CALL_NAMES);
const eventNameSet: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && callNameSet.has(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && eventNameSet.has(value);
}

/** Electron channel names: one per call, one for all events. */
export const callChannel = (name: CallName) => `sc:call:${name}`;
export const EVENT_CHANNEL = 'sc:event';

// `satisfies` above says every listed name is the contract's; these say every name of the contract is listed (an
// unlisted name shows in the error).
type Unlisted<Contract, Listed> = [Exclude<Contract, Listed>] extends [never] ? true : Exclude<Contract, Listed>;
type Holds<T extends true> = T;
export type EveryCallListed = Holds<Unlisted<CallName, (typeof CALL_NAMES)[number]>>;
export type EveryEventListed = Holds<Unlisted<EventName, (typeof EVENT_NAMES)[number]>>;
