import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CustomerDetail,
  CustomerExport,
  CustomerProfile,
  CustomerProfileInput,
  CustomerProfileView,
  CustomerPurge,
} from '../../src-preload/contract';
import { inspectCache } from '../cache/cache-file';
import { startCustomerWrites, type CustomerWritesHarness } from './writes-harness';

let h: CustomerWritesHarness;

beforeAll(async () => {
  h = await startCustomerWrites();
}, 60_000);
afterAll(() => h?.stop());

const blank: CustomerProfileInput = {
  name: null,
  email: null,
  phone: null,
  description: null,
  address: null,
  shipping: null,
  metadata: {},
  preferredLocales: [],
};
const address = {
  line1: '1 Quay Street',
  line2: null,
  city: 'Dublin',
  state: null,
  postalCode: 'D02',
  country: 'ie',
};

async function newCustomer(profile: Partial<CustomerProfileInput> = {}): Promise<string> {
  const { customerId } = await h.call<{ customerId: string }>('customers.create', {
    scope: h.scope,
    intentId: randomUUID(),
    profile: { ...blank, email: `new-${randomUUID().slice(0, 8)}@example.com`, ...profile },
  });
  return customerId;
}

const profileOf = (customerId: string) =>
  h.call<CustomerProfileView>('customers.profile', { scope: h.scope, customerId });

function update(customerId: string, profile: CustomerProfile | CustomerProfileInput, intentId = randomUUID()) {
  return h.call<CustomerProfileView>('customers.update', { scope: h.scope, customerId, intentId, profile });
}

/** Every byte the cache file holds about anything, as text: a purge must leave none of the customer in it. */
function cacheText(): string {
  return inspectCache(h.dataDir, h.scope, (db) => {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'`)
      .pluck()
      .all() as string[];
    return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
  });
}

describe('create and edit a customer', () => {
  it('creates a customer at Stripe and shows it from the cache at once', async () => {
    const id = await newCustomer({ name: 'Aoife Byrne', address, metadata: { plan: 'gold' } });
    const atStripe = (await h.stripe.customers.retrieve(id)) as Stripe.Customer;
    expect(atStripe).toMatchObject({ name: 'Aoife Byrne', metadata: { plan: 'gold' } });
    expect(atStripe.address).toMatchObject({ line1: '1 Quay Street', country: 'IE', line2: null });
    const view = await profileOf(id);
    expect(view.profile).toMatchObject({ name: 'Aoife Byrne', address: { city: 'Dublin', country: 'IE' } });
  });

  it('sends Stripe only what changed: email, address, shipping, metadata added, changed and removed, locales', async () => {
    const id = await newCustomer({ metadata: { keep: 'a', change: 'b', drop: 'c' }, phone: '+353 1 555' });
    const before = (await profileOf(id)).profile;
    const after = await update(id, {
      ...before,
      email: 'moved@example.com',
      address,
      shipping: { name: 'Front desk', phone: null, address },
      metadata: { keep: 'a', change: 'B', added: 'd' },
      preferredLocales: ['en', 'ga'],
    });
    expect(after.profile).toMatchObject({
      email: 'moved@example.com',
      phone: '+353 1 555',
      metadata: { keep: 'a', change: 'B', added: 'd' },
      preferredLocales: ['en', 'ga'],
      shipping: { name: 'Front desk', address: { line1: '1 Quay Street' } },
    });
    const [event] = await h.eventsFor(id, 'customer.updated');
    const previous = event!.data.previous_attributes as Record<string, unknown>;
    // The phone wasn't touched: it isn't among what changed.
    expect(Object.keys(previous).sort()).toEqual(['address', 'email', 'metadata', 'preferred_locales', 'shipping']);

    // Clearing: an emptied field and a removed address.
    const cleared = await update(id, { ...after.profile, phone: '', address: null });
    expect(cleared.profile).toMatchObject({ phone: null, address: null, email: 'moved@example.com' });
    expect(((await h.stripe.customers.retrieve(id)) as Stripe.Customer).phone).toBeNull();
    // Stripe can't unset every language: refused here, with the field named, before anything is sent.
    const noLocales = await h.refusal('customers.update', {
      scope: h.scope,
      customerId: id,
      intentId: randomUUID(),
      profile: { ...cleared.profile, preferredLocales: [] },
    });
    expect(noLocales.details?.path).toBe('profile.preferredLocales');
  });

  it('a resend of the same confirmation changes the customer once', async () => {
    const id = await newCustomer();
    const intentId = randomUUID();
    const profile = { ...(await profileOf(id)).profile, name: 'Once Only' };
    await Promise.all([update(id, profile, intentId), update(id, profile, intentId)]);
    await update(id, profile, intentId);
    expect(await h.eventsFor(id, 'customer.updated')).toHaveLength(1);
    expect(h.ledger.find(intentId)?.state).toBe('succeeded');
  });

  it('saving an unchanged profile sends nothing', async () => {
    const id = await newCustomer();
    await update(id, (await profileOf(id)).profile);
    expect(await h.eventsFor(id, 'customer.updated')).toHaveLength(0);
  });
});

