import Stripe from 'stripe';
import type { Scope } from '../../src-preload/contract';
import type { ScopedSecret } from '../platform/keychain';
import type { EventRecord } from '../cache';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type Verification = { ok: true; event: EventRecord; scope: Scope } | { ok: false; reason: string };

/**
 * Checks `Stripe-Signature` over the raw body with the SDK against every account+mode's secret: the one that
 * verifies says whose event it is. The SDK only refuses old timestamps; one from the future beyond the same
 * tolerance is refused here too (a signature made ahead of time is a replay waiting to happen).
 */
export function verifyDelivery(
  rawBody: Buffer | string,
  header: string | undefined,
  secrets: readonly ScopedSecret[],
  receivedAtMs: number,
): Verification {
  if (!header) return { ok: false, reason: 'missing Stripe-Signature header' };
  if (secrets.length === 0) return { ok: false, reason: 'no signing secret configured' };
  let refusal = 'bad signature: does not match any account’s signing secret';
  // Decoded once here, not by the SDK twice per secret tried (the hot path of a team's endpoint).
  const payload = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
  for (const { scope, secret } of secrets) {
    const verified = verifyWith(payload, header, secret, receivedAtMs);
    if (verified.ok) return { ok: true, event: verified.event, scope };
    if (verified.reason !== 'no match') refusal = verified.reason;
  }
  return { ok: false, reason: refusal };
}

function verifyWith(
  payload: string,
  header: string,
  secret: string,
  receivedAtMs: number,
): { ok: true; event: EventRecord } | { ok: false; reason: string } {
  let event: EventRecord;
  try {
    // A spread copy is the SDK's typed event as a plain record (what the inbox and cache store), no cast needed.
    event = {
      ...Stripe.webhooks.constructEvent(payload, header, secret, SIGNATURE_TOLERANCE_SECONDS, undefined, receivedAtMs),
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/tolerance/i.test(message)) return { ok: false, reason: staleReason };
    if (/Unable to extract/i.test(message)) return { ok: false, reason: 'malformed Stripe-Signature header' };
    if (/No signatures found/i.test(message)) return { ok: false, reason: 'no match' };
    return { ok: false, reason: 'invalid payload' };
  }
  const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(header)?.[1]);
  if (!Number.isFinite(signedAt) || signedAt - Math.floor(receivedAtMs / 1000) > SIGNATURE_TOLERANCE_SECONDS)
    return { ok: false, reason: staleReason };
  return { ok: true, event };
}

const staleReason = `stale signature: timestamp outside the ${SIGNATURE_TOLERANCE_SECONDS} s tolerance`;
