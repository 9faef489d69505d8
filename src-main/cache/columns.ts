import type { Resource } from './resources';

type Value = string | number | null;
type Obj = Record<string, unknown>;

/** An indexed column copied out of the raw JSON so views filter and sort in SQL, never in JSON. */
export interface ColumnSpec {
  name: string;
  type: 'TEXT' | 'INTEGER';
  /** SQL collation for text compared case-insensitively (email, name). */
  collate?: 'NOCASE';
  from: (o: Obj) => Value;
}

export interface TableSpec {
  columns: ColumnSpec[];
  /** Secondary indexes, each a list of column expressions. */
  indexes: string[][];
}

const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const at = (o: Obj, ...path: string[]): unknown => path.reduce<unknown>((v, key) => obj(v)[key], o);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null);
const flag = (v: unknown): number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : null);
/** Expandable fields are either an id or the expanded object. */
export const idOf = (v: unknown): string | null => text(v) ?? text(obj(v).id);

const t = (name: string, from: (o: Obj) => unknown, collate?: 'NOCASE'): ColumnSpec => ({
  name,
  type: 'TEXT',
  ...(collate ? { collate } : {}),
  from: (o) => text(from(o)),
});
const ref = (name: string, from: (o: Obj) => unknown): ColumnSpec => ({
  name,
  type: 'TEXT',
  from: (o) => idOf(from(o)),
});
const n = (name: string, from: (o: Obj) => unknown): ColumnSpec => ({
  name,
  type: 'INTEGER',
  from: (o) => int(from(o)),
});
const b = (name: string, from: (o: Obj) => unknown): ColumnSpec => ({
  name,
  type: 'INTEGER',
  from: (o) => flag(from(o)),
});

const card = (o: Obj) => obj(o.card);
const chargeCard = (o: Obj) => obj(at(o, 'payment_method_details', 'card'));
const firstItem = (o: Obj) => obj((at(o, 'items', 'data') as unknown[] | undefined)?.[0]);

/**
 * Indexed columns per table, version 1. Migration 1 builds the tables from this; a later change to the
 * columns needs a new migration (ALTER TABLE … ADD COLUMN) next to the spec change.
 */