describe('bad input is refused before sending, with the field named', () => {
  it.each([
    ['email', { email: 'not-an-email' }, 'profile.email'],
    ['metadata key too long', { metadata: { ['k'.repeat(41)]: 'v' } }, 'profile.metadata'],
    ['metadata value too long', { metadata: { note: 'x'.repeat(501) } }, 'profile.metadata.note'],
    [
      'too many metadata keys',
      { metadata: Object.fromEntries([...Array(51).keys()].map((i) => [`k${i}`, 'v'])) },
      'profile.metadata',
    ],
    ['locale', { preferredLocales: ['english'] }, 'profile.preferredLocales.0'],
    ['country', { address: { ...address, country: 'Ireland' } }, 'profile.address.country'],
    [
      'shipping without a street',
      { shipping: { name: 'X', phone: null, address: { ...address, line1: null } } },
      'profile.shipping.address.line1',
    ],
  ])('%s', async (_, change, path) => {
    const id = await newCustomer();
    const before = await profileOf(id);
    const error = await h.refusal('customers.update', {
      scope: h.scope,
      customerId: id,
      intentId: randomUUID(),
      profile: { ...before.profile, ...change },
    });
    expect(error.code).toBe('invalid_input');
    expect(String(error.details?.path)).toMatch(new RegExp(`^${path.replaceAll('.', '\\.')}`));
    expect(await h.eventsFor(id, 'customer.updated')).toHaveLength(0);
    expect(await profileOf(id)).toEqual(before);
  });

  it('Stripe’s own refusal names its parameter and leaves the cache as it was', async () => {
    const id = await newCustomer();
    const other = (await h.stripe.paymentMethods.list({ limit: 100 })).data.find(
      (pm) => pm.customer && pm.customer !== id,
    )!;
    const error = await h.refusal('customers.setDefaultPaymentMethod', {
      scope: h.scope,
      customerId: id,
      intentId: randomUUID(),
      paymentMethodId: other.id,
    });
    expect(error.details).toMatchObject({ param: 'invoice_settings[default_payment_method]', outcome: 'refused' });
    expect((await profileOf(id)).defaultPaymentMethod).toBeNull();
  });

  it('a key without customer write permission is refused by Stripe and nothing changes', async () => {
    const [customer] = h.readOnlyStore.customers.search({
      filters: {},
      sort: { field: 'created', direction: 'desc' },
      limit: 1,
    }).items;
    if (!customer) throw new Error('the read-only account has no cached customer');
    const before = await h.call<CustomerProfileView>('customers.profile', {
      scope: h.readOnly,
      customerId: customer.id,
    });
    const error = await h.refusal('customers.update', {
      scope: h.readOnly,
      customerId: customer.id,
      intentId: randomUUID(),
      profile: { ...before.profile, name: 'Nope' },
    });
    expect(error).toMatchObject({ code: 'permission_denied', details: { permission: 'rak_customer_write' } });
    expect(((await h.admin(h.readOnly).customers.retrieve(customer.id)) as Stripe.Customer).name).toBe(customer.name);
  });
});

