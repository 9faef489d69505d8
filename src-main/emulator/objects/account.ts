import type Stripe from 'stripe';
import { address } from './common';

export const ACCOUNT_NAME = 'Northwind Supply Co.';

export function buildAccount(accountId: string, created: number): Stripe.Account {
  const requirements = {
    alternatives: [],
    current_deadline: null,
    currently_due: [],
    disabled_reason: null,
    errors: [],
    eventually_due: [],
    past_due: [],
    pending_verification: [],
  };
  return {
    id: accountId,
    object: 'account',
    business_profile: {
      annual_revenue: null,
      estimated_worker_count: null,
      mcc: '5734',
      minority_owned_business_designation: null,
      name: ACCOUNT_NAME,
      product_description: 'Office and warehouse supplies',
      specified_commercial_transactions_act_url: null,
      support_address: address({
        line1: '500 Howard Street',
        city: 'San Francisco',
        state: 'CA',
        postal_code: '94105',
        country: 'US',
      }),
      support_email: 'support@northwind.example',
      support_phone: '+14155550100',
      support_url: 'https://northwind.example/support',
      url: 'https://northwind.example',
    },
    business_type: 'company',
    capabilities: { card_payments: 'active', transfers: 'active' },
    charges_enabled: true,
    controller: { type: 'account' },
    country: 'US',
    created,
    default_currency: 'usd',
    details_submitted: true,
    email: 'finance@northwind.example',
    external_accounts: {
      object: 'list',
      data: [],
      has_more: false,
      url: `/v1/accounts/${accountId}/external_accounts`,
    },
    future_requirements: requirements,
    metadata: {},
    payouts_enabled: true,
    requirements,
    settings: {
      bacs_debit_payments: { display_name: null, service_user_number: null },
      branding: { icon: null, logo: null, primary_color: '#0f62fe', secondary_color: null },
      card_issuing: { tos_acceptance: { date: null, ip: null } },
      card_payments: {
        decline_on: { avs_failure: false, cvc_failure: true },
        statement_descriptor_prefix: 'NORTHWIND',
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      dashboard: { display_name: ACCOUNT_NAME, timezone: 'America/Los_Angeles' },
      invoices: { default_account_tax_ids: null, hosted_payment_method_save: 'offer' },
      payments: {
        statement_descriptor: 'NORTHWIND SUPPLY',
        statement_descriptor_kana: null,
        statement_descriptor_kanji: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      payouts: {
        debit_negative_balances: true,
        schedule: { delay_days: 2, interval: 'daily' },
        statement_descriptor: null,
      },
      sepa_debit_payments: {},
    },
    tos_acceptance: { date: created, ip: '203.0.113.10', user_agent: null },
    type: 'standard',
  } satisfies Stripe.Account;
}
