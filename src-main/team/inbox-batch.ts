import type { Scope } from '../../src-preload/contract';
import { eventFreshness, resourceOf, type EventRecord, type Freshness, type StripeObjectLike } from '../cache';
import type { StaleObject } from '../sync/event-applier';
import type { Queryable } from './pg-database';
import { decide, UNREAD, type StoredSnapshot } from './stored-snapshot';

/** One verified delivery, as the inbox holds it. */
export interface InboxDelivery {
  scope: Scope;
  receivedAt: number;
  /** The event's JSON as Stripe signed it. */
  payload: string;
}

interface Change {
  kind: 'upsert' | 'delete';
  object: StripeObjectLike;
  freshness: Freshness;
}

interface ObjectState {
  scope: Scope;
  resource: string;
  id: string;
  changes: Change[];
  stored: StoredSnapshot | undefined;
  /** What the batch leaves: null when nothing changed. */
  result: (StoredSnapshot & { inDoubt: boolean }) | null;
  doubted: boolean;
  /** The fold needs the stored row's data, which the lock did not read (UNREAD). */
  needsData: boolean;
}

interface LockedRow {
  account_id: string;
  mode: string;
  resource: string;
  id: string;
  created: string;
  deleted: boolean;
  fresh_lo: string;
  fresh_hi: string;
}

const keyOf = (accountId: string, mode: string, resource: string, id: string) =>
  `${accountId}\u0000${mode}\u0000${resource}\u0000${id}`;

/**
 * Applies a batch of webhook deliveries set-wise, inside the caller's transaction: one INSERT records every event
 * (a duplicate id — delivered twice, or already polled — is dropped there), one SELECT … FOR UPDATE locks every
 * object the new events touch (in key order, as every writer locks), the events of each object are folded in
 * delivery order by the same freshness rule the one-event applier uses, and one multi-row upsert writes what
 * changed, guarded again in SQL so nothing older replaces a newer row. Returns the objects whose order couldn't be
 * decided (same-second snapshots that differ), for a refetch from Stripe.
 */
