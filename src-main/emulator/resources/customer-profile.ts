import type Stripe from 'stripe';
import type { RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import type { ParamReader, Params } from '../http/params';

/** Stripe's metadata limits. */
const METADATA = { keys: 50, keyLength: 40, valueLength: 500 } as const;
const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'state', 'postal_code', 'country'] as const;
const SHIPPING_FIELDS = ['name', 'phone', 'address'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The fields `POST /v1/customers` and `POST /v1/customers/:id` take from an agent, validated the way Stripe does
 * (email_invalid, metadata limits, unknown nested keys, a default payment method that is attached to the customer).
 */
export function applyCustomerFields(ctx: RequestContext, customer: Stripe.Customer): Stripe.Customer {
  const p = ctx.params;
  const next = { ...customer };
  for (const field of ['name', 'email', 'phone', 'description'] as const) {
    const value = p.string(field);
    if (value !== undefined) next[field] = value === '' ? null : value;
  }
  if (next.email && next.email !== customer.email && !EMAIL.test(next.email)) {
    throw invalidRequest(`Invalid email address: ${next.email}`, 'email', 'email_invalid');
  }
  const address = p.object('address');
  if (address !== undefined) next.address = address === null ? null : toAddress(address, 'address');
  const shipping = p.object('shipping');
  if (shipping !== undefined) next.shipping = shipping === null ? null : toShipping(shipping);
  const metadata = p.metadata(customer.metadata);
  if (metadata) next.metadata = checkMetadata(metadata);
  const locales = p.stringList('preferred_locales');
  if (locales !== undefined) next.preferred_locales = locales;
  const defaultMethod = defaultPaymentMethod(ctx, p, customer.id);
  if (defaultMethod !== undefined)
    next.invoice_settings = { ...customer.invoice_settings, default_payment_method: defaultMethod };
  return next;
}

/** Stripe refuses metadata past its limits, naming the offending key. */
export function checkMetadata(metadata: Record<string, string>): Record<string, string> {
  const keys = Object.keys(metadata);
  if (keys.length > METADATA.keys)
    throw invalidRequest(`Invalid metadata: metadata can have at most ${METADATA.keys} keys.`, 'metadata');
  for (const key of keys) {
    if (key.length > METADATA.keyLength)
      throw invalidRequest(
        `Metadata keys can have up to ${METADATA.keyLength} characters, but you passed in a key that is ${key.length} characters.`,
        `metadata[${key}]`,
      );
    const value = metadata[key] as string;
    if (value.length > METADATA.valueLength)
      throw invalidRequest(
        `Metadata values can have up to ${METADATA.valueLength} characters, but you passed in a value that is ${value.length} characters.`,
        `metadata[${key}]`,
      );
  }
  return metadata;
}

function onlyKnown(value: Params, known: readonly string[], param: string): void {
  for (const key of Object.keys(value))
    if (!known.includes(key))
      throw invalidRequest(`Received unknown parameter: ${param}[${key}]`, `${param}[${key}]`, 'parameter_unknown');
}

function field(value: Params, key: string, param: string): string | null {
  const v = value[key];
  if (v === undefined || v === '') return null;
  if (typeof v !== 'string') throw invalidRequest(`Invalid string: ${param}[${key}]`, `${param}[${key}]`);
  return v;
}

function toAddress(value: Params, param: string): Stripe.Address {
  onlyKnown(value, ADDRESS_FIELDS, param);
  const country = field(value, 'country', param);
  if (country !== null && !/^[A-Za-z]{2}$/.test(country))
    throw invalidRequest(
      `Country '${country}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'.`,
      `${param}[country]`,
    );
  return {
    line1: field(value, 'line1', param),
    line2: field(value, 'line2', param),
    city: field(value, 'city', param),
    state: field(value, 'state', param),
    postal_code: field(value, 'postal_code', param),
    country: country?.toUpperCase() ?? null,
  };
}

function toShipping(value: Params): Stripe.Customer.Shipping {
  onlyKnown(value, SHIPPING_FIELDS, 'shipping');
  const name = field(value, 'name', 'shipping');
  if (!name) throw invalidRequest('Missing required param: shipping[name].', 'shipping[name]', 'parameter_missing');
  const address = value.address;
  if (typeof address !== 'object' || Array.isArray(address))
    throw invalidRequest('Missing required param: shipping[address].', 'shipping[address]', 'parameter_missing');
  const parsed = toAddress(address, 'shipping[address]');
  if (!parsed.line1)
    throw invalidRequest(
      'Missing required param: shipping[address][line1].',
      'shipping[address][line1]',
      'parameter_missing',
    );
  return { address: parsed, name, phone: field(value, 'phone', 'shipping') };
}

/** `invoice_settings[default_payment_method]`: a payment method attached to this customer ('' unsets it). */
function defaultPaymentMethod(ctx: RequestContext, p: ParamReader, customerId: string): string | null | undefined {
  const settings = p.object('invoice_settings');
  if (!settings) return undefined;
  onlyKnown(settings, ['default_payment_method'], 'invoice_settings');
  const id = settings.default_payment_method;
  if (id === undefined) return undefined;
  const param = 'invoice_settings[default_payment_method]';
  if (typeof id !== 'string') throw invalidRequest(`Invalid string: ${param}`, param);
  if (id === '') return null;
  const method = ctx.env.store.get(ctx.mode, 'payment_method', id) as Stripe.PaymentMethod | undefined;
  if (!method) throw invalidRequest(`No such PaymentMethod: '${id}'`, param, 'resource_missing');
  if (method.customer !== customerId)
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${id}. The payment method must be attached to the customer.`,
      param,
    );
  return id;
}
