import type Stripe from 'stripe';
import type { TextEvidence, TextEvidenceField } from '../../src-preload/contract';

type Address = Stripe.Address | null | undefined;

function oneLine(address: Address): string | undefined {
  if (!address) return undefined;
  const parts = [address.line1, address.line2, address.city, address.state, address.postal_code, address.country];
  const text = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(', ');
  return text || undefined;
}

const day = (seconds: number | undefined) =>
  seconds ? new Date(seconds * 1000).toISOString().slice(0, 10) : undefined;

/**
 * Evidence the cache already knows, so finance starts from facts instead of a blank form: who paid (name, email,
 * billing address), when (the charge's date as the service date), what (the payment's description) and where it
 * was shipped. Only fields with a value are returned.
 */
export function evidencePrefill(charge: Stripe.Charge | null, customer: Stripe.Customer | null): TextEvidence {
  const shipping = charge?.shipping ?? customer?.shipping ?? null;
  const values: Partial<Record<TextEvidenceField, string | null | undefined>> = {
    customer_name: customer?.name ?? charge?.billing_details?.name,
    customer_email_address: customer?.email ?? charge?.receipt_email ?? charge?.billing_details?.email,
    billing_address: oneLine(charge?.billing_details?.address) ?? oneLine(customer?.address),
    service_date: day(charge?.created),
    product_description: charge?.description,
    shipping_address: oneLine(shipping?.address),
    shipping_carrier: shipping?.carrier,
    shipping_tracking_number: shipping?.tracking_number,
  };
  const prefill: TextEvidence = {};
  for (const [field, value] of Object.entries(values) as [TextEvidenceField, string | null | undefined][])
    if (typeof value === 'string' && value.trim() !== '') prefill[field] = value.trim();
  return prefill;
}

/** A draft never saved locally starts with the pre-filled facts wherever Stripe holds nothing yet. */
export function withPrefill(evidence: TextEvidence, prefill: TextEvidence): TextEvidence {
  const merged: TextEvidence = { ...evidence };
  for (const [field, value] of Object.entries(prefill) as [TextEvidenceField, string][])
    if (!merged[field]) merged[field] = value;
  return merged;
}
