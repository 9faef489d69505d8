import type Stripe from 'stripe';
import { address, type AddressInput } from './common';

export interface CustomerInput {
  id: string;
  created: number;
  livemode: boolean;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: AddressInput | null;
  currency: string | null;
  delinquent: boolean;
  description: string | null;
  balance: number;
  invoicePrefix: string;
  defaultPaymentMethod: string | null;
  metadata: Record<string, string>;
  preferredLocales: string[];
}

/** A customer as `POST /v1/customers` creates it before any field is given. */
export function blankCustomer(id: string, created: number, livemode: boolean, invoicePrefix: string): Stripe.Customer {
  return buildCustomer({
    id,
    created,
    livemode,
    name: null,
    email: null,
    phone: null,
    address: null,
    currency: null,
    delinquent: false,
    description: null,
    balance: 0,
    invoicePrefix,
    defaultPaymentMethod: null,
    metadata: {},
    preferredLocales: [],
  });
}

export function buildCustomer(c: CustomerInput): Stripe.Customer {
  return {
    id: c.id,
    object: 'customer',
    address: c.address ? address(c.address) : null,
    balance: c.balance,
    created: c.created,
    currency: c.currency,
    default_source: null,
    delinquent: c.delinquent,
    description: c.description,
    discount: null,
    email: c.email,
    invoice_prefix: c.invoicePrefix,
    invoice_settings: {
      custom_fields: null,
      default_payment_method: c.defaultPaymentMethod,
      footer: null,
      rendering_options: null,
    },
    livemode: c.livemode,
    metadata: c.metadata,
    name: c.name,
    next_invoice_sequence: 1,
    phone: c.phone,
    preferred_locales: c.preferredLocales,
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
    customer_account: null,
  } satisfies Stripe.Customer;
}
