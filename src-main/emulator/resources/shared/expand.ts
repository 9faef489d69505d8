import { invalidRequest } from '../../http/errors';
import type { RequestContext } from '../../http/context';
import type { ObjectType } from '../../store/types';

const ID_PREFIXES: [string, ObjectType][] = [
  ['cus_', 'customer'],
  ['pm_', 'payment_method'],
  ['pi_', 'payment_intent'],
  ['ch_', 'charge'],
  ['py_', 'charge'],
  ['re_', 'refund'],
  ['pyr_', 'refund'],
  ['dp_', 'dispute'],
  ['du_', 'dispute'],
  ['file_', 'file'],
  ['sub_', 'subscription'],
  ['in_', 'invoice'],
  ['prod_', 'product'],
  ['price_', 'price'],
  ['txn_', 'balance_transaction'],
  ['issfr_', 'early_fraud_warning'],
  ['prv_', 'review'],
  ['po_', 'payout'],
  ['evt_', 'event'],
  ['we_', 'webhook_endpoint'],
  ['promo_', 'promotion_code'],
  ['di_', 'discount'],
];

const MAX_DEPTH = 4;

/** Fields Stripe only includes when expanded, computed from other objects. */
const VIRTUAL_FIELDS: Record<string, Record<string, (ctx: RequestContext, id: string) => unknown>> = {
  charge: {
    refunds: (ctx, id) => ({
      object: 'list',
      data: ctx.env.store.list({
        mode: ctx.mode,
        type: 'refund',
        filters: [{ column: 'ref1', values: [id] }],
        limit: 100,
      }).data,
      has_more: false,
      url: `/v1/charges/${id}/refunds`,
    }),
  },
};

function typeOfId(id: string): ObjectType | undefined {
  return ID_PREFIXES.find(([prefix]) => id.startsWith(prefix))?.[1];
}

function notExpandable(path: string): never {
  throw invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
}

/** Replaces id strings named by `expand[]` paths (e.g. `data.customer`, `latest_charge.balance_transaction`) with objects. */
export function applyExpansions(ctx: RequestContext, body: unknown, paths: string[]): unknown {
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_DEPTH) {
      throw invalidRequest(
        `You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`,
        'expand',
      );
    }
    body = expandAt(ctx, body, segments, path);
  }
  return body;
}

function expandAt(ctx: RequestContext, node: unknown, segments: string[], path: string): unknown {
  if (Array.isArray(node)) return node.map((item) => expandAt(ctx, item, segments, path));
  const [key, ...rest] = segments;
  if (key === undefined) return node;
  if (node === null || typeof node !== 'object') notExpandable(path);
  const record = node as Record<string, unknown>;
  const virtual = VIRTUAL_FIELDS[String(record.object)]?.[key];
  if (virtual && !(key in record)) {
    const value = virtual(ctx, String(record.id));
    return { ...record, [key]: rest.length > 0 ? expandAt(ctx, value, rest, path) : value };
  }
  if (!(key in record)) notExpandable(path);
  let value = record[key];
  if (typeof value === 'string') {
    const type = typeOfId(value);
    if (!type) notExpandable(path);
    value = ctx.env.store.get(ctx.mode, type, value) ?? value;
  } else if (rest.length === 0 && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    // A list of ids (a subscription's `discounts`): each expanded in place.
    const expandOne = (id: string) => (expandAt(ctx, { [key]: id }, [key], path) as Record<string, unknown>)[key];
    return { ...record, [key]: value.map(expandOne) };
  } else if (rest.length === 0 && (value === null || typeof value === 'object')) {
    return node; // already expanded or empty
  } else if (rest.length === 0) {
    notExpandable(path);
  }
  return { ...record, [key]: rest.length > 0 && value !== null ? expandAt(ctx, value, rest, path) : value };
}
