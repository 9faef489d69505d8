import {
  customerProfileSchema,
  type Address,
  type CustomerProfile,
  type CustomerProfileInput,
} from '../../src-preload/contract/customer-writes';
import type { ConsoleError } from '../../src-preload/contract';

/** The profile as the form edits it: metadata as ordered rows, languages as typed text. */
export interface ProfileDraft {
  name: string;
  email: string;
  phone: string;
  description: string;
  address: Record<keyof Address, string>;
  hasShipping: boolean;
  shippingName: string;
  shippingPhone: string;
  shipping: Record<keyof Address, string>;
  metadata: { key: string; value: string }[];
  locales: string;
}

const ADDRESS_KEYS: (keyof Address)[] = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'];
const blankAddress = () => Object.fromEntries(ADDRESS_KEYS.map((k) => [k, ''])) as Record<keyof Address, string>;
const fromAddress = (a: Address | null) =>
  Object.fromEntries(ADDRESS_KEYS.map((k) => [k, a?.[k] ?? ''])) as Record<keyof Address, string>;
const toAddress = (a: Record<keyof Address, string>): CustomerProfileInput['address'] => ({ ...a });

export function draftOf(profile: CustomerProfile | null): ProfileDraft {
  return {
    name: profile?.name ?? '',
    email: profile?.email ?? '',
    phone: profile?.phone ?? '',
    description: profile?.description ?? '',
    address: profile?.address ? fromAddress(profile.address) : blankAddress(),
    hasShipping: !!profile?.shipping,
    shippingName: profile?.shipping?.name ?? '',
    shippingPhone: profile?.shipping?.phone ?? '',
    shipping: profile?.shipping ? fromAddress(profile.shipping.address) : blankAddress(),
    metadata: Object.entries(profile?.metadata ?? {}).map(([key, value]) => ({ key, value })),
    locales: (profile?.preferredLocales ?? []).join(', '),
  };
}

/** The profile to send: what the contract (and so main) validates. */
export function profileOf(draft: ProfileDraft): CustomerProfileInput {
  const address = Object.values(draft.address).some((v) => v.trim()) ? toAddress(draft.address) : null;
  return {
    name: draft.name,
    email: draft.email,
    phone: draft.phone,
    description: draft.description,
    address,
    shipping: draft.hasShipping
      ? { name: draft.shippingName, phone: draft.shippingPhone, address: toAddress(draft.shipping)! }
      : null,
    metadata: Object.fromEntries(
      draft.metadata.filter((r) => r.key.trim() || r.value).map((r) => [r.key.trim(), r.value]),
    ),
    preferredLocales: draft.locales
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean),
  };
}

/** Field path (e.g. 'address.country') → what's wrong with it, checked before anything is sent. */
export function draftErrors(draft: ProfileDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const keys = draft.metadata.map((r) => r.key.trim()).filter(Boolean);
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  if (duplicate) errors.metadata = `the key “${duplicate}” appears twice`;
  const parsed = customerProfileSchema.safeParse(profileOf(draft));
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const [head, second] = issue.path.map(String);
    // A metadata problem is shown once, under the metadata table, naming the key.
    const path =
      head === 'metadata' ? 'metadata' : head === 'preferredLocales' ? 'preferredLocales' : issue.path.join('.');
    errors[path] ??= head === 'metadata' && second ? `${second}: ${issue.message}` : issue.message;
  }
  return errors;
}

/** Stripe names the refused parameter (`address[postal_code]`): the form field it belongs to. */
export function fieldOfStripeParam(error: ConsoleError | null): string | null {
  const param = error?.details?.param ?? error?.details?.path;
  if (typeof param !== 'string' || !param) return null;
  const parts = param
    .replace(/^profile\./, '')
    .split(/[[\].]+/)
    .filter(Boolean)
    .map((p) => p.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
  if (parts[0] === 'metadata') return 'metadata';
  if (parts[0] === 'invoiceSettings') return 'defaultPaymentMethod';
  return parts.join('.');
}
