import { z } from 'zod';
import { call } from './define';
import { cursorSchema, pageSizeSchema, scopeSchema, stripeIdSchema, type Page } from './common';

/** Owned by the finance feature (issue 15): Radar's early fraud warnings and reviews. */

/** Stripe's early fraud warning `fraud_type`s. */
export const FRAUD_TYPES = [
  'card_never_received',
  'fraudulent_card_application',
  'made_with_counterfeit_card',
  'made_with_lost_card',
  'made_with_stolen_card',
  'misc',
  'unauthorized_use_of_card',
] as const;
export type FraudType = (typeof FRAUD_TYPES)[number];

/** Why a Radar review opened (`rule`, `manual`) or closed (the rest). */
export const REVIEW_REASONS = [
  'rule',
  'manual',
  'approved',
  'refunded',
  'refunded_as_fraud',
  'disputed',
  'redacted',
  'canceled',
  'payment_never_settled',
  'acknowledged',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** A charge's `outcome.risk_level`. */
export const RISK_LEVELS = ['normal', 'elevated', 'highest', 'not_assessed', 'unknown'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface RadarCharge {
  id: string;
  amount: number;
  amountRefunded: number;
  currency: string;
  created: number;
  refunded: boolean;
  disputed: boolean;
  riskLevel: string | null;
  riskScore: number | null;
  card: { brand: string | null; last4: string | null } | null;
}

export interface RadarCustomer {
  id: string;
  name: string | null;
  email: string | null;
}

/** One early fraud warning: the card issuer says a charge was fraudulent, before any dispute. */
export interface WarningRow {
  id: string;
  created: number;
  /** Stripe's `fraud_type`, e.g. `made_with_stolen_card`. */
  fraudType: string;
  /** A refund (or dispute) can still be prevented: the charge is neither fully refunded nor disputed. */
  actionable: boolean;
  charge: RadarCharge | null;
  customer: RadarCustomer | null;
}

/** One Radar review: a payment Radar held for a person to look at. */
export interface ReviewRow {
  id: string;
  created: number;
  open: boolean;
  /** Why it opened (`rule`, `manual`) while open; why it closed afterwards (`approved`, `refunded`, …). */
  reason: string;
  openedReason: string | null;
  closedReason: string | null;
  charge: RadarCharge | null;
  customer: RadarCustomer | null;
  ipCountry: string | null;
}

const intentIdSchema = z.string().uuid();
const warningIdSchema = stripeIdSchema('issfr');
const reviewIdSchema = stripeIdSchema('prv');

export const radarCalls = {
  /** Actionable warnings first, then newest first; keyset-paginated from the cache. */
  'radar.warnings.list': call<Page<WarningRow>>()(
    z
      .object({
        scope: scopeSchema,
        actionableOnly: z.boolean().default(false),
        cursor: cursorSchema,
        limit: pageSizeSchema,
      })
      .strict(),
  ),
  /** Refunds the rest of the warned charge in one step (reason `fraudulent`), exactly once. */
  'radar.warnings.refund': call<WarningRow>()(
    z.object({ scope: scopeSchema, warningId: warningIdSchema, intentId: intentIdSchema }).strict(),
  ),
  /** Open reviews (or closed ones), newest first. */
  'radar.reviews.list': call<Page<ReviewRow>>()(
    z
      .object({
        scope: scopeSchema,
        open: z.boolean().default(true),
        cursor: cursorSchema,
        limit: pageSizeSchema,
      })
      .strict(),
  ),
  /** Approves the payment (closes the review), exactly once. */
  'radar.reviews.approve': call<ReviewRow>()(
    z.object({ scope: scopeSchema, reviewId: reviewIdSchema, intentId: intentIdSchema }).strict(),
  ),
  /** Refunds the reviewed payment in full; `fraudulent` also tells Radar (blocks the card and email). */
  'radar.reviews.refund': call<ReviewRow>()(
    z
      .object({
        scope: scopeSchema,
        reviewId: reviewIdSchema,
        intentId: intentIdSchema,
        fraudulent: z.boolean(),
      })
      .strict(),
  ),
};
