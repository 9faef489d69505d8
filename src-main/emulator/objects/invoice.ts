import type Stripe from 'stripe';
import { address, wireDecimal, type AddressInput } from './common';

export interface InvoiceInput {
  id: string;
  lineId: string;
  number: string | null;
  created: number;
  livemode: boolean;
  customer: string;
  customerName: string;
  customerEmail: string;
  customerAddress: AddressInput | null;
  subscription: string | null;
  price: Stripe.Price;
  quantity: number;
  status: Stripe.Invoice.Status;
  periodStart: number;
  periodEnd: number;
  attemptCount: number;
  accountName: string;
  billingReason: Stripe.Invoice.BillingReason;
}

export function buildInvoice(i: InvoiceInput): Stripe.Invoice {
  const total = (i.price.unit_amount ?? 0) * i.quantity;
  const paid = i.status === 'paid';
  const finalized = i.status !== 'draft';
  const hostedBase = `https://invoice.stripe.com/i/${i.id}`;
  return {
    id: i.id,
    object: 'invoice',
    account_country: 'US',
    account_name: i.accountName,
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: paid ? total : 0,
    amount_remaining: paid || i.status === 'void' ? 0 : total,
    amount_shipping: 0,
    application: null,
    attempt_count: i.attemptCount,
    attempted: i.attemptCount > 0,
    auto_advance: i.status === 'draft' || i.status === 'open',
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: i.status === 'draft' ? i.created + 3600 : null,
    billing_reason: i.billingReason,
    collection_method: 'charge_automatically',
    created: i.created,
    currency: i.price.currency,
    custom_fields: null,
    customer: i.customer,
    customer_account: null,
    customer_address: i.customerAddress ? address(i.customerAddress) : null,
    customer_email: i.customerEmail,
    customer_name: i.customerName,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: finalized ? i.created + 3600 : null,
    ending_balance: finalized ? 0 : null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: finalized ? hostedBase : null,
    invoice_pdf: finalized ? `${hostedBase}/pdf` : null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: {
      object: 'list',
      data: [
        {
          id: i.lineId,
          object: 'line_item',
          amount: total,
          currency: i.price.currency,
          description: `${i.quantity} × ${i.price.nickname ?? 'Subscription'}`,
          discount_amounts: [],
          discountable: true,
          discounts: [],
          invoice: i.id,
          livemode: i.livemode,
          metadata: {},
          parent: null,
          period: { end: i.periodEnd, start: i.periodStart },
          pretax_credit_amounts: [],
          pricing: {
            price_details: { price: i.price.id, product: String(i.price.product) },
            type: 'price_details',
            unit_amount_decimal: null,
          },
          quantity: i.quantity,
          quantity_decimal: wireDecimal(i.quantity),
          subscription: i.subscription,
          subtotal: total,
          taxes: [],
        },
      ],
      has_more: false,
      url: `/v1/invoices/${i.id}/lines`,
    },
    livemode: i.livemode,
    metadata: {},
    next_payment_attempt: i.status === 'open' ? i.created + 3 * 86400 : null,
    number: i.number,
    on_behalf_of: null,
    parent: i.subscription
      ? {
          quote_details: null,
          subscription_details: { metadata: {}, subscription: i.subscription },
          type: 'subscription_details',
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: i.periodEnd,
    period_start: i.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: i.status,
    status_transitions: {
      finalized_at: finalized ? i.created + 3600 : null,
      marked_uncollectible_at: i.status === 'uncollectible' ? i.created + 30 * 86400 : null,
      paid_at: paid ? i.created + 3600 : null,
      voided_at: i.status === 'void' ? i.created + 7200 : null,
    },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: i.created,
  } satisfies Stripe.Invoice;
}
