import type { TimelineEntry } from '../../../src-preload/contract';
import { int, obj, str, type Json } from '../../stripe/stripe-json';

/** The money the event moved: a refund on a charge is the part refunded by it, not the charge's amount. */
function movedAmount(type: string, object: Json, previous: Json): number | null {
  if (type === 'charge.refunded') return (int(object.amount_refunded) ?? 0) - (int(previous.amount_refunded) ?? 0);
  if (type === 'charge.captured') return int(object.amount_captured) ?? int(object.amount);
  return int(object.amount);
}

export function toTimelineEntry(event: Json): TimelineEntry {
  const data = obj(event.data);
  const object = obj(data.object);
  const type = str(event.type) ?? 'unknown';
  return {
    id: str(event.id) ?? '',
    type,
    created: int(event.created) ?? 0,
    objectId: str(object.id),
    objectType: str(object.object),
    amount: movedAmount(type, object, obj(data.previous_attributes)),
    currency: str(object.currency),
    status: str(object.status),
    requestId: str(obj(event.request).id),
  };
}
