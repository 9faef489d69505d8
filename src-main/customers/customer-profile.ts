import type Stripe from 'stripe';
import { ConsoleError, type Address, type CustomerProfile } from '../../src-preload/contract';
import { obj, str, type Json } from '../stripe/stripe-json';

/** The editable profile of a cached (or just returned) customer. */
export function toProfile(customer: Json): CustomerProfile {
  const shipping = customer.shipping ? obj(customer.shipping) : null;
  return {
    name: str(customer.name),
    email: str(customer.email),
    phone: str(customer.phone),
    description: str(customer.description),
    address: customer.address ? toAddress(obj(customer.address)) : null,
    shipping: shipping
      ? { name: str(shipping.name) ?? '', phone: str(shipping.phone), address: toAddress(obj(shipping.address)) }
      : null,
    metadata: Object.fromEntries(
      Object.entries(obj(customer.metadata)).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
    preferredLocales: Array.isArray(customer.preferred_locales)
      ? customer.preferred_locales.filter((l): l is string => typeof l === 'string')
      : [],
  };
}

function toAddress(a: Json): Address {
  return {
    line1: str(a.line1),
    line2: str(a.line2),
    city: str(a.city),
    state: str(a.state),
    postalCode: str(a.postal_code),
    country: str(a.country),
  };
}

/** An address with no field set is no address: Stripe is told to clear it. */
const isBlank = (a: Address | null) => !a || Object.values(a).every((v) => v === null);

function addressParams(a: Address): Stripe.AddressParam {
  return {
    line1: a.line1 ?? '',
    line2: a.line2 ?? '',
    city: a.city ?? '',
    state: a.state ?? '',
    postal_code: a.postalCode ?? '',
    country: a.country ?? '',
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The update Stripe needs to turn `before` into `after`: only changed fields, '' to clear one, a removed metadata
 * key sent empty (Stripe's way to delete it). Null when nothing changed. A create is the diff from an empty profile.
 */
export function profileChanges(before: CustomerProfile, after: CustomerProfile): Stripe.CustomerUpdateParams | null {
  const params: Stripe.CustomerUpdateParams = {};
  for (const field of ['name', 'email', 'phone', 'description'] as const)
    if (before[field] !== after[field]) params[field] = after[field] ?? '';
  const address = isBlank(after.address) ? null : after.address;
  if (!same(isBlank(before.address) ? null : before.address, address))
    params.address = address ? addressParams(address) : '';
  if (!same(before.shipping, after.shipping))
    params.shipping = after.shipping
      ? {
          name: after.shipping.name,
          phone: after.shipping.phone ?? '',
          address: addressParams(after.shipping.address),
        }
      : '';
  const metadata: Record<string, string> = {};
  for (const key of Object.keys(before.metadata)) if (!(key in after.metadata)) metadata[key] = '';
  for (const [key, value] of Object.entries(after.metadata)) if (before.metadata[key] !== value) metadata[key] = value;
  if (Object.keys(metadata).length > 0) params.metadata = metadata;
  if (!same(before.preferredLocales, after.preferredLocales)) {
    // Stripe can replace a customer's languages but never unset them all.
    if (after.preferredLocales.length === 0)
      throw new ConsoleError('invalid_input', 'Stripe can’t remove every preferred language: keep at least one.', {
        details: { path: 'profile.preferredLocales' },
      });
    params.preferred_locales = after.preferredLocales;
  }
  return Object.keys(params).length > 0 ? params : null;
}

export const EMPTY_PROFILE: CustomerProfile = {
  name: null,
  email: null,
  phone: null,
  description: null,
  address: null,
  shipping: null,
  metadata: {},
  preferredLocales: [],
};
