import type { RadarCharge, RadarCustomer, ReviewRow, WarningRow } from '../../../src-preload/contract';
import { bool, int, obj, parse, str, type Json } from '../../stripe/stripe-json';

/** A warning or review row joined with its charge and the charge's customer (see repos/radar-repo.ts). */
export interface JoinedRow {
  id: string;
  created: number;
  data: string;
  charge_data: string | null;
  customer_id: string | null;
  customer_name: string | null;
  customer_email: string | null;
}

export function toRadarCharge(charge: Json): RadarCharge {
  const outcome = obj(charge.outcome);
  const card = obj(obj(charge.payment_method_details).card);
  return {
    id: str(charge.id) ?? '',
    amount: int(charge.amount) ?? 0,
    amountRefunded: int(charge.amount_refunded) ?? 0,
    currency: str(charge.currency) ?? 'usd',
    created: int(charge.created) ?? 0,
    refunded: bool(charge.refunded),
    disputed: bool(charge.disputed),
    riskLevel: str(outcome.risk_level),
    riskScore: int(outcome.risk_score),
    card: card.last4 || card.brand ? { brand: str(card.brand), last4: str(card.last4) } : null,
  };
}

function customerOf(row: JoinedRow): RadarCustomer | null {
  return row.customer_id ? { id: row.customer_id, name: row.customer_name, email: row.customer_email } : null;
}

export function toWarningRow(row: JoinedRow): WarningRow {
  const warning = parse(row.data);
  return {
    id: row.id,
    created: row.created,
    fraudType: str(warning.fraud_type) ?? 'misc',
    actionable: bool(warning.actionable),
    charge: row.charge_data ? toRadarCharge(parse(row.charge_data)) : null,
    customer: customerOf(row),
  };
}

export function toReviewRow(row: JoinedRow): ReviewRow {
  const review = parse(row.data);
  return {
    id: row.id,
    created: row.created,
    open: bool(review.open),
    reason: str(review.reason) ?? 'rule',
    openedReason: str(review.opened_reason),
    closedReason: str(review.closed_reason),
    charge: row.charge_data ? toRadarCharge(parse(row.charge_data)) : null,
    customer: customerOf(row),
    ipCountry: str(obj(review.ip_address_location).country),
  };
}
