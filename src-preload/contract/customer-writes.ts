import { z } from 'zod';
import { call } from './define';
import { scopeSchema, stripeIdSchema } from './common';

/** Owned by the support-writes feature (issue 14): creating, editing, deleting and exporting customers. */

/** Stripe's metadata limits: refused before sending, so the agent sees which key is wrong. */
export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

const intentIdSchema = z.string().uuid('a confirmation id (UUID)');
const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
/** An optional text field: '' and null both mean "none" (Stripe clears it). */
const clearable = (max: number) =>
  text(max)
    .nullable()
    .transform((v) => (v ? v : null));

export const addressSchema = z
  .object({
    line1: clearable(200),
    line2: clearable(200),
    city: clearable(200),
    state: clearable(200),
    postalCode: clearable(20),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2})?$/, 'a two-letter country code, e.g. US')
      .nullable()
      .transform((v) => (v ? v : null)),
  })
  .strict();
export type Address = z.output<typeof addressSchema>;

export const metadataSchema = z
  .record(
    text(METADATA_LIMITS.keyLength).min(1, 'a key can’t be empty'),
    z
      .string()
      .min(1, 'a value can’t be empty: remove the key instead')
      .max(METADATA_LIMITS.valueLength, `at most ${METADATA_LIMITS.valueLength} characters`),
  )
  .refine((m) => Object.keys(m).length <= METADATA_LIMITS.keys, `at most ${METADATA_LIMITS.keys} keys`)
  .refine((m) => Object.keys(m).every((k) => !/[[\]]/.test(k)), 'keys can’t contain square brackets');

/** Stripe's `email_invalid` rule, loosely: something@something.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every field an agent edits on a customer. The whole profile is sent; main sends Stripe only what changed. */
export const customerProfileSchema = z
  .object({
    name: clearable(256),
    email: text(512)
      .refine((v) => v === '' || EMAIL.test(v), 'not an email address, e.g. name@example.com')
      .nullable()
      .transform((v) => (v ? v : null)),
    phone: text(20)
      .refine((v) => v === '' || /^\+?[0-9 ()./-]{3,}$/.test(v), 'digits, spaces and + ( ) - only')
      .nullable()
      .transform((v) => (v ? v : null)),
    description: clearable(350),
    address: addressSchema.nullable(),
    shipping: z
      .object({ name: text(256).min(1, 'a recipient name is needed'), phone: clearable(20), address: addressSchema })
      .strict()
      .refine((s) => !!s.address.line1, { message: 'a street line is needed', path: ['address', 'line1'] })
      .nullable(),
    metadata: metadataSchema,
    preferredLocales: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a locale like en or fr-FR'),
      )
      .max(10, 'at most 10 locales'),
  })
  .strict();
export type CustomerProfileInput = z.input<typeof customerProfileSchema>;
export type CustomerProfile = z.output<typeof customerProfileSchema>;

/** The editable profile as cached, plus the payment methods a default can be chosen from. */
export interface CustomerProfileView {
  id: string;
  profile: CustomerProfile;
  defaultPaymentMethod: string | null;
}

/** Everything cached about one customer, for a data-subject request. */
export interface CustomerExport {
  filename: string;
  json: string;
  csv: string;
  /** Objects per table, e.g. { customers: 1, charges: 12 }. */
  counts: Record<string, number>;
}

/** What a purge removed from this machine, per table. */
export interface CustomerPurge {
  customerId: string;
  removed: Record<string, number>;
}

const customerId = stripeIdSchema('cus');

export const customerWritesCalls = {
  'customers.profile': call<CustomerProfileView>()(z.object({ scope: scopeSchema, customerId }).strict()),
  /** Creates a customer from the profile; returns the new id (already in the cache). */
  'customers.create': call<{ customerId: string }>()(
    z.object({ scope: scopeSchema, intentId: intentIdSchema, profile: customerProfileSchema }).strict(),
  ),
  /** Sends only the fields that differ from the cached customer. */
  'customers.update': call<CustomerProfileView>()(
    z.object({ scope: scopeSchema, customerId, intentId: intentIdSchema, profile: customerProfileSchema }).strict(),
  ),
  'customers.setDefaultPaymentMethod': call<CustomerProfileView>()(
    z
      .object({
        scope: scopeSchema,
        customerId,
        intentId: intentIdSchema,
        paymentMethodId: stripeIdSchema('pm'),
      })
      .strict(),
  ),
  'customers.detachPaymentMethod': call<{ paymentMethodId: string }>()(
    z
      .object({ scope: scopeSchema, customerId, intentId: intentIdSchema, paymentMethodId: stripeIdSchema('pm') })
      .strict(),
  ),
  /** Deletes the customer at Stripe (their subscriptions end), then purges them from this machine's cache. */
  'customers.delete': call<CustomerPurge>()(
    z
      .object({
        scope: scopeSchema,
        customerId,
        intentId: intentIdSchema,
        /** The id typed by the agent: must equal customerId. */
        typedConfirmation: z.string().trim(),
      })
      .strict()
      .refine((v) => v.typedConfirmation === v.customerId, {
        message: 'type the customer’s id to confirm',
        path: ['typedConfirmation'],
      }),
  ),
  'customers.export': call<CustomerExport>()(z.object({ scope: scopeSchema, customerId }).strict()),
};

/** A one-off charge of a saved card, without the customer present (a PaymentIntent confirmed off-session). */
export const savedCardChargeSchema = z
  .object({
    scope: scopeSchema,
    customerId,
    intentId: intentIdSchema,
    paymentMethodId: stripeIdSchema('pm'),
    amount: z.number().int().positive('an amount above zero').safe(),
    currency: z.string().regex(/^[a-z]{3}$/, 'a three-letter currency code'),
    description: z.string().trim().max(500).optional(),
  })
  .strict();

export interface SavedCardCharge {
  paymentIntentId: string;
  status: string;
}

export const savedCardChargeCalls = {
  'customers.chargeSavedCard': call<SavedCardCharge>()(savedCardChargeSchema),
};
