/** Plain words for Radar's codes. */
export const FRAUD_TYPE_LABELS: Record<string, string> = {
  card_never_received: 'Card never received',
  fraudulent_card_application: 'Fraudulent card application',
  made_with_counterfeit_card: 'Counterfeit card',
  made_with_lost_card: 'Lost card',
  made_with_stolen_card: 'Stolen card',
  misc: 'Other fraud',
  unauthorized_use_of_card: 'Unauthorized use of card',
};

export const REVIEW_REASON_LABELS: Record<string, string> = {
  rule: 'A Radar rule held it',
  manual: 'Sent to review by hand',
  approved: 'Approved',
  refunded: 'Refunded',
  refunded_as_fraud: 'Refunded as fraud',
  disputed: 'Disputed',
  redacted: 'Redacted',
  canceled: 'Canceled',
  payment_never_settled: 'Payment never settled',
  acknowledged: 'Acknowledged',
};

export const label = (labels: Record<string, string>, code: string | null): string =>
  code ? (labels[code] ?? code.replaceAll('_', ' ')) : '—';
