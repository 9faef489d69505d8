import type Stripe from 'stripe';
import type { Scope } from '../../src-preload/contract';
import { toConsoleError } from '../stripe/errors';
import type { Unavailable } from './account-store';

/** Console features and the restricted-key permission each needs. Names are what the Settings screen shows. */
export const FEATURES = {
  customers: 'Customers',
  payments: 'Payments',
  refunds: 'Refunds',
  disputes: 'Disputes',
  disputeResponses: 'Dispute responses',
  subscriptions: 'Subscriptions',
  liveUpdates: 'Live updates (events)',
} as const;

export type FeatureName = (typeof FEATURES)[keyof typeof FEATURES];

interface FeatureProbe {
  feature: FeatureName;
  permission: string;
  /** A call that needs the permission and changes nothing: a one-item list, or a write to an object that doesn't exist. */
  run(stripe: Stripe): Promise<unknown>;
}

const MISSING_ID = 'console_permission_probe';

const PROBES: FeatureProbe[] = [
  { feature: FEATURES.customers, permission: 'rak_customer_read', run: (s) => s.customers.list({ limit: 1 }) },
  { feature: FEATURES.payments, permission: 'rak_charge_read', run: (s) => s.charges.list({ limit: 1 }) },
  { feature: FEATURES.refunds, permission: 'rak_refund_write', run: (s) => s.refunds.update(`re_${MISSING_ID}`, {}) },
  { feature: FEATURES.disputes, permission: 'rak_dispute_read', run: (s) => s.disputes.list({ limit: 1 }) },
  {
    feature: FEATURES.disputeResponses,
    permission: 'rak_dispute_write',
    run: (s) => s.disputes.update(`dp_${MISSING_ID}`, {}),
  },
  {
    feature: FEATURES.subscriptions,
    permission: 'rak_subscription_read',
    run: (s) => s.subscriptions.list({ limit: 1 }),
  },
  { feature: FEATURES.liveUpdates, permission: 'rak_event_read', run: (s) => s.events.list({ limit: 1 }) },
];

/**
 * For a restricted key: which features it can't use. Only a 403 marks a feature unavailable; a 404 from a write
 * probe means the permission is there (Stripe checks permissions before looking the object up).
 */
export async function probeFeatureAccess(stripe: Stripe): Promise<Unavailable[]> {
  const outcomes = await Promise.all(
    PROBES.map(async (probe): Promise<Unavailable | null> => {
      try {
        await probe.run(stripe);
        return null;
      } catch (err) {
        return unavailableFrom(probe.feature, err, probe.permission);
      }
    }),
  );
  return outcomes.filter((o): o is Unavailable => o !== null);
}

/** The feature is unavailable if `err` is a permission error; null otherwise. */
export function unavailableFrom(feature: string, err: unknown, fallbackPermission = 'unknown'): Unavailable | null {
  const error = toConsoleError(err);
  if (error.code !== 'permission_denied') return null;
  const permission = typeof error.details?.permission === 'string' ? error.details.permission : fallbackPermission;
  return { feature, permission };
}

export interface PermissionRecorder {
  recordUnavailable(scope: Scope, unavailable: Unavailable): void;
}

/**
 * For features: runs a Stripe call and, if a restricted key lacks the permission, records the feature as
 * unavailable for that key (Settings and the view then say so) before rethrowing the typed error.
 */
export async function recordingPermission<T>(
  recorder: PermissionRecorder,
  scope: Scope,
  feature: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const unavailable = unavailableFrom(feature, err);
    if (unavailable) recorder.recordUnavailable(scope, unavailable);
    throw toConsoleError(err);
  }
}
