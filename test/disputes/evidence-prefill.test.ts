import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { evidencePrefill, withPrefill } from '../../src-main/disputes/evidence-prefill';

const charge = {
  created: Date.UTC(2026, 2, 2, 15) / 1000,
  description: 'Order 1042: walnut desk',
  receipt_email: 'receipt@example.com',
  billing_details: {
    name: 'J. Rosen',
    email: null,
    phone: null,
    address: { line1: '1 Main St', line2: null, city: 'Springfield', state: 'IL', postal_code: '62701', country: 'US' },
  },
  shipping: {
    name: 'Jenny Rosen',
    address: { line1: '9 Elm Rd', line2: 'Unit 2', city: 'Portland', state: 'OR', postal_code: '97201', country: 'US' },
    carrier: 'UPS',
    tracking_number: '1Z999',
    phone: null,
  },
} as unknown as Stripe.Charge;
const customer = {
  name: 'Jenny Rosen',
  email: 'jenny@example.com',
  address: null,
  shipping: null,
} as unknown as Stripe.Customer;

describe('evidence pre-filled from the cache', () => {
  it('takes who, when, what and where from the charge and the customer', () => {
    expect(evidencePrefill(charge, customer)).toEqual({
      customer_name: 'Jenny Rosen',
      customer_email_address: 'jenny@example.com',
      billing_address: '1 Main St, Springfield, IL, 62701, US',
      service_date: '2026-03-02',
      product_description: 'Order 1042: walnut desk',
      shipping_address: '9 Elm Rd, Unit 2, Portland, OR, 97201, US',
      shipping_carrier: 'UPS',
      shipping_tracking_number: '1Z999',
    });
  });

  it('falls back to what the charge knows without a customer, and leaves out what nobody knows', () => {
    const bare = { ...charge, shipping: null, description: null } as unknown as Stripe.Charge;
    expect(evidencePrefill(bare, null)).toEqual({
      customer_name: 'J. Rosen',
      customer_email_address: 'receipt@example.com',
      billing_address: '1 Main St, Springfield, IL, 62701, US',
      service_date: '2026-03-02',
    });
    expect(evidencePrefill(null, null)).toEqual({});
  });

  it('never overwrites evidence already written', () => {
    expect(
      withPrefill({ customer_name: 'Typed by finance' }, { customer_name: 'Jenny', service_date: '2026-03-02' }),
    ).toEqual({
      customer_name: 'Typed by finance',
      service_date: '2026-03-02',
    });
  });
});