export async function applyDeliveries(
  client: Queryable,
  deliveries: readonly InboxDelivery[],
): Promise<{ scope: Scope; objects: StaleObject[] }[]> {
  if (deliveries.length === 0) return [];
  const events = deliveries.map((d) => ({ ...d, event: JSON.parse(d.payload) as EventRecord }));
  // The payloads go as one JSON array joined from their raw text (each parsed already): no per-element escaping.
  const { rows: fresh } = await client.query<{ account_id: string; mode: string; id: string }>({
    name: 'team_events_record',
    text: `INSERT INTO stripe_events (account_id, mode, id, created, type, source, received_at, applied_at, data)
           SELECT w.account_id, w.mode, w.id, w.created, w.type, 'webhook', w.received_at, w.received_at, w.data
           FROM ROWS FROM (unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), unnest($4::bigint[]),
             unnest($5::text[]), unnest($6::bigint[]), jsonb_array_elements($7::jsonb))
             AS w(account_id, mode, id, created, type, received_at, data)
           ON CONFLICT DO NOTHING RETURNING account_id, mode, id`,
    values: [
      events.map((e) => e.scope.accountId),
      events.map((e) => e.scope.mode),
      events.map((e) => e.event.id),
      events.map((e) => e.event.created),
      events.map((e) => e.event.type),
      events.map((e) => e.receivedAt),
      `[${events.map((e) => e.payload).join(',')}]`,
    ],
  });
  const recorded = new Set(fresh.map((r) => keyOf(r.account_id, r.mode, '', r.id)));

  // Each object's changes, in delivery order.
  const objects = new Map<string, ObjectState>();
  for (const { scope, event, receivedAt } of events) {
    if (!recorded.delete(keyOf(scope.accountId, scope.mode, '', event.id))) continue;
    const object = (event.data as { object?: StripeObjectLike } | undefined)?.object;
    const resource = object ? resourceOf(object.object) : null;
    if (!object || !resource || resource === 'events') continue;
    const key = keyOf(scope.accountId, scope.mode, resource, object.id);
    let state = objects.get(key);
    if (!state) {
      state = {
        scope,
        resource,
        id: object.id,
        changes: [],
        stored: undefined,
        result: null,
        doubted: false,
        needsData: false,
      };
      objects.set(key, state);
    }
    state.changes.push({
      kind: event.type === `${object.object}.deleted` ? 'delete' : 'upsert',
      object,
      freshness: eventFreshness(event.created, receivedAt),
    });
  }

  let pending = [...objects.values()];
  // A row another transaction inserted after the lock found none is judged again, now locked (once more at most).
  for (let pass = 0; pending.length > 0; pass++) {
    if (pass === 3) throw new Error('webhook batch: rows kept changing under their locks');
    await lock(client, pending);
    for (const state of pending) fold(state);
    // The few that compare with or keep the stored JSON read it now (locked already), and fold again.
    const reading = pending.filter((s) => s.needsData);
    if (reading.length > 0) {
      await readData(client, reading);
      for (const state of reading) fold(state);
    }
    const written = await write(
      client,
      pending.filter((s) => s.result !== null),
    );
    pending = pending.filter(
      (s) => s.result !== null && !written.has(keyOf(s.scope.accountId, s.scope.mode, s.resource, s.id)),
    );
  }
  const doubtedOnly = [...objects.values()].filter((s) => s.doubted && s.result === null);
  if (doubtedOnly.length > 0)
    await client.query(
      `UPDATE stripe_objects o SET in_doubt = true
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(account_id, mode, resource, id)
       WHERE (o.account_id, o.mode, o.resource, o.id) = (k.account_id, k.mode, k.resource, k.id)`,
      columns(doubtedOnly),
    );

  const refetches = new Map<string, { scope: Scope; objects: StaleObject[] }>();
  for (const state of objects.values()) {
    if (!state.doubted) continue;
    const scopeKey = `${state.scope.accountId}:${state.scope.mode}`;
    const entry = refetches.get(scopeKey) ?? { scope: state.scope, objects: [] };
    entry.objects.push({ resource: state.resource as StaleObject['resource'], id: state.id });
    refetches.set(scopeKey, entry);
  }
  return [...refetches.values()];
}

function columns(states: readonly ObjectState[]): string[][] {
  return [
    states.map((s) => s.scope.accountId),
    states.map((s) => s.scope.mode),
    states.map((s) => s.resource),
    states.map((s) => s.id),
  ];
}

/** Locks the rows in key order and reads what the freshness rule needs, not their JSON (rarely needed: UNREAD). */
async function lock(client: Queryable, states: ObjectState[]): Promise<void> {
  const { rows } = await client.query<LockedRow>({
    name: 'team_objects_lock',
    text: `SELECT o.account_id, o.mode, o.resource, o.id, o.created, o.deleted, o.fresh_lo, o.fresh_hi
     FROM stripe_objects o
     JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(account_id, mode, resource, id)
       ON (o.account_id, o.mode, o.resource, o.id) = (k.account_id, k.mode, k.resource, k.id)
     ORDER BY o.account_id, o.mode, o.resource, o.id FOR UPDATE OF o`,
    values: columns(states),
  });
  const stored = new Map(rows.map((r) => [keyOf(r.account_id, r.mode, r.resource, r.id), r]));
  for (const state of states) {
    const row = stored.get(keyOf(state.scope.accountId, state.scope.mode, state.resource, state.id));
    state.stored = row && {
      created: Number(row.created),
      deleted: row.deleted,
      lo: Number(row.fresh_lo),
      hi: Number(row.fresh_hi),
      data: UNREAD,
    };
  }
}

