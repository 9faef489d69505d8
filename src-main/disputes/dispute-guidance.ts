import type { EvidenceField, ReasonGuidance } from '../../src-preload/contract/disputes';

type Entry = { summary: string; fields: [EvidenceField, string][] };

/** Which evidence wins each kind of dispute, after Stripe's published guidance per reason code. */
const GUIDANCE: Record<string, Entry> = {
  fraudulent: {
    summary:
      'The cardholder says they did not authorise the payment. Show that they did: who they are, that they used what they paid for.',
    fields: [
      ['customer_name', 'Matches the cardholder name.'],
      ['customer_email_address', 'Ties the purchase to the customer’s account.'],
      ['billing_address', 'AVS-matched billing address supports authorisation.'],
      ['customer_purchase_ip', 'An IP consistent with the customer’s location or history.'],
      ['access_activity_log', 'Logins or usage by the customer after the purchase.'],
      ['customer_signature', 'A signed receipt or agreement.'],
      ['customer_communication', 'Messages from the customer about the order.'],
      ['shipping_documentation', 'Delivery to the cardholder’s address.'],
    ],
  },
  unrecognized: {
    summary:
      'The cardholder does not recognise the payment. Help them recognise it: who you are, what they bought and when.',
    fields: [
      ['product_description', 'What was bought, as the customer would know it.'],
      ['customer_name', 'Matches the cardholder name.'],
      ['customer_email_address', 'Ties the purchase to the customer’s account.'],
      ['receipt', 'The receipt the customer was sent.'],
      ['customer_communication', 'Messages that show the customer knew the merchant.'],
      ['access_activity_log', 'Usage by the customer after the purchase.'],
    ],
  },
  product_not_received: {
    summary: 'The customer says the goods or service never arrived. Prove delivery or that the service was provided.',
    fields: [
      ['shipping_tracking_number', 'Carrier tracking showing delivery.'],
      ['shipping_carrier', 'Which carrier delivered.'],
      ['shipping_date', 'When it left.'],
      ['shipping_address', 'Delivered to the address the customer gave.'],
      ['shipping_documentation', 'Proof of delivery, signed if possible.'],
      ['service_date', 'When the service was provided.'],
      ['service_documentation', 'Proof the service was provided.'],
      ['customer_communication', 'The customer confirming receipt or use.'],
    ],
  },
  subscription_canceled: {
    summary:
      'The customer says they cancelled. Show the cancellation policy they agreed to and why they were still charged.',
    fields: [
      ['cancellation_policy', 'The policy as shown to the customer.'],
      ['cancellation_policy_disclosure', 'How and when the policy was disclosed.'],
      ['cancellation_rebuttal', 'Why the customer is not entitled to a refund.'],
      ['customer_communication', 'No cancellation request, or one after the charge.'],
      ['access_activity_log', 'Use of the service after the claimed cancellation.'],
      ['service_date', 'The period the charge covers.'],
    ],
  },
  duplicate: {
    summary: 'The customer says they were charged twice. Show the two charges are for separate purchases.',
    fields: [
      ['duplicate_charge_id', 'The other charge the customer thinks is a duplicate.'],
      ['duplicate_charge_explanation', 'Why the two charges are distinct.'],
      ['duplicate_charge_documentation', 'Receipts for both purchases.'],
      ['receipt', 'The receipt for this charge.'],
      ['customer_communication', 'The customer ordering twice.'],
    ],
  },
  credit_not_processed: {
    summary:
      'The customer says a promised refund or credit never came. Show it was not owed, or that it was processed.',
    fields: [
      ['refund_policy', 'The refund policy as shown to the customer.'],
      ['refund_policy_disclosure', 'How and when the policy was disclosed.'],
      ['refund_refusal_explanation', 'Why the customer is not entitled to a refund.'],
      ['customer_communication', 'What was agreed with the customer.'],
      ['receipt', 'The receipt for this charge.'],
    ],
  },
  product_unacceptable: {
    summary: 'The customer says the product was defective or not as described. Show it matched its description.',
    fields: [
      ['product_description', 'What was sold, as described at purchase.'],
      ['refund_policy', 'The return and refund policy.'],
      ['refund_policy_disclosure', 'How the policy was disclosed.'],
      ['refund_refusal_explanation', 'Why no refund is owed (e.g. no return made).'],
      ['customer_communication', 'Attempts to resolve the complaint.'],
      ['shipping_documentation', 'What was shipped.'],
    ],
  },
  general: {
    summary:
      'An uncategorised dispute. Tell the whole story: what was bought, that it was delivered, and your policies.',
    fields: [
      ['uncategorized_text', 'A concise account of the transaction.'],
      ['uncategorized_file', 'Any document that supports it.'],
      ['product_description', 'What was sold.'],
      ['receipt', 'The receipt for this charge.'],
      ['customer_communication', 'Messages with the customer.'],
    ],
  },
};

/** The evidence that matters most for a dispute reason; unknown reasons get the general advice. */
export function disputeGuidance(reason: string): ReasonGuidance {
  const entry = GUIDANCE[reason] ?? GUIDANCE['general']!;
  return { reason, summary: entry.summary, fields: entry.fields.map(([field, why]) => ({ field, why })) };
}
