import type Stripe from 'stripe';

export const API_VERSION = '2026-10-28.endive';

export interface AddressInput {
  line1: string;
  city: string;
  state: string | null;
  postal_code: string;
  country: string;
}

export function address(input: AddressInput | null): Stripe.Address {
  return {
    city: input?.city ?? null,
    country: input?.country ?? null,
    line1: input?.line1 ?? null,
    line2: null,
    postal_code: input?.postal_code ?? null,
    state: input?.state ?? null,
  };
}

export interface CardInput {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  country: string;
  funding: string;
  fingerprint: string;
  cvc_check: string | null;
}

export interface BillingInput {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: AddressInput | null;
}

export function billingDetails(input: BillingInput): Stripe.PaymentMethod.BillingDetails {
  return { address: address(input.address), email: input.email, name: input.name, phone: input.phone, tax_id: null };
}

type WireDecimal = NonNullable<Stripe.Price['unit_amount_decimal']>;

/** Decimal fields travel as strings on the wire; the SDK turns them into Decimal objects on receipt. */
export function wireDecimal(value: number): WireDecimal {
  // eslint-disable-next-line no-restricted-syntax -- the SDK types decimals as Decimal objects it builds on receipt; the wire carries the string
  return String(value) as unknown as WireDecimal;
}
