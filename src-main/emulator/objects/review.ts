import type Stripe from 'stripe';

export interface ReviewInput {
  id: string;
  created: number;
  livemode: boolean;
  charge: string;
  paymentIntent: string | null;
  openedReason: 'rule' | 'manual';
  billingZip: string | null;
  ipAddress: string;
  location: { city: string; country: string };
}

/** An open review: `reason` is why it opened until it closes, then why it closed. */
export function buildReview(r: ReviewInput): Stripe.Review {
  return {
    id: r.id,
    object: 'review',
    billing_zip: r.billingZip,
    charge: r.charge,
    closed_reason: null,
    created: r.created,
    ip_address: r.ipAddress,
    ip_address_location: { ...r.location, latitude: null, longitude: null, region: null },
    livemode: r.livemode,
    open: true,
    opened_reason: r.openedReason,
    ...(r.paymentIntent ? { payment_intent: r.paymentIntent } : {}),
    reason: r.openedReason,
    session: null,
  } satisfies Stripe.Review;
}

export function closedReview(review: Stripe.Review, reason: Stripe.Review.ClosedReason): Stripe.Review {
  return { ...review, open: false, closed_reason: reason, reason };
}