describe('payment methods', () => {
  it('makes a saved card the default, then detaches it (Stripe unsets the default)', async () => {
    const pm = (await h.stripe.paymentMethods.list({ limit: 100 })).data.find((p) => p.customer)!;
    const customerId = pm.customer as string;
    const set = await h.call<CustomerProfileView>('customers.setDefaultPaymentMethod', {
      scope: h.scope,
      customerId,
      intentId: randomUUID(),
      paymentMethodId: pm.id,
    });
    expect(set.defaultPaymentMethod).toBe(pm.id);
    await h.call('customers.detachPaymentMethod', {
      scope: h.scope,
      customerId,
      intentId: randomUUID(),
      paymentMethodId: pm.id,
    });
    expect((await h.stripe.paymentMethods.retrieve(pm.id)).customer).toBeNull();
    const detail = await h.call<CustomerDetail>('customers.get', { scope: h.scope, customerId });
    expect(detail.paymentMethods.map((m) => m.id)).not.toContain(pm.id);
    expect((await profileOf(customerId)).defaultPaymentMethod).toBeNull();
    // Detaching again: Stripe says it isn't attached any more.
    const again = await h.refusal('customers.detachPaymentMethod', {
      scope: h.scope,
      customerId,
      intentId: randomUUID(),
      paymentMethodId: pm.id,
    });
    expect(again.code).toBe('conflict');
  });
});

describe('delete, purge and export', () => {
  it('exports everything cached about one customer as JSON and CSV', async () => {
    const charge = (await h.stripe.charges.list({ limit: 100 })).data.find((c) => c.customer)!;
    const customerId = charge.customer as string;
    const exported = await h.call<CustomerExport>('customers.export', { scope: h.scope, customerId });
    const json = JSON.parse(exported.json) as { records: Record<string, { id: string }[]> };
    expect(json.records.customers![0]!.id).toBe(customerId);
    expect(json.records.charges!.map((c) => c.id)).toContain(charge.id);
    const lines = exported.csv.split('\r\n');
    expect(lines[0]).toBe('table,id,created_utc,object,data_json');
    expect(lines.length - 1).toBe(Object.values(exported.counts).reduce((a, b) => a + b, 0));
    expect(exported.filename).toMatch(new RegExp(`^customer-${customerId}-\\d{4}-\\d{2}-\\d{2}$`));
  });

  it('refuses a delete whose typed confirmation isn’t the customer’s id, sending nothing', async () => {
    const id = await newCustomer();
    const error = await h.refusal('customers.delete', {
      scope: h.scope,
      customerId: id,
      intentId: randomUUID(),
      typedConfirmation: 'yes',
    });
    expect(error.details?.path).toBe('typedConfirmation');
    expect(await h.stripe.customers.retrieve(id)).toMatchObject({ id });
  });

  it('deletes at Stripe (ending subscriptions), then leaves nothing of the customer in the cache, even after sync', async () => {
    const sub = (await h.stripe.subscriptions.list({ limit: 100, status: 'active' })).data[0]!;
    const customerId = sub.customer as string;
    const customer = (await h.stripe.customers.retrieve(customerId)) as Stripe.Customer;
    expect(cacheText()).toContain(customer.email!);
    const purge = await h.call<CustomerPurge>('customers.delete', {
      scope: h.scope,
      customerId,
      intentId: randomUUID(),
      typedConfirmation: customerId,
    });
    expect(purge.removed).toMatchObject({ customers: 1, subscriptions: expect.any(Number) });
    await expect(h.stripe.customers.retrieve(customerId)).rejects.toMatchObject({ code: 'resource_missing' });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');

    // Sync then brings customer.deleted and customer.subscription.deleted, which carry the customer's data.
    await h.sync();
    expect(cacheText()).not.toContain(customer.email!);
    expect(h.store.get('subscriptions', sub.id)).toEqual({ id: sub.id, deleted: true });
    const search = await h.call<{ items: unknown[] }>('customers.search', {
      scope: h.scope,
      query: customer.email!,
      filters: {},
      sort: { field: 'created', direction: 'desc' },
      limit: 10,
    });
    expect(search.items).toHaveLength(0);
    const detail = await h.refusal('customers.get', { scope: h.scope, customerId });
    expect(detail.code).toBe('not_found');
    const exported = await h.refusal('customers.export', { scope: h.scope, customerId });
    expect(exported.code).toBe('not_found');
  });
});
