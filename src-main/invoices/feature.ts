import type { Scope } from '../../src-preload/contract';
import type { CoreServices, Feature } from '../app/feature';
import type { CacheAccess } from '../cache/cache-access';
import { InvoiceQueries } from './invoice-queries';
import { InvoiceWrites } from './invoice-writes';
import { InvoiceSending } from './invoice-send';

type InvoicesCalls =
  | 'invoices.list'
  | 'invoices.get'
  | 'invoices.act'
  | 'invoices.previewCreditNote'
  | 'invoices.createCreditNote'
  | 'invoices.sendForAmount';

/** Invoices: the list (all or one customer's), detail, confirmed actions and credit notes. */
export function createInvoicesFeature(core: CoreServices, deps: CacheAccess): Feature<InvoicesCalls> {
  const writes = new InvoiceWrites({
    ...deps,
    ledger: core.ledger,
    gateway: core.gateway,
    agent: core.agent,
    now: core.now,
  });
  const sending = new InvoiceSending({
    ...deps,
    ledger: core.ledger,
    gateway: core.gateway,
    agent: core.agent,
    now: core.now,
  });
  const queries = (scope: Scope) => new InvoiceQueries(deps.caches.open(scope));
  return {
    handlers: {
      'invoices.list': ({ scope, ...search }) => queries(scope).list(search),
      'invoices.get': ({ scope, id }) => queries(scope).get(id, scope.mode),
      'invoices.act': ({ scope, id, intentId, action }) => writes.act(scope, id, intentId, action),
      'invoices.previewCreditNote': ({ scope, id, creditNote }) => writes.previewCreditNote(scope, id, creditNote),
      'invoices.createCreditNote': ({ scope, id, intentId, creditNote }) =>
        writes.createCreditNote(scope, id, intentId, creditNote),
      'invoices.sendForAmount': ({ scope, ...request }) => sending.send(scope, request),
    },
  };
}