export const TABLES: Record<Resource, TableSpec> = {
  customers: {
    columns: [
      t('email', (o) => o.email, 'NOCASE'),
      t('name', (o) => o.name, 'NOCASE'),
      t('phone', (o) => o.phone),
      b('delinquent', (o) => o.delinquent),
      n('balance', (o) => o.balance),
      t('currency', (o) => o.currency),
      ref('default_payment_method', (o) => at(o, 'invoice_settings', 'default_payment_method')),
      t('description', (o) => o.description),
    ],
    indexes: [['email COLLATE NOCASE'], ['name COLLATE NOCASE'], ['delinquent', 'created']],
  },
  payment_methods: {
    columns: [
      ref('customer', (o) => o.customer),
      t('type', (o) => o.type),
      t('card_brand', (o) => card(o).brand),
      t('card_last4', (o) => card(o).last4),
      n('card_exp_month', (o) => card(o).exp_month),
      n('card_exp_year', (o) => card(o).exp_year),
      t('card_fingerprint', (o) => card(o).fingerprint),
    ],
    indexes: [['customer', 'created'], ['card_last4']],
  },
  payment_intents: {
    columns: [
      ref('customer', (o) => o.customer),
      t('status', (o) => o.status),
      n('amount', (o) => o.amount),
      n('amount_received', (o) => o.amount_received),
      t('currency', (o) => o.currency),
      ref('payment_method', (o) => o.payment_method),
      ref('latest_charge', (o) => o.latest_charge),
      ref('invoice', (o) => o.invoice),
      t('receipt_email', (o) => o.receipt_email),
      t('description', (o) => o.description),
    ],
    indexes: [['customer', 'created'], ['status', 'created'], ['amount'], ['latest_charge']],
  },
  charges: {
    columns: [
      ref('customer', (o) => o.customer),
      ref('payment_intent', (o) => o.payment_intent),
      t('status', (o) => o.status),
      n('amount', (o) => o.amount),
      n('amount_refunded', (o) => o.amount_refunded),
      n('amount_captured', (o) => o.amount_captured),
      t('currency', (o) => o.currency),
      b('captured', (o) => o.captured),
      b('paid', (o) => o.paid),
      b('refunded', (o) => o.refunded),
      b('disputed', (o) => o.disputed),
      ref('payment_method', (o) => o.payment_method),
      t('card_brand', (o) => chargeCard(o).brand),
      t('card_last4', (o) => chargeCard(o).last4),
      ref('invoice', (o) => o.invoice),
      t('receipt_email', (o) => o.receipt_email ?? at(o, 'billing_details', 'email')),
      t('failure_code', (o) => o.failure_code),
    ],
    indexes: [['customer', 'created'], ['payment_intent'], ['status', 'created'], ['amount']],
  },
  refunds: {
    columns: [
      ref('charge', (o) => o.charge),
      ref('payment_intent', (o) => o.payment_intent),
      t('status', (o) => o.status),
      n('amount', (o) => o.amount),
      t('currency', (o) => o.currency),
      t('reason', (o) => o.reason),
    ],
    indexes: [['charge'], ['payment_intent']],
  },
  disputes: {
    columns: [
      ref('charge', (o) => o.charge),
      ref('payment_intent', (o) => o.payment_intent),
      t('status', (o) => o.status),
      n('amount', (o) => o.amount),
      t('currency', (o) => o.currency),
      t('reason', (o) => o.reason),
      n('due_by', (o) => at(o, 'evidence_details', 'due_by')),
      b('is_charge_refundable', (o) => o.is_charge_refundable),
    ],
    indexes: [['status', 'due_by'], ['charge'], ['due_by']],
  },
  subscriptions: {
    columns: [
      ref('customer', (o) => o.customer),
      t('status', (o) => o.status),
      // Newer API versions moved the period onto the items.
      n('current_period_end', (o) => o.current_period_end ?? firstItem(o).current_period_end),
      b('cancel_at_period_end', (o) => o.cancel_at_period_end),
      n('cancel_at', (o) => o.cancel_at),
      ref('price', (o) => firstItem(o).price),
      t('currency', (o) => o.currency),
      t('collection_method', (o) => o.collection_method),
    ],
    indexes: [
      ['customer', 'created'],
      ['status', 'current_period_end'],
    ],
  },
  invoices: {
    columns: [
      ref('customer', (o) => o.customer),
      ref('subscription', (o) => o.subscription ?? at(o, 'parent', 'subscription_details', 'subscription')),
      t('status', (o) => o.status),
      n('amount_due', (o) => o.amount_due),
      n('amount_paid', (o) => o.amount_paid),
      n('amount_remaining', (o) => o.amount_remaining),
      t('currency', (o) => o.currency),
      n('due_date', (o) => o.due_date),
      t('number', (o) => o.number),
      ref('payment_intent', (o) => o.payment_intent),
    ],
    indexes: [
      ['customer', 'created'],
      ['subscription', 'created'],
      ['status', 'created'],
    ],
  },
  products: {
    columns: [t('name', (o) => o.name, 'NOCASE'), b('active', (o) => o.active)],
    indexes: [],
  },
  prices: {
    columns: [
      ref('product', (o) => o.product),
      b('active', (o) => o.active),
      n('unit_amount', (o) => o.unit_amount),
      t('currency', (o) => o.currency),
      t('type', (o) => o.type),
      t('recurring_interval', (o) => at(o, 'recurring', 'interval')),
    ],
    indexes: [['product']],
  },
  early_fraud_warnings: {
    columns: [
      ref('charge', (o) => o.charge),
      ref('payment_intent', (o) => o.payment_intent),
      b('actionable', (o) => o.actionable),
      t('fraud_type', (o) => o.fraud_type),
    ],
    indexes: [['actionable', 'created'], ['charge']],
  },
  reviews: {
    columns: [
      ref('charge', (o) => o.charge),
      ref('payment_intent', (o) => o.payment_intent),
      b('open', (o) => o.open),
      t('reason', (o) => o.reason),
      t('closed_reason', (o) => o.closed_reason),
    ],
    indexes: [['open', 'created'], ['charge']],
  },
  payouts: {
    columns: [
      t('status', (o) => o.status),
      n('amount', (o) => o.amount),
      t('currency', (o) => o.currency),
      n('arrival_date', (o) => o.arrival_date),
      t('failure_code', (o) => o.failure_code),
    ],
    indexes: [['status', 'created']],
  },
  events: {
    columns: [
      t('type', (o) => o.type),
      t('object_id', (o) => at(o, 'data', 'object', 'id')),
      t('object_type', (o) => at(o, 'data', 'object', 'object')),
      t('request_id', (o) => at(o, 'request', 'id')),
    ],
    indexes: [
      ['type', 'created'],
      ['object_id', 'created'],
    ],
  },
};

export function columnValues(resource: Resource, object: Obj): Value[] {
  return TABLES[resource].columns.map((c) => c.from(object));
}
