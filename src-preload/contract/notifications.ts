import { z } from 'zod';
import { call, event } from './define';
import { accountIdSchema, modeSchema, type Mode } from './common';

/** Owned by the finance feature (issue 15): evidence-deadline notifications across every account and mode. */

/** Thresholds a notification fires at: hours before the deadline, or once it has passed. */
export type DeadlineThreshold = { kind: 'lead'; hours: number } | { kind: 'overdue' };

export interface DeadlineNotification {
  /** Stable per dispute and threshold: the same notification never fires twice. */
  id: string;
  title: string;
  body: string;
  accountId: string;
  accountName: string;
  mode: Mode;
  disputeId: string;
  dueBy: number;
  amount: number;
  currency: string;
  threshold: DeadlineThreshold;
}

export interface NotificationPrefs {
  enabled: boolean;
  /** Hours before an evidence deadline to notify, largest first (e.g. 72, 24, 4). */
  leadHours: number[];
}

const target = z
  .object({
    accountId: accountIdSchema,
    mode: modeSchema,
    disputeId: z.string().regex(/^(dp|du)_[A-Za-z0-9_]{1,255}$/),
  })
  .strict();

export const notificationsCalls = {
  'notifications.prefs.get': call<NotificationPrefs>()(z.object({}).strict()),
  'notifications.prefs.set': call<NotificationPrefs>()(
    z
      .object({
        enabled: z.boolean(),
        leadHours: z
          .array(
            z
              .number()
              .int()
              .min(1)
              .max(24 * 14),
          )
          .min(1)
          .max(6),
      })
      .strict(),
  ),
  /** A notification was clicked: switch to its account and mode, then the window opens the dispute. */
  'notifications.open': call<null>()(target),
};

export const notificationsEvents = {
  /** A deadline notification fired (any account+mode) — the OS shows it too, where there is one. */
  'notifications.deadline': event<DeadlineNotification>(),
  /** Open this dispute (after a notification click switched the session to its account and mode). */
  'notifications.open-dispute': event<{ accountId: string; mode: Mode; disputeId: string }>(),
};
