import type Stripe from 'stripe';
import { wireDecimal } from './common';

export interface ProductInput {
  id: string;
  created: number;
  livemode: boolean;
  name: string;
  description: string;
  defaultPrice: string | null;
}

export function buildProduct(p: ProductInput): Stripe.Product {
  return {
    id: p.id,
    object: 'product',
    active: true,
    created: p.created,
    default_price: p.defaultPrice,
    description: p.description,
    images: [],
    livemode: p.livemode,
    marketing_features: [],
    metadata: {},
    name: p.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: null,
    updated: p.created,
    url: null,
  } satisfies Stripe.Product;
}

export interface PriceInput {
  id: string;
  created: number;
  livemode: boolean;
  product: string;
  currency: string;
  unitAmount: number;
  interval: 'month' | 'year';
  nickname: string;
  lookupKey: string;
}

export function buildPrice(p: PriceInput): Stripe.Price {
  return {
    id: p.id,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: p.created,
    currency: p.currency,
    custom_unit_amount: null,
    livemode: p.livemode,
    lookup_key: p.lookupKey,
    metadata: {},
    nickname: p.nickname,
    product: p.product,
    recurring: {
      interval: p.interval,
      interval_count: 1,
      meter: null,
      trial_period_days: null,
      usage_type: 'licensed',
    },
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: 'recurring',
    unit_amount: p.unitAmount,
    unit_amount_decimal: wireDecimal(p.unitAmount),
  } satisfies Stripe.Price;
}
