import { z } from 'zod';
import { call, event } from './define';
import { cursorSchema, pageSizeSchema, scopeSchema, type Mode, type Page } from './common';

/** Owned by the support feature (issue 6). */

export const ACTIVITY_OUTCOMES = ['succeeded', 'failed', 'pending', 'unknown', 'recorded'] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];

/** One line of the local, append-only record of what an agent did. */
export interface ActivityEntry {
  id: number;
  /** Unix seconds. */
  at: number;
  agent: string;
  accountId: string;
  mode: Mode;
  /** e.g. `refund.create`, `subscription.cancel_at_period_end`. */
  action: string;
  objectId: string;
  /** Integer minor units of `currency`: what the action concerns (a refund's amount; a subscription's recurring amount per period). */
  amount: number | null;
  currency: string | null;
  outcome: ActivityOutcome;
  /** Stripe's resulting status, or the error message. */
  detail: string | null;
  requestId: string | null;
  resultId: string | null;
  /** Team mode: recorded while the team database was out of reach and not in the team's Activity yet (sent later). */
  unshared?: boolean;
}

export const activityFiltersSchema = z
  .object({
    action: z.string().trim().min(1).max(100).optional(),
    outcome: z.enum(ACTIVITY_OUTCOMES).optional(),
    agent: z.string().trim().min(1).max(80).optional(),
    /** Matches the acted-on object or the object Stripe created (e.g. a charge or its refund). */
    objectId: z.string().trim().min(1).max(255).optional(),
    /** Unix seconds, inclusive. */
    from: z.number().int().nonnegative().optional(),
    /** Unix seconds, inclusive. */
    to: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: 'the start date is after the end date',
    path: ['from'],
  });
export type ActivityFilters = z.input<typeof activityFiltersSchema>;

export interface ActivityFacets {
  /** The action kinds and agents present in this account+mode's log, for the filter menus. */
  actions: string[];
  agents: string[];
}

export interface ActivityCsvExport {
  filename: string;
  csv: string;
  rows: number;
}

export const activityCalls = {
  /** Newest first, keyset-paginated. */
  'activity.list': call<Page<ActivityEntry>>()(
    z
      .object({
        scope: scopeSchema,
        filters: activityFiltersSchema.default({}),
        cursor: cursorSchema,
        limit: pageSizeSchema,
      })
      .strict(),
  ),
  'activity.facets': call<ActivityFacets>()(z.object({ scope: scopeSchema }).strict()),
  /** The filtered log as CSV text (the renderer saves it); amounts in minor units and as a decimal string. */
  'activity.exportCsv': call<ActivityCsvExport>()(
    z.object({ scope: scopeSchema, filters: activityFiltersSchema.default({}) }).strict(),
  ),
};

export const activityEvents = {
  /** A new entry was appended (any account+mode: listeners filter by scope). */
  'activity.recorded': event<ActivityEntry>(),
};
