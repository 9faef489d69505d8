import type { z } from 'zod';
import type { CallSpec, EventSpec } from './define';
import type { Result } from './errors';
import { appCalls, appEvents } from './app';
import { accountsCalls, accountsEvents } from './accounts';
import { syncCalls, syncEvents } from './sync';
import { customersCalls } from './customers';
import { customerWritesCalls, savedCardChargeCalls } from './customer-writes';
import { invoicesCalls } from './invoices';
import { subscriptionChangesCalls } from './subscription-changes';
import { paymentsCalls } from './payments';
import { subscriptionsCalls } from './subscriptions';
import { disputesCalls, disputesEvents } from './disputes';
import { radarCalls } from './radar';
import { balanceCalls } from './balance';
import { notificationsCalls, notificationsEvents } from './notifications';
import { activityCalls, activityEvents } from './activity';
import { searchCalls } from './search';
import { exportsCalls } from './exports';
import { supportWritesCalls } from './support-writes';
import { teamCalls, teamEvents } from './team';

/** Every renderer→main call. The single source of truth for channel names, input schemas and result types. */
export const calls = {
  ...appCalls,
  ...accountsCalls,
  ...syncCalls,
  ...customersCalls,
  ...customerWritesCalls,
  ...savedCardChargeCalls,
  ...invoicesCalls,
  ...subscriptionChangesCalls,
  ...paymentsCalls,
  ...subscriptionsCalls,
  ...disputesCalls,
  ...radarCalls,
  ...balanceCalls,
  ...notificationsCalls,
  ...activityCalls,
  ...searchCalls,
  ...exportsCalls,
  ...supportWritesCalls,
  ...teamCalls,
} satisfies Record<string, CallSpec>;

/** Every main→renderer event. */
export const events = {
  ...appEvents,
  ...accountsEvents,
  ...syncEvents,
  ...disputesEvents,
  ...activityEvents,
  ...notificationsEvents,
  ...teamEvents,
} satisfies Record<string, EventSpec>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
/** What the renderer passes (before schema defaults apply). */
export type CallInput<C extends CallName> = z.input<Calls[C]['input']>;
/** What a main handler receives (after validation and defaults). */
export type CallParsed<C extends CallName> = z.output<Calls[C]['input']>;
export type CallOutput<C extends CallName> = Calls[C] extends CallSpec<z.ZodType, infer O> ? O : never;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Events[E] extends EventSpec<infer P> ? P : never;

export const callNames = Object.keys(calls) as CallName[];

// The names alone, checked against `calls` and `events` there: the preload forwards by them without the schemas.
export { isCallName, isEventName, callChannel, EVENT_CHANNEL } from './names';

/** The one object the preload (and the browser test bridge) puts on `window`. */
export interface ConsoleBridge {
  invoke<C extends CallName>(call: C, input: CallInput<C>): Promise<Result<CallOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export { BRIDGE_GLOBAL } from './bridge';

export * from './errors';
export * from './common';
export type * from './app';
export type * from './accounts';
export type * from './sync';
export type * from './team';
export type * from './customers';
export type * from './customer-writes';
export type * from './invoices';
export type * from './subscription-changes';
export type * from './payments';
export type * from './subscriptions';
export type * from './disputes';
export type * from './radar';
export type * from './balance';
export type * from './notifications';
export type * from './activity';
export type * from './search';
export type * from './exports';
export type * from './support-writes';
