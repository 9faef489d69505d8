import { useDeferredValue, useState } from 'react';
import type { InvoiceStatus, Scope } from '../../src-preload/contract';
import { INVOICE_STATUSES } from '../../src-preload/contract/invoices';
import { DetailPane } from '../app/DetailPane';
import { VirtualTable } from '../app/VirtualTable';
import { ListStates } from '../app/states';
import { useUi } from '../app/ui-store';
import { useInfiniteCall } from '../ipc/client';
import { useRefreshOnSync } from '../app/live-data';
import { humanLabel } from '../ui/labels';
import { InvoiceDetailPanel } from './InvoiceDetailPanel';
import { compactInvoiceColumns, invoiceColumns } from './invoice-columns';
import { INVOICE_CHANGED } from './invoice-changed';
import { MultiToggleChips } from '../ui/ToggleChips';
import './invoices.css';

const CUSTOMER_ID = /^cus_[A-Za-z0-9_]+$/;

/** Every cached invoice of the account+mode, or one customer's, with status filters and the open one's detail. */
export function InvoicesView({ scope }: { scope: Scope }) {
  const [statuses, setStatuses] = useState<InvoiceStatus[]>([]);
  const [customer, setCustomer] = useState('');
  const customerId = useDeferredValue(customer.trim());
  const selectedId = useUi((s) => s.selectedId);
  const navigate = useUi((s) => s.navigate);
  const filterCustomer = CUSTOMER_ID.test(customerId) ? customerId : null;
  const list = useInfiniteCall('invoices.list', {
    scope,
    ...(statuses.length ? { statuses } : {}),
    ...(filterCustomer ? { customerId: filterCustomer } : {}),
    limit: 100,
  });
  useRefreshOnSync(INVOICE_CHANGED);

  return (
    <div className={`view invoices-view master-detail ${selectedId ? 'with-detail' : ''}`}>
      <div className="list-pane">
        <h1>Invoices</h1>
        <div className="toolbar">
          <input
            type="search"
            placeholder="Customer id (cus_…)"
            aria-label="Invoices of customer"
            value={customer}
            onChange={(e) => setCustomer(e.target.value)}
          />
          <MultiToggleChips
            label="Status filter"
            options={INVOICE_STATUSES}
            labelOf={humanLabel}
            selected={statuses}
            onChange={setStatuses}
          />
        </div>
        {customerId && !filterCustomer ? <p className="field-error">A customer id starts with cus_.</p> : null}
        <ListStates
          list={list}
          noun="invoices"
          loadingLabel="Loading invoices…"
          narrowed={statuses.length > 0 || !!filterCustomer}
          narrowedHint="Try another status or customer."
        />
        {list.rows.length > 0 ? (
          <div className="table-host">
            <VirtualTable
              label="Invoices"
              columns={selectedId ? compactInvoiceColumns : invoiceColumns}
              rows={list.rows}
              getRowId={(row) => row.id}
              onOpen={(row) => navigate('invoices', row.id)}
              onEndReached={() => void list.fetchNextPage()}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              activeId={selectedId}
            />
          </div>
        ) : null}
      </div>
      {selectedId?.startsWith('in_') ? (
        <DetailPane key={selectedId} label="Invoice">
          <InvoiceDetailPanel scope={scope} id={selectedId} onClose={() => navigate('invoices')} />
        </DetailPane>
      ) : null}
    </div>
  );
}
