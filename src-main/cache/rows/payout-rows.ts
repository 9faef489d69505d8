import type { PayoutRow } from '../../../src-preload/contract';
import { int, str, type Json } from '../../stripe/stripe-json';

export function toPayoutRow(p: Json): PayoutRow {
  return {
    id: str(p.id) ?? '',
    amount: int(p.amount) ?? 0,
    currency: str(p.currency) ?? 'usd',
    status: str(p.status) ?? 'pending',
    created: int(p.created) ?? 0,
    arrivalDate: int(p.arrival_date) ?? 0,
    failureCode: str(p.failure_code),
    failureMessage: str(p.failure_message),
  };
}