/** The stored JSON of rows this transaction has locked. */
async function readData(client: Queryable, states: ObjectState[]): Promise<void> {
  const { rows } = await client.query<{
    account_id: string;
    mode: string;
    resource: string;
    id: string;
    data: unknown;
  }>({
    name: 'team_objects_data',
    text: `SELECT o.account_id, o.mode, o.resource, o.id, o.data FROM stripe_objects o
       JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(account_id, mode, resource, id)
         ON (o.account_id, o.mode, o.resource, o.id) = (k.account_id, k.mode, k.resource, k.id)`,
    values: columns(states),
  });
  const data = new Map(rows.map((r) => [keyOf(r.account_id, r.mode, r.resource, r.id), r.data]));
  for (const state of states)
    if (state.stored)
      state.stored.data = data.get(keyOf(state.scope.accountId, state.scope.mode, state.resource, state.id));
}

/** The object's changes applied one after another, as applyEvent would apply them, in memory. */
function fold(state: ObjectState): void {
  let current: (StoredSnapshot & { inDoubt: boolean }) | undefined = state.stored && {
    ...state.stored,
    inDoubt: false,
  };
  let changed = false;
  state.doubted = false;
  state.needsData = false;
  for (const { kind, object, freshness } of state.changes) {
    if (kind === 'delete') {
      // A deletion is final and keeps the object's last data, as the desktop cache does.
      if (current?.deleted) continue;
      current = {
        created: current?.created ?? 0,
        deleted: true,
        lo: freshness.lo,
        hi: freshness.hi,
        data: current?.data ?? { id: object.id, deleted: true },
        inDoubt: false,
      };
      changed = true;
      continue;
    }
    const decision = decide(current, object, freshness);
    if (decision === 'read') {
      state.needsData = true;
      state.result = null;
      return;
    }
    if (decision === 'doubt') {
      current!.inDoubt = true;
      state.doubted = true;
    } else if (decision === 'write') {
      current = {
        created: object.created ?? current?.created ?? 0,
        deleted: object.deleted === true,
        lo: freshness.lo,
        hi: freshness.hi,
        data: object.deleted && current ? current.data : object,
        inDoubt: false,
      };
      changed = true;
    }
  }
  // A deletion of the stored row keeps its data, which must be read to be written back.
  if (changed && current!.data === UNREAD) state.needsData = true;
  state.result = changed ? current! : null;
}

/** One multi-row upsert of every changed object; returns the keys written (a raced insert is not among them). */
async function write(client: Queryable, states: ObjectState[]): Promise<Set<string>> {
  if (states.length === 0) return new Set();
  const results = states.map((s) => s.result!);
  const { rows } = await client.query<{ account_id: string; mode: string; resource: string; id: string }>({
    name: 'team_objects_write',
    text: `INSERT INTO stripe_objects AS o (account_id, mode, resource, id, created, deleted, fresh_lo, fresh_hi, in_doubt,
             data)
           SELECT * FROM ROWS FROM (unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]),
             unnest($5::bigint[]), unnest($6::boolean[]), unnest($7::bigint[]), unnest($8::bigint[]),
             unnest($9::boolean[]), jsonb_array_elements($10::jsonb))
           ON CONFLICT (account_id, mode, resource, id) DO UPDATE SET
             created = excluded.created, deleted = excluded.deleted, fresh_lo = excluded.fresh_lo,
             fresh_hi = excluded.fresh_hi, data = excluded.data, in_doubt = excluded.in_doubt,
             txid = pg_current_xact_id()
           WHERE NOT o.deleted AND (o.fresh_hi < excluded.fresh_lo OR excluded.deleted)
           RETURNING o.account_id, o.mode, o.resource, o.id`,
    // The objects as one JSON array (one native stringify), not an array literal of escaped strings.
    values: [
      ...columns(states),
      results.map((r) => r.created),
      results.map((r) => r.deleted),
      results.map((r) => r.lo),
      results.map((r) => r.hi),
      results.map((r) => r.inDoubt),
      JSON.stringify(results.map((r) => r.data)),
    ],
  });
  return new Set(rows.map((r) => keyOf(r.account_id, r.mode, r.resource, r.id)));
}
