import { z } from 'zod';
import { call, event } from './define';
import { cursorSchema, pageSizeSchema, scopeSchema, stripeIdSchema, type Mode, type Page } from './common';

/** Owned by the sync feature (issue 5). */
export interface SyncResourceProgress {
  resource: string;
  /** Objects fetched by the current (or last) backfill of this resource. */
  done: number;
  ratePerSecond: number;
  /** null while unknown (no page yet, or nothing fetched lately). */
  etaSeconds: number | null;
  complete: boolean;
  lastError: string | null;
}

export interface SyncProgress {
  accountId: string;
  mode: Mode;
  phase: 'idle' | 'backfill' | 'incremental' | 'rate_limited' | 'offline' | 'error';
  resources: SyncResourceProgress[];
  message: string | null;
  /** Unix seconds: the cache reflects Stripe as of this moment ("Offline — data as of …"). */
  dataAsOf: number | null;
}

/** Sync bookkeeping for the operators' Events view. */
export interface SyncResourceState {
  resource: string;
  complete: boolean;
  fetched: number;
  /** Unix ms. */
  startedAt: number | null;
  lastRunAt: number | null;
  completedAt: number | null;
  lastError: string | null;
  /** The resumable checkpoint, described: "3 ranges left, the newest continuing after ch_…". */
  cursor: string | null;
  cached: number;
}

export interface SyncStateView {
  resources: SyncResourceState[];
  /** Unix seconds the event poller lists from. */
  eventsSince: number | null;
  lastEventId: string | null;
  /** Unix ms. */
  lastPollAt: number | null;
  dataAsOf: number | null;
  backfillReason: string | null;
}

export interface EventSummary {
  id: string;
  type: string;
  /** Unix seconds (Stripe's). */
  created: number;
  objectId: string | null;
  objectType: string | null;
  source: 'poll' | 'webhook' | 'history';
  /** Unix ms. */
  appliedAt: number | null;
}

export interface EventDetail extends EventSummary {
  /** The event exactly as Stripe sent it, pretty-printed. */
  json: string;
}

export type WebhookOutcome = 'accepted' | 'duplicate' | 'rejected';

export interface WebhookDelivery {
  id: number;
  /** Unix ms. */
  receivedAt: number;
  outcome: WebhookOutcome;
  reason: string | null;
  eventId: string | null;
  eventType: string | null;
  accountId: string | null;
  mode: Mode | null;
}

export interface WebhookReceiverStatus {
  enabled: boolean;
  listening: boolean;
  port: number;
  hasSecret: boolean;
  /** Deliveries accepted but not yet applied to the cache. */
  pending: number;
  /** Requests refused before a signature verified (foreign page, bad or stale signature): counted, never stored. */
  refused: number;
  lastRefusal: string | null;
  error: string | null;
}

/** `charge.refunded` exactly, or a prefix: `charge.` / `charge.*`. */
const eventTypeFilterSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[a-z_.]+\*?$/, 'an event type like charge.refunded or charge.*');

export const syncCalls = {
  'sync.status': call<SyncProgress>()(z.object({ scope: scopeSchema }).strict()),
  'sync.start': call<SyncProgress>()(z.object({ scope: scopeSchema }).strict()),
  /** Re-lists everything from Stripe (cached rows stay until replaced). */
  'sync.resync': call<SyncProgress>()(z.object({ scope: scopeSchema }).strict()),
  'sync.state': call<SyncStateView>()(z.object({ scope: scopeSchema }).strict()),
  'events.list': call<Page<EventSummary>>()(
    z
      .object({
        scope: scopeSchema,
        type: eventTypeFilterSchema.optional(),
        objectId: z
          .string()
          .trim()
          .min(3)
          .max(255)
          .regex(/^[A-Za-z0-9_]+$/, 'an object id')
          .optional(),
        cursor: cursorSchema,
        limit: pageSizeSchema,
      })
      .strict(),
  ),
  'events.get': call<EventDetail>()(z.object({ scope: scopeSchema, id: stripeIdSchema('evt') }).strict()),
  'webhooks.deliveries': call<Page<WebhookDelivery>>()(
    z
      .object({
        outcome: z.enum(['accepted', 'duplicate', 'rejected']).optional(),
        cursor: cursorSchema,
        limit: pageSizeSchema,
      })
      .strict(),
  ),
  'webhooks.status': call<WebhookReceiverStatus>()(z.object({}).strict()),
};

export const syncEvents = {
  'sync.progress': event<SyncProgress>(),
  'webhooks.delivery': event<WebhookDelivery>(),
};
