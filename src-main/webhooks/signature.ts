import Stripe from 'stripe';
import type { EventRecord } from '../cache';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type Verification = { ok: true; event: EventRecord } | { ok: false; reason: string };

/** Checks `Stripe-Signature` over the raw body with the SDK, and names why a delivery was refused. */
export function verifyDelivery(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
  receivedAtMs: number,
): Verification {
  if (!header) return { ok: false, reason: 'missing Stripe-Signature header' };
  try {
    const event = Stripe.webhooks.constructEvent(
      rawBody,
      header,
      secret,
      SIGNATURE_TOLERANCE_SECONDS,
      undefined,
      receivedAtMs,
    );
    return { ok: true, event: event as unknown as EventRecord };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/tolerance/i.test(message))
      return { ok: false, reason: 'stale signature: timestamp outside the 300 s tolerance' };
    if (/Unable to extract/i.test(message)) return { ok: false, reason: 'malformed Stripe-Signature header' };
    if (/No signatures found/i.test(message))
      return { ok: false, reason: 'bad signature: does not match the endpoint secret' };
    return { ok: false, reason: 'invalid payload' };
  }
}
